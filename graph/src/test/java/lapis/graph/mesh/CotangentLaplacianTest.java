package lapis.graph.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CotangentLaplacianTest {

    /** Right isosceles triangle: angles 90 degrees at vertex 0 (cot 0) and 45 at vertices 1, 2 (cot 1). */
    private static final TriangleMesh RIGHT = new TriangleMesh(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0},
            new int[] {0, 1, 2});

    @Test
    void rightTriangleHasTheHandComputedStiffnessAndMasses() {
        MeshLaplacian m = CotangentLaplacian.of(RIGHT, MassLumping.VORONOI);
        double[][] expected = {{1, -0.5, -0.5}, {-0.5, 0.5, 0}, {-0.5, 0, 0.5}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], m.stiffness().get(i, j), 1e-15, i + "," + j);
            }
        }
        // Voronoi: (|PR|^2 cot Q + |PQ|^2 cot R)/8 = (1 + 1)/8 at the right angle, (1 + 2 * 0)/8 at the others
        assertArrayEquals(new double[] {0.25, 0.125, 0.125}, m.mass(), 1e-15);
        assertArrayEquals(new double[] {1 / 6.0, 1 / 6.0, 1 / 6.0},
                CotangentLaplacian.of(RIGHT, MassLumping.BARYCENTRIC).mass(), 1e-15);
    }

    @Test
    void obtuseTriangleGivesHalfTheAreaToTheObtuseCorner() {
        TriangleMesh obtuse = new TriangleMesh(new double[] {0, 0, 0, 2, 0, 0, 1, 0.2, 0}, new int[] {0, 1, 2});
        MeshLaplacian m = CotangentLaplacian.of(obtuse, MassLumping.VORONOI);
        double area = 0.2;
        assertArrayEquals(new double[] {area / 4, area / 4, area / 2}, m.mass(), 1e-15);
        // the obtuse angle at vertex 2 has a negative cotangent: (u.v)/|u x v| = (-1 * 1 + -0.2 * -0.2)/0.4
        assertEquals(-(-0.96 / 0.4) / 2, m.stiffness().get(0, 1), 1e-14);
    }

    @Test
    void linearFunctionsAreHarmonicAtInteriorVerticesOfAPlanarMesh() {
        TriangleMesh grid = jitteredGrid(9, new Random(3));
        MeshLaplacian m = CotangentLaplacian.of(grid, MassLumping.VORONOI);
        int n = grid.vertexCount();
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = 0.7 * grid.coordinate(i, 0) - 1.3 * grid.coordinate(i, 1) + 2.0;
        }
        double[] lf = new double[n];
        m.stiffness().multiply(f, lf);
        for (int i = 0; i < n; i++) {
            int r = i / 9;
            int c = i % 9;
            boolean interior = r > 0 && r < 8 && c > 0 && c < 8;
            if (interior) {
                assertEquals(0.0, lf[i], 1e-12, "vertex " + i);
            }
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        double[] l1 = new double[n];
        m.stiffness().multiply(ones, l1);
        for (double v : l1) {
            assertEquals(0.0, v, 1e-12);
        }
        assertEquals(grid.totalArea(), m.totalMass(), 1e-12);
        assertEquals(grid.totalArea(), CotangentLaplacian.of(grid, MassLumping.BARYCENTRIC).totalMass(), 1e-12);
    }

    @Test
    void scalingTheMeshLeavesStiffnessAndScalesMassBySquare() {
        TriangleMesh sphere = Icosphere.of(1);
        MeshLaplacian a = CotangentLaplacian.of(sphere);
        MeshLaplacian b = CotangentLaplacian.of(sphere.scaled(3.0));
        for (int i = 0; i < sphere.vertexCount(); i++) {
            assertEquals(9 * a.mass(i), b.mass(i), 1e-13);
            for (int j = 0; j < sphere.vertexCount(); j++) {
                assertEquals(a.stiffness().get(i, j), b.stiffness().get(i, j), 1e-13);
            }
        }
    }

    @Test
    void cornerOrderDoesNotMatter() {
        TriangleMesh sphere = Icosphere.of(1);
        int[] t = sphere.triangles();
        for (int f = 0; f < t.length / 3; f += 2) {
            int s = t[3 * f];
            t[3 * f] = t[3 * f + 1];
            t[3 * f + 1] = s;
        }
        MeshLaplacian a = CotangentLaplacian.of(sphere);
        MeshLaplacian b = CotangentLaplacian.of(new TriangleMesh(sphere.vertices(), t));
        assertArrayEquals(a.mass(), b.mass(), 1e-15);
        assertArrayEquals(a.stiffness().toDense().data, b.stiffness().toDense().data, 1e-15);
    }

    @Test
    void icosphereEigenvaluesApproachLTimesLPlusOne() {
        TriangleMesh sphere = Icosphere.of(3);
        assertEquals(642, sphere.vertexCount());
        for (MassLumping lumping : MassLumping.values()) {
            double[] lambda = DenseMeshSpectra.generalisedEigenvalues(CotangentLaplacian.of(sphere, lumping));
            assertEquals(0.0, lambda[0], 1e-9);
            int k = 1;
            for (int l = 1; l <= 3; l++) {
                double exact = l * (l + 1);
                for (int m = 0; m < 2 * l + 1; m++, k++) {
                    double rel = Math.abs(lambda[k] - exact) / exact;
                    assertTrue(rel < 0.05, lumping + " eigenvalue " + k + " = " + lambda[k] + ", exact " + exact);
                }
            }
            // the next level l = 4 (20) must not have been absorbed: the gap is visible
            assertTrue(lambda[16] > 16, lumping + " eigenvalue 16 = " + lambda[16]);
        }
    }

    @Test
    void degenerateTriangleAndUnreferencedVertexAreRefused() {
        TriangleMesh flat = new TriangleMesh(new double[] {0, 0, 0, 1, 0, 0, 2, 0, 0}, new int[] {0, 1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CotangentLaplacian.of(flat));
        assertTrue(e.getMessage().contains("triangle 0 (0, 1, 2) is degenerate"), e.getMessage());
        TriangleMesh extra = new TriangleMesh(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 5, 5, 5}, new int[] {0, 1, 2});
        e = assertThrows(IllegalArgumentException.class, () -> CotangentLaplacian.of(extra));
        assertTrue(e.getMessage().contains("vertex 3 belongs to no triangle"), e.getMessage());
    }

    @Test
    void meshConstructorNamesBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TriangleMesh(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 3}));
        assertTrue(e.getMessage().contains("triangle 0 (0, 1, 3) has vertex 3 out of range 0..2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TriangleMesh(new double[] {0, 0, 0, 1, Double.NaN, 0, 0, 1, 0}, new int[] {0, 1, 2}));
        assertTrue(e.getMessage().contains("vertex 1 has coordinate y = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TriangleMesh(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 1}));
        assertTrue(e.getMessage().contains("repeats a vertex"), e.getMessage());
    }

    /** A k x k grid of the unit square in the plane z = 0, interior vertices moved at random by up to 0.3 h. */
    private static TriangleMesh jitteredGrid(int k, Random rnd) {
        double h = 1.0 / (k - 1);
        double[] v = new double[3 * k * k];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                boolean interior = r > 0 && r < k - 1 && c > 0 && c < k - 1;
                double jx = interior ? 0.3 * h * (2 * rnd.nextDouble() - 1) : 0;
                double jy = interior ? 0.3 * h * (2 * rnd.nextDouble() - 1) : 0;
                v[3 * (r * k + c)] = c * h + jx;
                v[3 * (r * k + c) + 1] = r * h + jy;
            }
        }
        int[] t = new int[6 * (k - 1) * (k - 1)];
        int p = 0;
        for (int r = 0; r < k - 1; r++) {
            for (int c = 0; c < k - 1; c++) {
                int a = r * k + c;
                int[] two = {a, a + 1, a + k + 1, a, a + k + 1, a + k};
                System.arraycopy(two, 0, t, p, 6);
                p += 6;
            }
        }
        return new TriangleMesh(v, t);
    }
}
