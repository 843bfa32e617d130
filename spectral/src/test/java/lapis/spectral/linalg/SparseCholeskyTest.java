package lapis.spectral.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.graph.SymmetricSparseMatrix;
import lapis.spectral.Fixtures;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SparseCholeskyTest {

    static SymmetricSparseMatrix shiftedLaplacian(Graph g, double shift) {
        return SymmetricSparseMatrix.of(Laplacian.of(g, Normalization.COMBINATORIAL)).plus(shift,
                SymmetricSparseMatrix.identity(g.vertexCount()));
    }

    static double relativeError(SymmetricSparseMatrix a, double[] x, double[] b) {
        double[] ax = new double[x.length];
        a.multiply(x, ax);
        double e = 0;
        double nb = 0;
        for (int i = 0; i < x.length; i++) {
            e += (ax[i] - b[i]) * (ax[i] - b[i]);
            nb += b[i] * b[i];
        }
        return Math.sqrt(e / nb);
    }

    @Test
    void solvesWeightedGraphSystemsToRoundOff() {
        SymmetricSparseMatrix a = shiftedLaplacian(Fixtures.randomWeighted(700, 1500, 1), 1e-2);
        SparseCholesky c = SparseCholesky.factor(a);
        Random r = new Random(2);
        double[] b = r.doubles(700).toArray();
        double[] x = new double[700];
        c.solve(b, x);
        assertTrue(relativeError(a, x, b) < 1e-12, "residual " + relativeError(a, x, b));
        double[] same = b.clone();
        c.solve(same, same);
        assertArrayEquals(x, same, 0.0);
    }

    @Test
    void blockSolveEqualsColumnSolvesSerialAndParallel() {
        for (int cols : new int[] {3, 24}) {
            SymmetricSparseMatrix a = shiftedLaplacian(Fixtures.grid(60, 60), 1e-3);
            SparseCholesky c = SparseCholesky.factor(a);
            int n = a.size();
            Random r = new Random(cols);
            DMatrixRMaj b = new DMatrixRMaj(n, cols);
            for (int i = 0; i < b.data.length; i++) {
                b.data[i] = r.nextGaussian();
            }
            DMatrixRMaj x = c.solve(b, null);
            for (int j = 0; j < cols; j++) {
                double[] bj = new double[n];
                double[] xj = new double[n];
                for (int i = 0; i < n; i++) {
                    bj[i] = b.get(i, j);
                }
                c.solve(bj, xj);
                for (int i = 0; i < n; i++) {
                    assertEquals(xj[i], x.get(i, j), 1e-12 * Math.max(1, Math.abs(xj[i])));
                }
                assertTrue(relativeError(a, xj, bj) < 1e-12);
            }
        }
    }

    /** Parallel streams run in the pool of the task that starts them, so the pool size sets the thread count. */
    @Test
    void resultDoesNotDependOnTheNumberOfThreads() throws Exception {
        SymmetricSparseMatrix a = shiftedLaplacian(Fixtures.grid(80, 70), 1e-3);
        DMatrixRMaj b = new DMatrixRMaj(a.size(), 5);
        Random r = new Random(8);
        for (int i = 0; i < b.data.length; i++) {
            b.data[i] = r.nextGaussian();
        }
        DMatrixRMaj[] results = new DMatrixRMaj[2];
        int[] threads = {1, 3};
        for (int t = 0; t < 2; t++) {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads[t]);
            try {
                results[t] = pool.submit(() -> SparseCholesky.factor(a).solve(b, null)).get();
            } finally {
                pool.shutdown();
            }
        }
        assertArrayEquals(results[0].data, results[1].data, 0.0);
        double[] x = new double[a.size()];
        double[] col = new double[a.size()];
        for (int i = 0; i < a.size(); i++) {
            col[i] = b.get(i, 2);
            x[i] = results[0].get(i, 2);
        }
        assertTrue(relativeError(a, x, col) < 1e-12);
    }

    @Test
    void amdFillIsFarBelowTheNaturalOrderingOnAGrid() {
        SymmetricSparseMatrix a = shiftedLaplacian(Fixtures.grid(50, 50), 1.0);
        int n = a.size();
        int[] natural = new int[n];
        Arrays.setAll(natural, i -> i);
        int[] amd = ApproximateMinimumDegree.order(a);
        long naturalFill = SymbolicFill.fill(a, natural);
        long amdFill = SymbolicFill.fill(a, amd);
        assertEquals(envelope(50, 50), naturalFill);
        assertTrue(amdFill < 0.3 * naturalFill, "AMD " + amdFill + " vs natural " + naturalFill);
        SparseCholesky c = SparseCholesky.factor(a, amd);
        assertTrue(c.symbolic().factorNonZeros() >= amdFill && c.symbolic().factorNonZeros() < 1.6 * amdFill,
                "stored " + c.symbolic().factorNonZeros() + " for fill " + amdFill);
    }

    /**
     * nnz(L) of the natural ordering of an r x c grid: L fills the envelope, so row i spans from its first
     * neighbour (i - 1 in the first grid row, i - c below it) to i.
     */
    private static long envelope(int rows, int cols) {
        return 1 + 2L * (cols - 1) + (long) (rows * cols - cols) * (cols + 1);
    }

    @Test
    void treesFactorWithoutFill() {
        Random r = new Random(9);
        int n = 400;
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        for (int i = 1; i < n; i++) {
            b.addEdge(i, r.nextInt(i), 1.0 + r.nextDouble());
        }
        SymmetricSparseMatrix a = shiftedLaplacian(b.build(), 0.5);
        assertEquals(2L * n - 1, SymbolicFill.fill(a, ApproximateMinimumDegree.order(a)));
    }

    @Test
    void denseRowOfAStarIsOrderedLast() {
        int n = 2000;
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        for (int i = 1; i < n; i++) {
            b.addEdge(0, i, 1.0);
        }
        SymmetricSparseMatrix a = shiftedLaplacian(b.build(), 1.0);
        int[] p = ApproximateMinimumDegree.order(a);
        assertEquals(0, p[n - 1]);
        assertEquals(2L * n - 1, SymbolicFill.fill(a, p));
        SparseCholesky c = SparseCholesky.factor(a);
        double[] x = new Random(4).doubles(n).toArray();
        double[] bb = new double[n];
        a.multiply(x, bb);
        double[] y = new double[n];
        c.solve(bb, y);
        for (int i = 0; i < n; i++) {
            assertEquals(x[i], y[i], 1e-10);
        }
    }

    @Test
    void orderingIsAPermutationOnAwkwardGraphs() {
        Graph[] graphs = {new GraphBuilder(0, GraphOptions.defaults()).build(),
            new GraphBuilder(1, GraphOptions.defaults()).build(), new GraphBuilder(7, GraphOptions.defaults()).build(),
            Fixtures.union(Fixtures.cycle(9), Fixtures.petersen(), Fixtures.path(3)), Fixtures.hypercube(7),
            complete(40), Fixtures.randomWeighted(500, 3000, 3)};
        for (Graph g : graphs) {
            SymmetricSparseMatrix a = shiftedLaplacian(g, 1.0);
            int[] p = ApproximateMinimumDegree.order(a);
            int[] sorted = p.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                assertEquals(i, sorted[i]);
            }
            SparseCholesky c = SparseCholesky.factor(a);
            double[] ones = new double[a.size()];
            Arrays.fill(ones, 1.0);
            double[] x = new double[a.size()];
            c.solve(ones, x);
            for (double v : x) {
                assertEquals(1.0, v, 1e-12, "L + I has (L + I) 1 = 1");
            }
        }
    }

    private static Graph complete(int n) {
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                b.addEdge(i, j, 1.0);
            }
        }
        return b.build();
    }

    @Test
    void singularOrIndefiniteMatrixIsRejectedNamingTheRow() {
        SymmetricSparseMatrix singular = shiftedLaplacian(Fixtures.path(10), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparseCholesky.factor(singular));
        assertTrue(e.getMessage().contains("not positive definite") && e.getMessage().contains("row"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SparseCholesky.factor(shiftedLaplacian(Fixtures.cycle(10), -0.5)));
    }

    @Test
    void rejectsAnOrderingThatIsNotAPermutation() {
        SymmetricSparseMatrix a = shiftedLaplacian(Fixtures.path(4), 1.0);
        assertThrows(IllegalArgumentException.class, () -> SparseCholesky.factor(a, new int[] {0, 1, 1, 3}));
        assertThrows(IllegalArgumentException.class, () -> SparseCholesky.factor(a, new int[] {0, 1, 2}));
    }

    @Test
    void flopCountMatchesTheColumnCountFormulaForADenseMatrix() {
        int n = 30;
        SymmetricSparseMatrix a = shiftedLaplacian(complete(n), 1.0);
        SparseCholesky c = SparseCholesky.factor(a);
        assertEquals((long) n * (n + 1) / 2, c.symbolic().factorNonZeros());
        double expected = 0;
        for (int j = 0; j < n; j++) {
            double below = n - j - 1;
            expected += 1 + 2 * below + below * (below + 1);
        }
        assertEquals(expected, c.symbolic().flops(), 0.0);
        assertEquals(1, c.symbolic().supernodeCount());
    }

    @Test
    void refactoringNewValuesOfTheSamePatternEqualsAFreshFactorisation() {
        Graph g = Fixtures.randomWeighted(900, 2000, 4);
        SymmetricSparseMatrix first = shiftedLaplacian(g, 1e-2);
        SymmetricSparseMatrix second = shiftedLaplacian(g, 0.7).plus(2.5, SymmetricSparseMatrix.of(
                Laplacian.of(g, Normalization.SYMMETRIC)));
        SymbolicCholesky symbolic = SparseCholesky.factor(first).symbolic();
        SparseCholesky reused = symbolic.factor(second);
        SparseCholesky fresh = SparseCholesky.factor(second);
        assertArrayEquals(fresh.symbolic().permutation(), reused.symbolic().permutation());
        assertEquals(fresh.symbolic().factorNonZeros(), reused.symbolic().factorNonZeros());
        DMatrixRMaj b = new DMatrixRMaj(900, 5);
        Random r = new Random(8);
        for (int i = 0; i < b.data.length; i++) {
            b.data[i] = r.nextGaussian();
        }
        assertArrayEquals(fresh.solve(b, null).data, reused.solve(b, null).data, 0.0);
        double[] x = new double[900];
        double[] rhs = r.doubles(900).toArray();
        reused.solve(rhs, x);
        assertTrue(relativeError(second, x, rhs) < 1e-12, "residual " + relativeError(second, x, rhs));
    }

    @Test
    void refactoringRefusesAnotherPatternOrSize() {
        SymbolicCholesky symbolic = SymbolicCholesky.analyse(shiftedLaplacian(Fixtures.grid(10, 10), 1e-2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> symbolic.factor(shiftedLaplacian(Fixtures.randomWeighted(100, 30, 2), 1e-2)));
        assertTrue(e.getMessage().contains("pattern"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> symbolic.factor(shiftedLaplacian(Fixtures.grid(10, 9),
                1e-2)));
    }
}
