package lapis.graph.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import lapis.graph.Graph;
import lapis.graph.knn.KnnGraph.Options;
import lapis.graph.knn.KnnGraph.Symmetrization;
import lapis.graph.knn.KnnGraph.Weighting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KnnGraphTest {

    /** Points 0, 1, 3, 7 on a line, k = 1: 0 and 1 choose each other, 3 chooses 1, 7 chooses 3. */
    private static final PointSet LINE = PointSet.of(new double[][] {{0}, {1}, {3}, {7}});

    @ParameterizedTest
    @EnumSource(Symmetrization.class)
    void regularPointsOnACircleGiveTheCycle(Symmetrization s) {
        int n = 24;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            rows[i] = new double[] {Math.cos(t), Math.sin(t)};
        }
        KnnGraph.Result r = new KnnGraph(Options.of(2).withSymmetrization(s)).build(PointSet.of(rows));
        Graph g = r.graph();
        assertEquals(n, g.edgeCount());
        double chord = 2 * Math.sin(Math.PI / n);
        assertEquals(chord, r.sigma(), 1e-14);
        for (int i = 0; i < n; i++) {
            assertEquals(2, g.degree(i));
            assertTrue(g.hasEdge(i, (i + 1) % n), "edge " + i);
            assertEquals(Math.exp(-0.5), g.weight(i, (i + 1) % n), 1e-14);
        }
    }

    @Test
    void unionKeepsEitherDirectionMutualOnlyBoth() {
        Options unit = Options.of(1).withWeighting(Weighting.UNIT);
        Graph union = new KnnGraph(unit).build(LINE).graph();
        assertEquals(Set.of("0-1", "1-2", "2-3"), edges(union));
        Graph mutual = new KnnGraph(unit.withSymmetrization(Symmetrization.MUTUAL)).build(LINE).graph();
        assertEquals(Set.of("0-1"), edges(mutual));
        assertEquals(0, mutual.degree(2));
        assertEquals(0, mutual.degree(3));
    }

    @Test
    void aPairChosenBothWaysGetsTheMaximumNotTheSum() {
        Graph unit = new KnnGraph(Options.of(1).withWeighting(Weighting.UNIT)).build(LINE).graph();
        assertEquals(1.0, unit.weight(0, 1));
        assertEquals(1.0, unit.weightedDegree(0));
        assertEquals(2.0, unit.weightedDegree(1));
        KnnGraph.Result gauss = new KnnGraph(Options.of(1)).build(LINE);
        assertEquals(2.0, gauss.sigma());
        assertEquals(Math.exp(-1.0 / 8), gauss.graph().weight(0, 1), 1e-15);
        assertEquals(Math.exp(-4.0 / 8), gauss.graph().weight(1, 2), 1e-15);
        assertEquals(Math.exp(-16.0 / 8), gauss.graph().weight(2, 3), 1e-15);
    }

    @Test
    void weightsFollowTheGaussianOfTheDistanceWithSigmaTheMeanKnnDistance() {
        PointSet p = NearestNeighborsContract.gaussian(300, 3, 8);
        int k = 6;
        KnnResult knn = NearestNeighborsContract.naive(p, k);
        double sum = 0;
        Set<String> expected = new HashSet<>();
        int mutualPairs = 0;
        for (int i = 0; i < p.size(); i++) {
            for (int r = 0; r < k; r++) {
                int j = knn.neighbor(i, r);
                sum += Math.sqrt(p.squaredDistance(i, j));
                if (!expected.add(Math.min(i, j) + "-" + Math.max(i, j))) {
                    mutualPairs++;
                }
            }
        }
        double sigma = sum / (p.size() * k);
        assertTrue(mutualPairs > 100, "mutual pairs " + mutualPairs);
        KnnGraph.Result result = new KnnGraph(Options.of(k)).build(p);
        assertEquals(sigma, result.sigma(), 1e-15 * sigma);
        Graph g = result.graph();
        assertEquals(expected, edges(g));
        g.forEachEdge((u, v, w) -> assertEquals(Math.exp(-p.squaredDistance(u, v) / (2 * sigma * sigma)), w,
                1e-15, u + "-" + v));
        KnnGraph.Result mutual = new KnnGraph(Options.of(k).withSymmetrization(Symmetrization.MUTUAL)).build(p);
        assertEquals(mutualPairs, mutual.graph().edgeCount());
    }

    @Test
    void givenSigmaIsUsed() {
        Graph g = new KnnGraph(Options.of(1).withSigma(0.5)).build(LINE).graph();
        assertEquals(Math.exp(-4.0 / 0.5), g.weight(1, 2), 1e-15);
    }

    @ParameterizedTest
    @EnumSource(Weighting.class)
    void duplicatesAtDistanceZeroGetWeightOne(Weighting w) {
        PointSet p = PointSet.of(new double[][] {{0, 0}, {0, 0}, {1, 0}});
        KnnGraph.Result r = new KnnGraph(Options.of(1).withWeighting(w)).build(p);
        assertEquals(Set.of("0-1", "0-2"), edges(r.graph()));
        assertEquals(1.0, r.graph().weight(0, 1));
        assertEquals(w == Weighting.UNIT ? 1.0 : Math.exp(-4.5), r.graph().weight(0, 2), 1e-15);
        assertEquals(1.0, new KnnGraph(Options.of(1)).build(PointSet.of(2, new double[6])).graph().weight(0, 1));
    }

    @Test
    void underflowedWeightsAreCountedNotAdded() {
        PointSet p = PointSet.of(new double[][] {{0}, {1}, {1000}});
        KnnGraph.Result r = new KnnGraph(Options.of(1).withSigma(1.0)).build(p);
        assertEquals(1, r.underflowedEdges());
        assertEquals(Set.of("0-1"), edges(r.graph()));
    }

    @Test
    void invalidKAndSigmaAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.of(0));
        assertTrue(e.getMessage().contains("k = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KnnGraph(Options.of(4)).build(LINE));
        assertTrue(e.getMessage().contains("k = 4") && e.getMessage().contains("n = 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Options.of(2).withSigma(-1));
        assertTrue(e.getMessage().contains("sigma = -1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.of(2).withSigma(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Options.of(2).withSigma(Double.POSITIVE_INFINITY));
    }

    @Test
    void exactPicksTheTreeInLowDimensionAndBruteForceAbove() {
        assertInstanceOf(KdTree.class, NearestNeighbors.exact(1));
        assertInstanceOf(KdTree.class, NearestNeighbors.exact(NearestNeighbors.KD_TREE_MAX_DIMENSION));
        assertInstanceOf(BlockedBruteForce.class, NearestNeighbors.exact(NearestNeighbors.KD_TREE_MAX_DIMENSION + 1));
        assertThrows(IllegalArgumentException.class, () -> NearestNeighbors.exact(0));
    }

    @Test
    void explicitSearchGivesTheSameGraph() {
        PointSet p = NearestNeighborsContract.gaussian(400, 5, 3);
        Graph a = new KnnGraph(Options.of(5)).build(p).graph();
        Graph b = new KnnGraph(Options.of(5), new BlockedBruteForce()).build(p).graph();
        assertEquals(a, b);
        assertFalse(a.entryCount() == 0);
    }

    private static Set<String> edges(Graph g) {
        Set<String> s = new HashSet<>();
        g.forEachEdge((u, v, w) -> s.add(u + "-" + v));
        return s;
    }
}
