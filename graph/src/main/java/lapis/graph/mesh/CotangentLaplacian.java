package lapis.graph.mesh;

import java.util.Objects;
import lapis.graph.SymmetricSparseMatrix;

/**
 * The cotangent Laplacian of a triangle mesh with a lumped mass matrix: the linear finite-element discretisation
 * of the Laplace-Beltrami operator (Pinkall and Polthier, "Computing discrete minimal surfaces and their
 * conjugates", Experimental Mathematics 2(1), 1993; MacNeal 1949).
 *
 * <p>Stiffness: for an edge ij with opposite angles a_ij and b_ij in its two triangles, L_ij = -(cot a_ij +
 * cot b_ij)/2, and L_ii = -sum_{j != i} L_ij, so L 1 = 0 and x^T L x is the Dirichlet energy of the piecewise
 * linear interpolant of x. A boundary edge has one opposite angle (the natural, Neumann, boundary condition); an
 * edge shared by more than two triangles sums all of its opposite angles. L is positive semi-definite on any mesh
 * whose cotangent weights are non-negative (a Delaunay mesh); an obtuse pair of angles can make a weight negative.
 * Mass: see {@link MassLumping}. The eigenvalues of L v = lambda M v converge to those of -Delta as the mesh is
 * refined; on the unit sphere they approach l(l+1), with multiplicity 2l+1.
 *
 * <p>Cost: O(f) to assemble and O((n + f) log) to sort the 3f + n triplets into rows. Stateless.
 */
public final class CotangentLaplacian {
    private CotangentLaplacian() {
    }

    /** The cotangent Laplacian with the mixed Voronoi mass ({@link MassLumping#VORONOI}, libigl's default). */
    public static MeshLaplacian of(TriangleMesh mesh) {
        return of(mesh, MassLumping.VORONOI);
    }

    /**
     * The cotangent Laplacian with the given lumping of the mass.
     *
     * @throws IllegalArgumentException naming a degenerate triangle (see {@link TriangleMesh#isDegenerate}) or a
     *     vertex that belongs to no triangle, whose mass would be zero
     */
    public static MeshLaplacian of(TriangleMesh mesh, MassLumping lumping) {
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(lumping, "lumping");
        int n = mesh.vertexCount();
        int f = mesh.triangleCount();
        int[] rows = new int[3 * f + n];
        int[] cols = new int[3 * f + n];
        double[] vals = new double[3 * f + n];
        double[] diagonal = new double[n];
        double[] mass = new double[n];
        int count = 0;
        double[] p = new double[9];
        double[] cot = new double[3];
        double[] edge2 = new double[3];
        for (int t = 0; t < f; t++) {
            if (mesh.isDegenerate(t)) {
                throw new IllegalArgumentException("triangle " + t + " (" + mesh.corner(t, 0) + ", "
                        + mesh.corner(t, 1) + ", " + mesh.corner(t, 2) + ") is degenerate (area "
                        + mesh.area(t) + "); its cotangents are undefined");
            }
            for (int c = 0; c < 3; c++) {
                for (int axis = 0; axis < 3; axis++) {
                    p[3 * c + axis] = mesh.coordinate(mesh.corner(t, c), axis);
                }
            }
            double doubleArea = 2 * mesh.area(t);
            for (int c = 0; c < 3; c++) {
                int a = 3 * ((c + 1) % 3);
                int b = 3 * ((c + 2) % 3);
                double dot = 0;
                double len2 = 0;
                for (int axis = 0; axis < 3; axis++) {
                    double u = p[a + axis] - p[3 * c + axis];
                    double v = p[b + axis] - p[3 * c + axis];
                    double w = p[b + axis] - p[a + axis];
                    dot += u * v;
                    len2 += w * w;
                }
                cot[c] = dot / doubleArea;
                edge2[c] = len2;
            }
            for (int c = 0; c < 3; c++) {
                int i = mesh.corner(t, (c + 1) % 3);
                int j = mesh.corner(t, (c + 2) % 3);
                double w = cot[c] / 2;
                rows[count] = i;
                cols[count] = j;
                vals[count++] = -w;
                diagonal[i] += w;
                diagonal[j] += w;
            }
            addMass(mesh, t, lumping, doubleArea / 2, cot, edge2, mass);
        }
        for (int i = 0; i < n; i++) {
            if (!(mass[i] > 0)) {
                throw new IllegalArgumentException("vertex " + i + " belongs to no triangle; its mass would be "
                        + mass[i] + " and M singular (remove unreferenced vertices first)");
            }
            rows[count] = i;
            cols[count] = i;
            vals[count++] = diagonal[i];
        }
        return new MeshLaplacian(SymmetricSparseMatrix.assemble(n, rows, cols, vals, count), mass, lumping);
    }

    /** cot[c] is the cotangent at corner c, edge2[c] the squared length of the edge opposite corner c. */
    private static void addMass(TriangleMesh mesh, int t, MassLumping lumping, double area, double[] cot,
            double[] edge2, double[] mass) {
        if (lumping == MassLumping.BARYCENTRIC) {
            for (int c = 0; c < 3; c++) {
                mass[mesh.corner(t, c)] += area / 3;
            }
            return;
        }
        int obtuse = -1;
        for (int c = 0; c < 3; c++) {
            if (cot[c] < 0) {
                obtuse = c;
            }
        }
        for (int c = 0; c < 3; c++) {
            double share;
            if (obtuse < 0) {
                int q = (c + 1) % 3;
                int r = (c + 2) % 3;
                share = (edge2[q] * cot[q] + edge2[r] * cot[r]) / 8;
            } else {
                share = c == obtuse ? area / 2 : area / 4;
            }
            mass[mesh.corner(t, c)] += share;
        }
    }
}
