package lapis.encodings.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import lapis.encodings.Spectrum;
import lapis.encodings.TestGraphs;
import lapis.encodings.fixed.LapPe;
import lapis.encodings.fixed.Rwse;
import lapis.encodings.learned.Spe;
import lapis.graph.Graph;
import lapis.graph.Normalization;
import lapis.graph.PerturbedGraph;
import lapis.graph.Perturbations;
import lapis.nn.DType;
import org.junit.jupiter.api.Test;

class EncodingStabilityTest {
    private static final Spe.Config SMALL_SPE = new Spe.Config(4, 3, 8, 0, 2, 8, 2, 3, false);
    private static final Perturbations SYM = new Perturbations(Normalization.SYMMETRIC);

    private static EncodingStability.Measurement measure(lapis.encodings.NodeEncoding e, Graph g, PerturbedGraph p) {
        return EncodingStability.measure(e, g, Spectrum.of(g), p, Spectrum.of(p.graph()));
    }

    /** C_10 with edge {3, 4} reweighted to 1 + eps: its double eigenvalues split by O(eps). */
    private static PerturbedGraph reweightedCycle(Graph cycle, double eps) {
        int n = cycle.vertexCount();
        lapis.graph.GraphBuilder b = new lapis.graph.GraphBuilder(n, lapis.graph.GraphOptions.defaults());
        cycle.forEachEdge((u, v, w) -> b.addEdge(u, v, (u == 3 && v == 4) || (u == 4 && v == 3) ? w + eps : w));
        Graph g = b.build();
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        return new PerturbedGraph(g, identity, lapis.graph.Laplacian.frobeniusDistance(
                lapis.graph.Laplacian.of(cycle, Normalization.SYMMETRIC),
                lapis.graph.Laplacian.of(g, Normalization.SYMMETRIC)));
    }

    @Test
    void splittingADoubleEigenvalueMovesLapPeByOrderOneButSpeByOrderEps() {
        Graph cycle = TestGraphs.cycle(10);
        LapPe lap = new LapPe(10, DType.F64, 0);
        Spe spe = new Spe(SMALL_SPE, DType.F64, new SplittableRandom(7));
        for (double eps : new double[] {1e-2, 1e-4, 1e-6}) {
            PerturbedGraph p = reweightedCycle(cycle, eps);
            EncodingStability.Measurement l = measure(lap, cycle, p);
            EncodingStability.Measurement s = measure(spe, cycle, p);
            assertTrue(p.laplacianDistance() > 0.1 * eps && p.laplacianDistance() < 2 * eps, "||dL|| " + p);
            assertTrue(l.signAlignedDistance() > 0.1, "LapPE, eps " + eps + ": sign-aligned change "
                    + l.signAlignedDistance() + " should stay O(1)");
            assertTrue(l.basisAlignedDistance() < 100 * eps, "LapPE, eps " + eps + ": the eigenspaces themselves are"
                    + " stable, basis-aligned change " + l.basisAlignedDistance());
            assertTrue(s.encodingDistance() <= s.bound(), "SPE bound " + s);
            assertTrue(s.encodingDistance() < 1e3 * eps * s.encodingNorm(), "SPE, eps " + eps + ": change "
                    + s.encodingDistance() + " should vanish with eps");
        }
    }

    @Test
    void permutationIsAnExactControlForEquivariantEncodingsOnly() {
        Graph petersen = TestGraphs.petersen();
        PerturbedGraph p = SYM.permuteNodes(petersen, 11);
        assertEquals(0, p.laplacianDistance(), 1e-12);
        EncodingStability.Measurement spe = measure(new Spe(SMALL_SPE, DType.F64, new SplittableRandom(3)), petersen,
                p);
        EncodingStability.Measurement rwse = measure(new Rwse(8, DType.F64), petersen, p);
        EncodingStability.Measurement lap = measure(new LapPe(6, DType.F64, 0), petersen, p);
        assertTrue(spe.relativeDistance() < 1e-10, "SPE " + spe);
        assertTrue(rwse.relativeDistance() < 1e-12, "RWSE " + rwse);
        assertTrue(spe.boundHolds(1e-10), "bound 0 holds up to round-off: " + spe);
        assertTrue(lap.relativeDistance() > 0.1, "LapPE picks another basis of Petersen's 5-fold eigenspace: " + lap);
        assertTrue(lap.basisAlignedDistance() < 1e-8, "the eigenspaces are the same: " + lap);
    }

    @Test
    void speBoundHoldsOnRandomGraphsForRandomModels() {
        int checked = 0;
        for (int t = 0; t < 12; t++) {
            Graph g = TestGraphs.random(6 + t % 7, 0.3, 100 + t);
            Spe spe = new Spe(SMALL_SPE.withRho(1 + t % 3, 8, 2), DType.F64, new SplittableRandom(200 + t));
            List<PerturbedGraph> ps = List.of(SYM.removeEdges(g, 1, t), SYM.addEdges(g, 2, 1.0, t),
                    SYM.reweightEdges(g, g.edgeCount(), 0.05, t), SYM.reweightEdges(g, 1, 1e-4, t));
            for (PerturbedGraph p : ps) {
                EncodingStability.Measurement m = measure(spe, g, p);
                assertTrue(Double.isFinite(m.bound()) && m.bound() > 0, "bound " + m);
                assertTrue(m.encodingDistance() <= m.bound(), "graph " + t + ": " + m);
                checked++;
            }
        }
        assertEquals(48, checked);
    }

    @Test
    void boundIsLinearInTheReweightingScale() {
        Graph g = TestGraphs.random(9, 0.3, 5);
        Spe spe = new Spe(SMALL_SPE, DType.F64, new SplittableRandom(9));
        EncodingStability.Measurement small = measure(spe, g, SYM.reweightEdges(g, g.edgeCount(), 1e-3, 4));
        EncodingStability.Measurement large = measure(spe, g, SYM.reweightEdges(g, g.edgeCount(), 1e-2, 4));
        assertEquals(10, large.laplacianDistance() / small.laplacianDistance(), 0.1);
        assertEquals(10, large.bound() / small.bound(), 0.1);
        assertEquals(10, large.encodingDistance() / small.encodingDistance(), 0.5);
    }

    @Test
    void eigengapIsTheSmallestGapBetweenDistinctEigenvaluesUsed() {
        Graph petersen = TestGraphs.petersen();
        Spectrum s = Spectrum.of(petersen);
        assertEquals(2.0 / 3, EncodingStability.smallestGap(s, 10), 1e-12);
        assertEquals(2.0 / 3, EncodingStability.smallestGap(s, 7), 1e-12);
        assertEquals(2.0 / 3, EncodingStability.smallestGap(s, 2), 1e-12);
        assertTrue(Double.isNaN(EncodingStability.smallestGap(s, 1)));
    }

    @Test
    void quantilesInterpolateLikeNumpy() {
        double[] v = {5, 1, 4, 2, 3};
        assertEquals(3, StabilitySummary.quantile(v, 0.5), 0);
        assertEquals(4.8, StabilitySummary.quantile(v, 0.95), 1e-12);
        assertEquals(1, StabilitySummary.quantile(v, 0), 0);
        assertTrue(Double.isNaN(StabilitySummary.quantile(new double[0], 0.5)));
    }
}
