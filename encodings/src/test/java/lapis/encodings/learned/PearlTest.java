package lapis.encodings.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import lapis.encodings.EncodingBatch;
import lapis.encodings.Spectrum;
import lapis.encodings.TestGraphs;
import lapis.graph.Graph;
import lapis.graph.GraphBatch;
import lapis.nn.DType;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import org.junit.jupiter.api.Test;

class PearlTest {
    private static final Pearl.Config SMALL = new Pearl.Config(Pearl.Basis.RANDOM, 5, 4, 3, 2, 6, 2, 3);

    /** B-PEARL's filtered basis is p_l(L) = V diag(p_l(lambda)) V^T, SPE's tensor with polynomial filters. */
    @Test
    void standardBasisFiltersArePolynomialsOfTheLaplacian() {
        Pearl pearl = new Pearl(SMALL.withBasis(Pearl.Basis.STANDARD), DType.F64, new SplittableRandom(1), 0);
        for (Graph g : List.of(TestGraphs.petersen(), TestGraphs.random(9, 0.3, 5))) {
            int n = g.vertexCount();
            ColumnLayout pairs = ColumnLayout.pairs(GraphBatch.of(List.of(g)));
            double[] identity = new double[n * n];
            for (int i = 0; i < n; i++) {
                identity[i * n + i] = 1;
            }
            double[] x;
            try (Threads th = Threads.single(); Tape t = Tape.inference(th)) {
                x = pearl.filtered(t, pairs, identity).toDoubleArray();
            }
            Spectrum s = Spectrum.of(g);
            Tensor theta = pearl.coefficients();
            int m = theta.dim(1);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int l = 0; l < m; l++) {
                        double w = 0;
                        for (int e = 0; e < n; e++) {
                            double p = 0;
                            for (int k = 0; k < theta.dim(0); k++) {
                                p += theta.get(k, l) * Math.pow(s.value(e) - 1, k);
                            }
                            w += s.vector(i, e) * p * s.vector(j, e);
                        }
                        assertEquals(w, x[(i * n + j) * m + l], 1e-12, g + " (" + i + ", " + j + ", " + l + ")");
                    }
                }
            }
        }
    }

    @Test
    void standardBasisIsPermutationEquivariant() {
        Pearl pearl = new Pearl(SMALL.withBasis(Pearl.Basis.STANDARD), DType.F64, new SplittableRandom(2), 0);
        Graph g = TestGraphs.random(10, 0.3, 6);
        int[] p = TestGraphs.permutation(10, 3);
        double[] a = run(pearl, g, false);
        double[] b = run(pearl, g.relabel(p), false);
        for (int i = 0; i < 10; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(a[i * 3 + c], b[p[i] * 3 + c], 1e-12);
            }
        }
    }

    /** With the random vectors permuted along with the nodes, R-PEARL's output permutes exactly. */
    @Test
    void randomBasisIsEquivariantForPermutedVectors() {
        Pearl pearl = new Pearl(SMALL, DType.F64, new SplittableRandom(3), 0);
        Graph g = TestGraphs.random(8, 0.35, 7);
        int n = 8;
        int m = SMALL.samples();
        int[] p = TestGraphs.permutation(n, 4);
        Graph h = g.relabel(p);
        double[] r = new double[n * m];
        SplittableRandom rng = new SplittableRandom(5);
        for (int k = 0; k < r.length; k++) {
            r[k] = rng.nextGaussian();
        }
        double[] pr = new double[n * m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(r, i * m, pr, p[i] * m, m);
        }
        double[] a;
        double[] b;
        try (Threads th = Threads.single(); Tape t = Tape.inference(th)) {
            a = pearl.forward(t, ColumnLayout.of(GraphBatch.of(List.of(g)), new int[] {m}), r).toDoubleArray();
            b = pearl.forward(t, ColumnLayout.of(GraphBatch.of(List.of(h)), new int[] {m}), pr).toDoubleArray();
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(a[i * 3 + c], b[p[i] * 3 + c], 1e-12);
            }
        }
    }

    /** Evaluation draws depend on the sample only; training draws change with the epoch. */
    @Test
    void randomDrawsAreFixedInEvaluationAndRedrawnInTraining() {
        Pearl pearl = new Pearl(SMALL, DType.F64, new SplittableRandom(4), 9);
        Graph g = TestGraphs.cycle(7);
        double[] e0 = run(pearl, EncodingBatch.of(List.of(g), null, new int[] {3}, 0), false);
        double[] e1 = run(pearl, EncodingBatch.of(List.of(g), null, new int[] {3}, 5), false);
        double[] other = run(pearl, EncodingBatch.of(List.of(g), null, new int[] {4}, 0), false);
        double[] t0 = run(pearl, EncodingBatch.of(List.of(g), null, new int[] {3}, 0), true);
        double[] t1 = run(pearl, EncodingBatch.of(List.of(g), null, new int[] {3}, 1), true);
        assertEquals(0, maxDiff(e0, e1));
        assertTrue(maxDiff(e0, other) > 1e-6);
        assertTrue(maxDiff(t0, t1) > 1e-6);
    }

    private static double[] run(Pearl pearl, Graph g, boolean training) {
        return run(pearl, EncodingBatch.of(g, null), training);
    }

    private static double[] run(Pearl pearl, EncodingBatch b, boolean training) {
        try (Threads th = Threads.single(); Tape t = training ? Tape.train(th, 0) : Tape.inference(th)) {
            return pearl.encode(t, b).toDoubleArray();
        }
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
