package lapis.spectral.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lapis.graph.mesh.CotangentLaplacian;
import lapis.graph.mesh.DenseMeshSpectra;
import lapis.graph.mesh.MassLumping;
import lapis.graph.mesh.MeshLaplacian;
import lapis.graph.mesh.TriangleMesh;
import lapis.spectral.EigenResult;
import lapis.spectral.SymmetricEigensolver;
import lapis.spectral.sparse.Lobpcg;
import lapis.spectral.sparse.SparseEigensolvers;
import lapis.spectral.sparse.ThickRestartLanczos;
import lapis.spectral.subspace.Subspaces;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class MeshSpectrumTest {

    /** The regular tetrahedron (+-1, +-1, +-1) with an even number of minus signs: edge length a = 2 sqrt 2. */
    static TriangleMesh tetrahedron() {
        return new TriangleMesh(new double[] {1, 1, 1, 1, -1, -1, -1, 1, -1, -1, -1, 1},
                new int[] {0, 1, 2, 0, 3, 1, 0, 2, 3, 1, 3, 2});
    }

    /** The regular octahedron +-e_x, +-e_y, +-e_z, inscribed in the unit sphere. */
    static TriangleMesh octahedron() {
        return new TriangleMesh(new double[] {1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1},
                new int[] {0, 2, 4, 2, 1, 4, 1, 3, 4, 3, 0, 4, 2, 0, 5, 1, 2, 5, 3, 1, 5, 0, 3, 5});
    }

    /**
     * A torus of revolution (radii 1 and 0.4) as a u x v grid of quads, each split into two triangles, shifted by
     * (dx, 0, 0) and with its vertex indices offset by {@code first}.
     */
    static void torus(int u, int v, double dx, int first, double[] coords, int[] triangles, int triangleOffset) {
        for (int i = 0; i < u; i++) {
            for (int j = 0; j < v; j++) {
                double a = 2 * Math.PI * i / u;
                double b = 2 * Math.PI * j / v;
                int p = 3 * (first + i * v + j);
                coords[p] = (1 + 0.4 * Math.cos(b)) * Math.cos(a) + dx;
                coords[p + 1] = (1 + 0.4 * Math.cos(b)) * Math.sin(a);
                coords[p + 2] = 0.4 * Math.sin(b);
                int q00 = first + i * v + j;
                int q10 = first + ((i + 1) % u) * v + j;
                int q01 = first + i * v + (j + 1) % v;
                int q11 = first + ((i + 1) % u) * v + (j + 1) % v;
                int t = 3 * (triangleOffset + 2 * (i * v + j));
                System.arraycopy(new int[] {q00, q10, q11, q00, q11, q01}, 0, triangles, t, 6);
            }
        }
    }

    /** Two disjoint tori of 30 x 10 vertices each: n = 600, two components. */
    static TriangleMesh twoTori() {
        int u = 30;
        int v = 10;
        double[] coords = new double[3 * 2 * u * v];
        int[] triangles = new int[3 * 2 * 2 * u * v];
        torus(u, v, 0, 0, coords, triangles, 0);
        torus(u, v, 5, u * v, coords, triangles, 2 * u * v);
        return new TriangleMesh(coords, triangles);
    }

    /** max |V^T M V - I|. */
    static double massOrthonormalityError(DMatrixRMaj v, MeshLaplacian m) {
        DMatrixRMaj mv = v.copy();
        for (int i = 0; i < v.numRows; i++) {
            for (int c = 0; c < v.numCols; c++) {
                mv.set(i, c, m.mass(i) * v.get(i, c));
            }
        }
        DMatrixRMaj g = new DMatrixRMaj(v.numCols, v.numCols);
        CommonOps_DDRM.multTransA(v, mv, g);
        double worst = 0;
        for (int i = 0; i < g.numRows; i++) {
            for (int j = 0; j < g.numCols; j++) {
                worst = Math.max(worst, Math.abs(g.get(i, j) - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }

    /** The columns [from, to) of v. */
    static DMatrixRMaj columns(DMatrixRMaj v, int from, int to) {
        return CommonOps_DDRM.extract(v, 0, v.numRows, from, to);
    }

    @Test
    void tetrahedronHasZeroAndSixteenOverThreeASquaredThreeTimes() {
        // Every angle is 60 degrees: L_ij = -(2 cot 60)/2 = -1/sqrt 3 on the 6 edges, L_ii = sqrt 3, so
        // L = (4 I - J)/sqrt 3 with eigenvalues 0 and 4/sqrt 3 (x3). Each vertex lies in 3 equilateral faces of
        // area sqrt(3) a^2/4 and gets a third of each (Voronoi = barycentric here): M = sqrt(3) a^2/4 I.
        // lambda = 16/(3 a^2) = 2/3 for a^2 = 8, with eigenspace the coordinate functions x, y, z.
        TriangleMesh tet = tetrahedron();
        for (MassLumping lumping : MassLumping.values()) {
            MeshLaplacian m = CotangentLaplacian.of(tet, lumping);
            EigenResult r = MeshSpectrum.dense(m);
            assertEquals(0, r.eigenvalue(0), 1e-14, lumping.toString());
            for (int i = 1; i < 4; i++) {
                assertEquals(2.0 / 3, r.eigenvalue(i), 1e-14, lumping + " eigenvalue " + i);
            }
            DMatrixRMaj v = r.eigenvectors(null);
            for (int i = 0; i < 4; i++) {
                assertEquals(v.get(0, 0), v.get(i, 0), 1e-14, "lambda_0 has a constant eigenvector");
                assertTrue(r.residualNorm(i) < 1e-14, "residual " + r.residualNorm(i));
            }
            assertTrue(massOrthonormalityError(v, m) < 1e-14);
            DMatrixRMaj xyz = new DMatrixRMaj(4, 3);
            for (int i = 0; i < 4; i++) {
                for (int axis = 0; axis < 3; axis++) {
                    xyz.set(i, axis, tet.coordinate(i, axis));
                }
            }
            assertTrue(Subspaces.projectorDistance(columns(v, 1, 4), xyz) < 1e-13, "eigenspace = span(x, y, z)");
        }
    }

    @Test
    void octahedronOnTheUnitSphereHasTheSphereLambdaTwoExactly() {
        // L = (5 I - J + P)/sqrt 3, P the antipodal swap; M = (2/sqrt 3) I (4 faces of area sqrt(3)/2, a third
        // each). Odd vectors (P v = -v: x, y, z) give 4/sqrt 3 -> lambda = 2 = l(l+1) for l = 1, exactly; even
        // vectors of mean zero give 6/sqrt 3 -> lambda = 3, twice.
        MeshLaplacian m = CotangentLaplacian.of(octahedron());
        EigenResult r = MeshSpectrum.dense(m);
        double[] expected = {0, 2, 2, 2, 3, 3};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], r.eigenvalue(i), 1e-14, "eigenvalue " + i);
        }
        assertEquals(4 * Math.sqrt(3), m.totalMass(), 1e-14, "8 faces of area sqrt(3)/2");
    }

    @Test
    void denseAgreesWithTheIndependentReferenceOnTwoTori() {
        TriangleMesh mesh = twoTori();
        for (MassLumping lumping : MassLumping.values()) {
            MeshLaplacian m = CotangentLaplacian.of(mesh, lumping);
            EigenResult r = MeshSpectrum.dense(m);
            double[] reference = DenseMeshSpectra.generalisedEigenvalues(m);
            double scale = reference[reference.length - 1];
            for (int i = 0; i < reference.length; i++) {
                assertEquals(reference[i], r.eigenvalue(i), 1e-12 * scale, lumping + " eigenvalue " + i);
            }
            assertTrue(r.maxResidualNorm() < 1e-12 * m.stiffness().normInf(), "residual " + r.maxResidualNorm());
            assertTrue(massOrthonormalityError(r.eigenvectors(null), m) < 1e-12);
        }
    }

    @Test
    void nullSpaceIsOneMassNormalisedIndicatorPerComponent() {
        TriangleMesh mesh = twoTori();
        MeshLaplacian m = CotangentLaplacian.of(mesh);
        DMatrixRMaj z = MeshSpectrum.nullSpace(mesh, m);
        assertEquals(2, z.numCols);
        int half = mesh.vertexCount() / 2;
        for (int i = 0; i < mesh.vertexCount(); i++) {
            assertEquals(i < half ? z.get(0, 0) : 0, z.get(i, 0), 0.0);
            assertEquals(i < half ? 0 : z.get(half, 1), z.get(i, 1), 0.0);
        }
        assertTrue(massOrthonormalityError(z, m) < 1e-14);
        DMatrixRMaj lz = m.stiffness().multiply(z, null);
        assertTrue(CommonOps_DDRM.elementMaxAbs(lz) < 1e-13 * m.stiffness().normInf(), "L z = 0");
        assertThrows(IllegalArgumentException.class, () -> MeshSpectrum.nullSpace(tetrahedron(), m));
    }

    @Test
    void sparseSolversWithDeflatedNullSpaceMatchDense() {
        TriangleMesh mesh = twoTori();
        MeshLaplacian m = CotangentLaplacian.of(mesh);
        DMatrixRMaj z = MeshSpectrum.nullSpace(mesh, m);
        EigenResult dense = MeshSpectrum.dense(m);
        int k = 14;
        double tol = 1e-10;
        SymmetricEigensolver[] solvers = {
            SparseEigensolvers.recommended(MeshSpectrum.stiffness(m), MeshSpectrum.mass(m), tol, z),
            new Lobpcg(Lobpcg.Options.defaults().withTolerance(tol).withNullSpace(z))};
        assertTrue(solvers[0] instanceof ThickRestartLanczos, "explicit L and M: shift-invert Lanczos");
        double normL = m.stiffness().normInf();
        for (SymmetricEigensolver solver : solvers) {
            EigenResult r = solver.smallest(MeshSpectrum.stiffness(m), MeshSpectrum.mass(m), k).orThrow();
            DMatrixRMaj v = r.eigenvectors(null);
            double[] honest = MeshSpectrum.residualNorms(m, r.eigenvalues(), v);
            for (int i = 0; i < k; i++) {
                assertEquals(dense.eigenvalue(i), r.eigenvalue(i), 1e-9 * Math.max(1, dense.eigenvalue(i)),
                        r.solver() + " eigenvalue " + i);
                assertTrue(honest[i] <= tol * normL * 1.0001, r.solver() + " residual " + honest[i]);
            }
            assertEquals(0, r.eigenvalue(0), 0.0);
            assertEquals(0, r.eigenvalue(1), 0.0);
            assertTrue(Subspaces.projectorDistance(columns(v, 0, 2), z) < 1e-12, "the deflated pairs are Z");
            assertTrue(massOrthonormalityError(v, m) < 1e-9);
            // the 14 pairs end where the two tori's identical spectra leave a gap: compare whole subspaces
            assertTrue(dense.eigenvalue(k) - dense.eigenvalue(k - 1) > 1e-3, "k ends a cluster");
            assertTrue(Subspaces.projectorDistance(v, columns(dense.eigenvectors(null), 0, k)) < 1e-7,
                    r.solver() + " subspace");
        }
    }
}
