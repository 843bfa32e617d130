package lapis.encodings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lapis.encodings.fixed.LapPe;
import lapis.encodings.learned.ColumnLayout;
import lapis.encodings.learned.SignNet;
import lapis.encodings.learned.Spe;
import lapis.graph.Graph;
import lapis.nn.DType;
import lapis.nn.Tape;
import lapis.nn.Threads;
import org.junit.jupiter.api.Test;

/**
 * The invariances that define the encodings (methods.md sections 3-4), on graphs with repeated eigenvalues
 * (cycles, hypercubes, Petersen) and on random graphs: SPE is equivariant to node permutations and invariant to
 * eigenvector signs and to rotations inside eigenspaces, to round-off; SignNet only to signs; LapPE to neither.
 */
class InvarianceTest {
    private static final Spe.Config SMALL_SPE = new Spe.Config(4, 3, 8, 0, 2, 8, 2, 3, false);
    private static final SignNet.Config SMALL_SIGNNET = new SignNet.Config(12, 2, 8, 2, 2, 3, true);

    static List<Graph> graphs() {
        List<Graph> gs = new ArrayList<>(List.of(TestGraphs.cycle(8), TestGraphs.cycle(9), TestGraphs.hypercube(3),
                TestGraphs.hypercube(4), TestGraphs.petersen()));
        for (int s = 0; s < 3; s++) {
            gs.add(TestGraphs.random(9 + 2 * s, 0.25, 40 + s));
        }
        return gs;
    }

    static double[] evaluate(NodeEncoding enc, Graph g, Spectrum s) {
        try (Threads th = Threads.single(); Tape t = Tape.inference(th)) {
            return enc.encode(t, EncodingBatch.of(g, s)).toDoubleArray();
        }
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double maxDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** Rows of {@code out} of the relabelled graph, taken back to the original order: row p[i] -> row i. */
    static double[] unpermute(double[] out, int[] p, int channels) {
        double[] back = new double[out.length];
        for (int i = 0; i < p.length; i++) {
            System.arraycopy(out, p[i] * channels, back, i * channels, channels);
        }
        return back;
    }

    @Test
    void speIsSignAndBasisInvariantAndPermutationEquivariant() {
        for (boolean deepSets : new boolean[] {false, true}) {
            checkSpe(new Spe(SMALL_SPE.withDeepSets(deepSets), DType.F64, new SplittableRandom(1)));
        }
    }

    private static void checkSpe(Spe spe) {
        int index = 0;
        for (Graph g : graphs()) {
            Spectrum s = Spectrum.of(g);
            double[] base = evaluate(spe, g, s);
            double tol = 1e-10 * (1 + maxAbs(base));
            String name = "graph " + index++ + " " + g + (spe.config().deepSets() ? ", DeepSets filters" : "");
            assertTrue(maxAbs(base) > 1e-3, name + ": output is not trivially zero");
            for (long seed = 0; seed < 3; seed++) {
                double flip = maxDiff(base, evaluate(spe, g, TestGraphs.flipSigns(s, seed)));
                assertTrue(flip <= tol, name + ": sign flips changed SPE by " + flip);
                double rot = maxDiff(base, evaluate(spe, g, TestGraphs.rotateEigenspaces(s, seed)));
                assertTrue(rot <= tol, name + ": eigenspace rotation changed SPE by " + rot);
                int[] p = TestGraphs.permutation(g.vertexCount(), 100 + seed);
                Graph pg = g.relabel(p);
                double[] permuted = unpermute(evaluate(spe, pg, Spectrum.of(pg)), p, spe.channels());
                double perm = maxDiff(base, permuted);
                assertTrue(perm <= tol, name + ": SPE(P L P^T) differs from P SPE(L) by " + perm);
            }
        }
    }

    /** With the first d eigenpairs, invariance holds when no eigenspace straddles d: Q_3 has groups 1 + 3 + 3 + 1. */
    @Test
    void speWithFirstEigenpairsIsInvariantWhenNoEigenspaceIsCut() {
        Spe spe = new Spe(SMALL_SPE.withEigenpairs(4), DType.F64, new SplittableRandom(2));
        Graph g = TestGraphs.hypercube(3);
        Spectrum s = Spectrum.of(g);
        double[] base = evaluate(spe, g, s);
        double rot = maxDiff(base, evaluate(spe, g, TestGraphs.rotateEigenspaces(s, 7)));
        assertTrue(rot <= 1e-10 * (1 + maxAbs(base)), "rotation changed SPE(first 4) by " + rot);
        Spe full = new Spe(SMALL_SPE, DType.F64, new SplittableRandom(2));
        try (Threads th = Threads.single(); Tape t = Tape.inference(th)) {
            EncodingBatch b = EncodingBatch.of(g, s);
            ColumnLayout pairs = ColumnLayout.pairs(b.graphs());
            double cut = maxDiff(spe.filteredProjections(t, b, pairs).toDoubleArray(),
                    full.filteredProjections(t, b, pairs).toDoubleArray());
            assertTrue(cut > 1e-3, "W from 4 of 8 eigenpairs must differ from W from all, got " + cut);
        }
    }

    @Test
    void lapPeVisiblyFailsTheRotationTest() {
        LapPe lap = new LapPe(8, DType.F64, 0);
        for (Graph g : List.of(TestGraphs.cycle(8), TestGraphs.hypercube(3), TestGraphs.petersen())) {
            Spectrum s = Spectrum.of(g);
            assertTrue(TestGraphs.largestMultiplicity(s) > 1);
            double[] base = evaluate(lap, g, s);
            for (long seed = 0; seed < 3; seed++) {
                double rot = maxDiff(base, evaluate(lap, g, TestGraphs.rotateEigenspaces(s, seed)));
                assertTrue(rot > 0.1, g + ": a rotation inside an eigenspace changed LapPE by only " + rot);
            }
        }
    }

    /**
     * Sign flips leave SignNet unchanged to the last bit (phi(v) + phi(-v) is symmetric); a rotation inside an
     * eigenspace changes it by about 1e-3 of its size for these small random networks (measured 3e-4 to 4e-2 over
     * seeds and graphs): the masked sum over eigenvectors cancels the part of phi that is quadratic in v, so the
     * change is small, but it is 1e7 times the round-off level asserted for the invariances.
     */
    @Test
    void signNetIsSignInvariantButNotBasisInvariant() {
        SignNet net = new SignNet(SMALL_SIGNNET, DType.F64, new SplittableRandom(3));
        for (Graph g : graphs()) {
            Spectrum s = Spectrum.of(g);
            double[] base = evaluate(net, g, s);
            double flip = maxDiff(base, evaluate(net, g, TestGraphs.flipSigns(s, 5)));
            assertTrue(flip <= 1e-12 * (1 + maxAbs(base)), g + ": sign flips changed SignNet by " + flip);
            int[] p = TestGraphs.permutation(g.vertexCount(), 9);
            Graph pg = g.relabel(p);
            Spectrum ps = Spectrum.of(pg);
            if (TestGraphs.largestMultiplicity(s) == 1) {
                double perm = maxDiff(base, unpermute(evaluate(net, pg, ps), p, net.channels()));
                assertTrue(perm <= 1e-10 * (1 + maxAbs(base)), g + ": SignNet not equivariant, " + perm);
            }
        }
        for (Graph g : List.of(TestGraphs.cycle(8), TestGraphs.hypercube(3), TestGraphs.petersen())) {
            Spectrum s = Spectrum.of(g);
            double[] base = evaluate(net, g, s);
            double rot = maxDiff(base, evaluate(net, g, TestGraphs.rotateEigenspaces(s, 11)));
            assertTrue(rot > 1e-5 * maxAbs(base), g + ": rotation changed SignNet by only " + rot + " of "
                    + maxAbs(base));
        }
    }

    /** A batch gives each graph the rows it gets alone: no padding or cross-talk between graphs. */
    @Test
    void batchingDoesNotMixGraphs() {
        Spe spe = new Spe(SMALL_SPE, DType.F64, new SplittableRandom(4));
        SignNet net = new SignNet(SMALL_SIGNNET, DType.F64, new SplittableRandom(5));
        List<Graph> gs = graphs();
        List<Spectrum> ss = gs.stream().map(Spectrum::of).toList();
        for (NodeEncoding enc : List.<NodeEncoding>of(spe, net)) {
            double[] batched;
            try (Threads th = Threads.of(2); Tape t = Tape.inference(th)) {
                batched = enc.encode(t, EncodingBatch.of(gs, ss, new int[gs.size()], 0)).toDoubleArray();
            }
            int row = 0;
            for (int g = 0; g < gs.size(); g++) {
                double[] alone = evaluate(enc, gs.get(g), ss.get(g));
                for (int k = 0; k < alone.length; k++) {
                    assertEquals(alone[k], batched[row * enc.channels() + k], 1e-12, "graph " + g);
                }
                row += gs.get(g).vertexCount();
            }
        }
    }
}
