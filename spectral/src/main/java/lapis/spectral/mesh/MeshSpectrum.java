package lapis.spectral.mesh;

import java.time.Duration;
import java.util.Objects;
import lapis.graph.SymmetricSparseMatrix;
import lapis.graph.mesh.MeshLaplacian;
import lapis.graph.mesh.TriangleMesh;
import lapis.spectral.EigenResult;
import lapis.spectral.dense.SymmetricEigen;
import lapis.spectral.op.SparseMatrixOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * The generalised eigenproblem L v = lambda M v of a triangle mesh's discrete Laplace-Beltrami operator
 * ({@link MeshLaplacian}: cotangent stiffness L, diagonal lumped mass M) in the forms Lapis's solvers take: its null
 * space in closed form, its two operators, and an exact dense solve. Its eigenvalues approximate those of -Delta on
 * the surface (on the unit sphere l(l+1), multiplicity 2l+1), and its eigenvectors are M-orthonormal,
 * v_i^T M v_j = delta_ij. Stateless.
 *
 * <p><b>Null space.</b> L is the stiffness matrix of linear finite elements: x^T L x is the Dirichlet energy of the
 * piecewise linear interpolant of x, a sum of one positive semi-definite term per triangle, so L is positive
 * semi-definite on every mesh (an obtuse angle can make an off-diagonal L_ij positive, never the energy negative).
 * The energy is 0 exactly when the interpolant is constant on every triangle, hence on every connected component
 * (triangles that share a vertex are connected). So lambda = 0 has multiplicity c, the number of components, and its
 * eigenspace is spanned by their indicators; {@link #nullSpace} returns them M-normalised, 1_C / sqrt(area(C)).
 *
 * <p><b>Dense.</b> With M diagonal and positive, w = M^1/2 v turns the problem into the symmetric A w = lambda w with
 * A = M^-1/2 L M^-1/2, which {@link #dense} solves with {@link SymmetricEigen} before mapping back v = M^-1/2 w
 * (M-orthonormal because the w are orthonormal). Exact to round-off; O(n^3) time and O(n^2) memory, for meshes of a
 * few thousand vertices at most.
 *
 * <p><b>Sparse.</b> For the k smallest pairs of a large mesh, pass {@link #stiffness} as A, {@link #mass} as B and
 * {@link #nullSpace} to the solver's {@code withNullSpace}:
 * <pre>{@code
 * MeshLaplacian m = CotangentLaplacian.of(mesh);
 * DMatrixRMaj z = MeshSpectrum.nullSpace(mesh, m);
 * EigenResult r = new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withNullSpace(z))
 *         .smallest(MeshSpectrum.stiffness(m), MeshSpectrum.mass(m), 20).orThrow();
 * }</pre>
 * Both operators are explicit matrices, so {@link lapis.spectral.sparse.SparseEigensolvers#recommended} chooses
 * shift-invert Lanczos, which factors L - sigma M with sigma = -1e-4 ||L||_inf / max M_ii &lt; 0: positive definite,
 * because L is semi-definite. The c zero pairs then come first, exact, and the solver iterates only on the rest.
 */
public final class MeshSpectrum {
    /** The name {@link #dense} records in its results. */
    public static final String DENSE_SOLVER = SymmetricEigen.SOLVER + " of M^-1/2 L M^-1/2";

    private MeshSpectrum() {
    }

    /** The stiffness L as an operator, without copying it. */
    public static SparseMatrixOperator stiffness(MeshLaplacian m) {
        Objects.requireNonNull(m, "m");
        return SparseMatrixOperator.of(m.stiffness());
    }

    /** The lumped mass M = diag(m.mass()) as an operator. O(n). */
    public static SparseMatrixOperator mass(MeshLaplacian m) {
        Objects.requireNonNull(m, "m");
        return SparseMatrixOperator.of(SymmetricSparseMatrix.diagonal(m.mass()));
    }

    /**
     * An M-orthonormal basis of the null space of L: one column per connected component C of the mesh (components
     * numbered in order of their smallest vertex), equal to 1 / sqrt(sum_{i in C} M_ii) on C and 0 elsewhere.
     * O(n + f) (union-find over the triangles' corners).
     *
     * @throws IllegalArgumentException if m has a size other than the mesh's vertex count
     */
    public static DMatrixRMaj nullSpace(TriangleMesh mesh, MeshLaplacian m) {
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(m, "m");
        int n = mesh.vertexCount();
        if (m.size() != n) {
            throw new IllegalArgumentException("a mesh Laplacian of size " + m.size() + " for a mesh of " + n
                    + " vertices");
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int t = 0; t < mesh.triangleCount(); t++) {
            int a = root(parent, mesh.corner(t, 0));
            for (int c = 1; c < 3; c++) {
                int b = root(parent, mesh.corner(t, c));
                if (a != b) {
                    parent[Math.max(a, b)] = Math.min(a, b);
                    a = Math.min(a, b);
                }
            }
        }
        int[] column = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int r = root(parent, i);
            column[i] = r == i ? count++ : column[r];
        }
        double[] area = new double[count];
        for (int i = 0; i < n; i++) {
            area[column[i]] += m.mass(i);
        }
        DMatrixRMaj z = new DMatrixRMaj(n, count);
        for (int i = 0; i < n; i++) {
            z.set(i, column[i], 1 / Math.sqrt(area[column[i]]));
        }
        return z;
    }

    /** The root of i, halving the path on the way; roots are the smallest vertex of their set. */
    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * All n pairs of L v = lambda M v, eigenvalues ascending, eigenvectors M-orthonormal, residuals
     * ||L v - lambda M v||_2: the symmetric A = M^-1/2 L M^-1/2 solved densely, v = M^-1/2 w. The sign of each
     * vector is {@link SymmetricEigen}'s choice for w (its largest-magnitude entry positive), which M^-1/2 keeps.
     * O(n^3) time, O(n^2) memory; m: not modified.
     */
    public static EigenResult dense(MeshLaplacian m) {
        Objects.requireNonNull(m, "m");
        long start = System.nanoTime();
        int n = m.size();
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = 1 / Math.sqrt(m.mass(i));
        }
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        m.stiffness().forEachEntry((i, j, v) -> a.data[i * n + j] = v * (s[i] * s[j]));
        EigenResult w = SymmetricEigen.of(a);
        DMatrixRMaj v = w.eigenvectors(null);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < n; c++) {
                v.data[i * n + c] *= s[i];
            }
        }
        double[] values = w.eigenvalues();
        return new EigenResult(values, v, residualNorms(m, values, v), w.iterations(), 0,
                Duration.ofNanos(System.nanoTime() - start), true, DENSE_SOLVER);
    }

    /**
     * r_c = ||L v_c - lambda_c M v_c||_2 for every column v_c of vectors. O(nnz(L) k). Nothing is modified.
     *
     * @throws IllegalArgumentException naming the shapes if they do not match
     */
    public static double[] residualNorms(MeshLaplacian m, double[] values, DMatrixRMaj vectors) {
        Objects.requireNonNull(m, "m");
        int n = m.size();
        int k = vectors.numCols;
        if (vectors.numRows != n || values.length != k) {
            throw new IllegalArgumentException("shapes do not match: L " + n + "x" + n + ", V " + vectors.numRows
                    + "x" + k + ", " + values.length + " values");
        }
        DMatrixRMaj lv = m.stiffness().multiply(vectors, null);
        double[] sums = new double[k];
        for (int r = 0; r < n; r++) {
            double mass = m.mass(r);
            for (int c = 0; c < k; c++) {
                double d = lv.data[r * k + c] - values[c] * mass * vectors.data[r * k + c];
                sums[c] += d * d;
            }
        }
        for (int c = 0; c < k; c++) {
            sums[c] = Math.sqrt(sums[c]);
        }
        return sums;
    }
}
