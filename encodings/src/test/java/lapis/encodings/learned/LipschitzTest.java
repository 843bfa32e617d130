package lapis.encodings.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import lapis.encodings.Spectrum;
import lapis.encodings.TestGraphs;
import lapis.graph.Graph;
import lapis.graph.GraphBatch;
import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.Index;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;

/** The weight-based Lipschitz bounds against SVD and against measured output changes of random models. */
class LipschitzTest {

    @Test
    void spectralNormIsTheLargestSingularValue() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int[] shape : new int[][] {{5, 3}, {3, 7}, {16, 16}}) {
            Tensor w = Tensor.uniform(DType.F64, rng, -1, 1, shape);
            double[] sv = SingularOps_DDRM.singularValues(new DMatrixRMaj(shape[0], shape[1], true,
                    w.toDoubleArray()));
            double max = 0;
            for (double s : sv) {
                max = Math.max(max, s);
            }
            assertEquals(max, Lipschitz.spectralNorm(w), 1e-9 * max);
        }
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    /** ||rho(X) - rho(X')||_F &lt;= J ||X - X'||_F for random nearby inputs, J from the weights. */
    @Test
    void ginBoundHoldsForRandomInputs() {
        PairGin gin = new PairGin(new PairGin.Config(3, 4, 8, 3, 2), DType.F64, new SplittableRandom(2));
        Graph g = TestGraphs.random(9, 0.3, 3);
        ColumnLayout pairs = ColumnLayout.pairs(GraphBatch.of(List.of(g)));
        double dmax = 0;
        for (double d : g.weightedDegrees()) {
            dmax = Math.max(dmax, d);
        }
        double bound = gin.lipschitzBound(dmax);
        SplittableRandom rng = new SplittableRandom(4);
        double worst = 0;
        try (Threads th = Threads.single(); Tape t = Tape.inference(th)) {
            for (int trial = 0; trial < 20; trial++) {
                Tensor x = Tensor.uniform(DType.F64, rng, -1, 1, pairs.rows(), 4);
                Tensor dx = Tensor.uniform(DType.F64, rng, -1e-3, 1e-3, pairs.rows(), 4);
                Tensor y = Arithmetic.add(t, x, dx);
                double out = distance(gin.forward(t, x, pairs.aggregation()).toDoubleArray(),
                        gin.forward(t, y, pairs.aggregation()).toDoubleArray());
                worst = Math.max(worst, out / distance(x.toDoubleArray(), y.toDoubleArray()));
            }
        }
        assertTrue(worst <= bound, "measured ratio " + worst + " above the bound " + bound);
        assertTrue(worst > 0, "the map is not constant");
    }

    /** ||Phi(lambda) - Phi(lambda')||_F &lt;= K ||lambda - lambda'|| for the DeepSets bank on one graph. */
    @Test
    void deepSetsBoundHolds() {
        DeepSetFilters f = new DeepSetFilters(3, 3, 6, DType.F64, new SplittableRandom(6));
        double k = f.lipschitzBounds()[0];
        SplittableRandom rng = new SplittableRandom(7);
        Index one = Index.of(new int[7], 1);
        double worst = 0;
        try (Threads th = Threads.single(); Tape t = Tape.inference(th)) {
            for (int trial = 0; trial < 50; trial++) {
                Tensor a = Tensor.uniform(DType.F64, rng, 0, 2, 7, 1);
                Tensor b = Arithmetic.add(t, a, Tensor.uniform(DType.F64, rng, -0.05, 0.05, 7, 1));
                worst = Math.max(worst, distance(f.forward(t, a, one).toDoubleArray(),
                        f.forward(t, b, one).toDoubleArray()) / distance(a.toDoubleArray(), b.toDoubleArray()));
            }
        }
        assertTrue(worst > 0 && worst <= k, "measured " + worst + ", bound " + k);
    }

    /** |phi_l(a) - phi_l(b)| &lt;= K_l |a - b| in evaluation mode, and SPE's rho bound on a graph. */
    @Test
    void filterAndSpeBoundsHold() {
        Spe spe = new Spe(new Spe.Config(3, 3, 8, 0, 2, 8, 2, 3, false), DType.F64, new SplittableRandom(5));
        double[] k = spe.filters().lipschitzBounds();
        double[] grid = new double[201];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = i / 100.0;
        }
        double[] phi;
        try (Threads th = Threads.single(); Tape t = Tape.inference(th)) {
            phi = spe.filters().forward(t, Tensor.of(grid, grid.length, 1), Index.of(new int[grid.length], 1))
                    .toDoubleArray();
        }
        for (int l = 0; l < 3; l++) {
            for (int i = 1; i < grid.length; i++) {
                double slope = Math.abs(phi[i * 3 + l] - phi[(i - 1) * 3 + l]) / 0.01;
                assertTrue(slope <= k[l] * (1 + 1e-12), "filter " + l + " slope " + slope + " above " + k[l]);
            }
        }
        Graph g = TestGraphs.petersen();
        double j = spe.rhoLipschitzBound(g);
        double[][] a = spe.evaluate(g, Spectrum.of(g));
        assertEquals(10, a.length);
        assertTrue(j > 0 && Double.isFinite(j));
    }
}
