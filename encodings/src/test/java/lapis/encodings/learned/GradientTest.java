package lapis.encodings.learned;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lapis.encodings.EncodingBatch;
import lapis.encodings.NodeEncoding;
import lapis.encodings.Spectrum;
import lapis.encodings.TestGraphs;
import lapis.graph.Graph;
import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.Module;
import lapis.nn.Reductions;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import org.junit.jupiter.api.Test;

/**
 * Gradients of the learned encodings with respect to every parameter, by the tape against central differences
 * in float64, for the scalar sum(PE * R) with a fixed random R (training mode: batch statistics).
 */
class GradientTest {
    private static final double H = 1e-6;

    private static EncodingBatch batch() {
        List<Graph> gs = List.of(TestGraphs.random(6, 0.4, 1), TestGraphs.cycle(5), TestGraphs.random(7, 0.3, 2));
        return EncodingBatch.of(gs, gs.stream().map(Spectrum::of).toList(), new int[] {0, 1, 2}, 0);
    }

    private static double loss(NodeEncoding enc, EncodingBatch b, Tensor r) {
        try (Threads th = Threads.single(); Tape t = Tape.train(th, 0)) {
            Tensor out = enc.encode(t, b);
            double s = 0;
            for (int i = 0; i < out.size(); i++) {
                s += out.getFlat(i) * r.getFlat(i);
            }
            return s;
        }
    }

    private static <M extends Module & NodeEncoding> void check(M enc) {
        EncodingBatch b = batch();
        Tensor r = Tensor.uniform(DType.F64, new SplittableRandom(9), -1, 1, b.nodeCount(), enc.channels());
        enc.zeroGrad();
        try (Threads th = Threads.single(); Tape t = Tape.train(th, 0)) {
            t.backward(Reductions.sum(t, Arithmetic.mul(t, enc.encode(t, b), r)));
        }
        int checked = 0;
        for (Map.Entry<String, Tensor> e : enc.namedParameters().entrySet()) {
            Tensor p = e.getValue();
            Tensor g = p.grad();
            assertTrue(g != null, e.getKey() + " got no gradient");
            double[] v = p.toDoubleArray();
            for (int k = 0; k < v.length; k++) {
                double old = v[k];
                v[k] = old + H;
                p.assign(v);
                double up = loss(enc, b, r);
                v[k] = old - H;
                p.assign(v);
                double down = loss(enc, b, r);
                v[k] = old;
                p.assign(v);
                double fd = (up - down) / (2 * H);
                double an = g.getFlat(k);
                if (!(Math.abs(an - fd) <= 1e-6 * Math.max(1, Math.max(Math.abs(an), Math.abs(fd))))) {
                    fail(e.getKey() + "[" + k + "]: tape " + an + ", finite difference " + fd);
                }
                checked++;
            }
        }
        assertTrue(checked > 50, "checked " + checked + " parameters");
    }

    @Test
    void speGradientsMatchFiniteDifferences() {
        check(new Spe(new Spe.Config(2, 3, 4, 0, 2, 5, 2, 2, false), DType.F64, new SplittableRandom(3)));
    }

    @Test
    void speWithFirstEigenpairsGradientsMatchFiniteDifferences() {
        check(new Spe(new Spe.Config(2, 2, 4, 3, 2, 4, 2, 2, false), DType.F64, new SplittableRandom(4)));
    }

    @Test
    void speWithDeepSetsFiltersGradientsMatchFiniteDifferences() {
        check(new Spe(new Spe.Config(2, 2, 3, 0, 2, 4, 2, 2, true), DType.F64, new SplittableRandom(8)));
    }

    @Test
    void pearlGradientsMatchFiniteDifferences() {
        check(new Pearl(new Pearl.Config(Pearl.Basis.RANDOM, 3, 3, 2, 2, 4, 2, 2), DType.F64,
                new SplittableRandom(6), 1));
        check(new Pearl(new Pearl.Config(Pearl.Basis.STANDARD, 1, 2, 2, 2, 4, 2, 2), DType.F64,
                new SplittableRandom(7), 1));
    }

    @Test
    void signNetGradientsMatchFiniteDifferences() {
        check(new SignNet(new SignNet.Config(4, 2, 5, 2, 2, 2, true), DType.F64, new SplittableRandom(5)));
    }
}
