package lapis.encodings.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lapis.encodings.EncodingBatch;
import lapis.encodings.Spectrum;
import lapis.encodings.TestGraphs;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;
import lapis.nn.DType;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import org.junit.jupiter.api.Test;

class FixedEncodingsTest {

    private static double[] run(lapis.encodings.NodeEncoding e, EncodingBatch b, boolean training) {
        try (Threads th = Threads.single(); Tape t = training ? Tape.train(th, 0) : Tape.inference(th)) {
            Tensor out = e.encode(t, b);
            assertEquals(b.nodeCount(), out.dim(0));
            assertEquals(e.channels(), out.dim(1));
            return out.toDoubleArray();
        }
    }

    /** On the cycle C_n a walk of t steps returns when (#right - #left) = 2k - t is a multiple of n. */
    @Test
    void rwseOnCyclesMatchesTheBinomialCount() {
        int steps = 12;
        for (int n : new int[] {3, 5, 6, 9}) {
            double[] out = run(new Rwse(steps, DType.F64), EncodingBatch.of(TestGraphs.cycle(n), null), false);
            for (int t = 1; t <= steps; t++) {
                double p = TestGraphs.cycleReturnProbability(n, t);
                for (int i = 0; i < n; i++) {
                    assertEquals(p, out[i * steps + t - 1], 1e-14, "C_" + n + ", t = " + t + ", node " + i);
                }
            }
        }
    }

    /** (P^t)_ii = sum_e V[i,e]^2 (1 - lambda_e)^t, since P = D^-1/2 (I - L_sym) D^1/2 has the same diagonal powers. */
    @Test
    void rwseMatchesTheSpectralFormulaAndIsolatedVerticesGetZero() {
        Graph g = new GraphBuilder(7, GraphOptions.defaults()).addEdge(0, 1, 2.0).addEdge(1, 2, 1).addEdge(2, 0, 0.5)
                .addEdge(2, 3, 1).addEdge(3, 4, 3).addEdge(4, 5, 1).build();
        int steps = 6;
        Spectrum s = Spectrum.of(g);
        double[] out = run(new Rwse(steps, DType.F64), EncodingBatch.of(g, null), false);
        for (int i = 0; i < 6; i++) {
            for (int t = 1; t <= steps; t++) {
                double p = 0;
                for (int e = 0; e < 7; e++) {
                    p += s.vector(i, e) * s.vector(i, e) * Math.pow(1 - s.value(e), t);
                }
                assertEquals(p, out[i * steps + t - 1], 1e-13, "node " + i + ", t = " + t);
            }
        }
        for (int t = 0; t < steps; t++) {
            assertEquals(0, out[6 * steps + t], "isolated vertex 6");
        }
    }

    @Test
    void lapPeTakesTheFirstEigenvectorsAndPadsSmallGraphsWithZeros() {
        Graph small = TestGraphs.cycle(3);
        Graph big = TestGraphs.random(12, 0.3, 1);
        List<Graph> gs = List.of(small, big);
        List<Spectrum> ss = List.of(Spectrum.of(small), Spectrum.of(big));
        int d = 5;
        double[] out = run(new LapPe(d, DType.F64, 7), EncodingBatch.of(gs, ss, new int[] {0, 1}, 0), false);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < d; k++) {
                assertEquals(k < 3 ? ss.get(0).vector(i, k) : 0, out[i * d + k], "small graph node " + i);
            }
        }
        for (int i = 0; i < 12; i++) {
            for (int k = 0; k < d; k++) {
                assertEquals(ss.get(1).vector(i, k), out[(3 + i) * d + k], "big graph node " + i);
            }
        }
        double trivial = Math.sqrt(big.weightedDegree(0) / (2.0 * big.edgeCount()));
        assertEquals(trivial, Math.abs(out[3 * d]), 1e-12, "column 0 is D^1/2 1 / ||D^1/2 1||, not dropped");
    }

    /** Training flips whole columns by signs that depend on (seed, epoch, sample id) only. */
    @Test
    void lapPeSignFlipsAreWholeColumnsAndReproducible() {
        Graph g = TestGraphs.random(10, 0.3, 2);
        Graph h = TestGraphs.random(11, 0.3, 3);
        Spectrum sg = Spectrum.of(g);
        Spectrum sh = Spectrum.of(h);
        int d = 8;
        LapPe lap = new LapPe(d, DType.F64, 42);
        double[] eval = run(lap, EncodingBatch.of(g, sg), false);
        double[] first = run(lap, EncodingBatch.of(List.of(g, h), List.of(sg, sh), new int[] {17, 4}, 3), true);
        double[] again = run(lap, EncodingBatch.of(List.of(h, g), List.of(sh, sg), new int[] {4, 17}, 3), true);
        for (int k = 0; k < d; k++) {
            double sign = Math.signum(first[k] * eval[k]);
            for (int i = 0; i < 10; i++) {
                assertEquals(sign * eval[i * d + k], first[i * d + k], 0, "column " + k + " is flipped as a whole");
                assertEquals(first[i * d + k], again[(11 + i) * d + k], 0, "same sample, epoch: same signs");
            }
        }
        boolean changed = false;
        for (int epoch = 4; epoch < 8 && !changed; epoch++) {
            double[] later = run(lap, EncodingBatch.of(List.of(g), List.of(sg), new int[] {17}, epoch), true);
            changed = !java.util.Arrays.equals(later, java.util.Arrays.copyOf(first, 10 * d));
        }
        assertTrue(changed, "signs are redrawn in other epochs");
        assertNotEquals(0, eval[0]);
    }
}
