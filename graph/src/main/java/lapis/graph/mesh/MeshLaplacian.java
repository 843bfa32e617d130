package lapis.graph.mesh;

import java.util.Objects;
import lapis.graph.SymmetricSparseMatrix;

/**
 * The discrete Laplace-Beltrami operator of a triangle mesh as the pair (L, M) of the generalised eigenproblem
 * L v = lambda M v: L the symmetric positive semi-definite cotangent stiffness matrix and M the diagonal lumped mass
 * matrix. Its eigenvalues approximate those of -Delta on the surface, and the eigenvectors are M-orthonormal.
 * Immutable; {@link #mass()} copies.
 *
 * @param stiffness L, with L_ij = -(cot a_ij + cot b_ij)/2 and zero row sums
 * @param mass the diagonal of M, every entry &gt; 0
 * @param lumping how M was lumped
 */
public record MeshLaplacian(SymmetricSparseMatrix stiffness, double[] mass, MassLumping lumping) {

    public MeshLaplacian {
        Objects.requireNonNull(stiffness, "stiffness");
        Objects.requireNonNull(lumping, "lumping");
        if (mass.length != stiffness.size()) {
            throw new IllegalArgumentException("mass of length " + mass.length + " for a stiffness matrix of size "
                    + stiffness.size());
        }
        mass = mass.clone();
    }

    /** The number of vertices n. */
    public int size() {
        return mass.length;
    }

    /** A copy of the diagonal of M. */
    @Override
    public double[] mass() {
        return mass.clone();
    }

    /** M_ii. */
    public double mass(int i) {
        return mass[i];
    }

    /** sum_i M_ii, which equals the total area of the mesh. */
    public double totalMass() {
        double s = 0;
        for (double m : mass) {
            s += m;
        }
        return s;
    }
}
