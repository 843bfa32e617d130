package lapis.spectral.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import lapis.graph.ConnectedComponents;
import lapis.graph.Graph;
import lapis.graph.Normalization;
import org.junit.jupiter.api.Test;

class BatchEigenBenchmarkTest {

    @Test
    void reportsConsistentTimesAndAccuracy() {
        List<Graph> graphs = BatchEigenBenchmark.moleculeLikeGraphs(40, 1);
        BatchEigenBenchmark.Result r = BatchEigenBenchmark.run(graphs, Normalization.SYMMETRIC, 2, 2);
        assertEquals(40, r.graphs());
        assertEquals(2, r.eigenTimes().length);
        assertEquals(2, r.totalTimes().length);
        for (Duration d : r.eigenTimes()) {
            assertTrue(r.bestEigenTime().compareTo(d) <= 0);
        }
        assertEquals(40 / (r.bestEigenTime().toNanos() / 1e9), r.eigenGraphsPerSecond(), 1e-6);
        assertTrue(r.maxResidual() < 1e-13, "max residual " + r.maxResidual());
        assertTrue(r.maxOrthogonalityError() < 1e-13, "orthogonality " + r.maxOrthogonalityError());
        assertEquals(3, BatchEigenBenchmark.ejmlBaseline(graphs, Normalization.SYMMETRIC, 3).length);
        assertThrows(IllegalArgumentException.class, () -> BatchEigenBenchmark.run(graphs, Normalization.SYMMETRIC,
                1, 0));
    }

    @Test
    void moleculeLikeGraphsAreConnectedAndShapedLikeZinc() {
        List<Graph> graphs = BatchEigenBenchmark.moleculeLikeGraphs(2000, 9);
        double nodes = 0;
        double edges = 0;
        for (Graph g : graphs) {
            int n = g.vertexCount();
            assertTrue(n >= 8 && n <= 37, "size " + n);
            assertEquals(1, ConnectedComponents.of(g).count());
            for (int v = 0; v < n; v++) {
                assertTrue(g.degree(v) <= 4, "degree " + g.degree(v));
            }
            assertTrue(g.edgeCount() >= n - 1);
            nodes += n;
            edges += g.edgeCount();
        }
        assertEquals(23.18, nodes / graphs.size(), 0.5, "mean size; ZINC-12k has 23.18");
        assertEquals(24.93 / 23.18, edges / nodes, 0.03, "edges per node; ZINC-12k has 1.075");
    }

    @Test
    void graphIDependsOnlyOnSeedAndI() {
        List<Graph> few = BatchEigenBenchmark.moleculeLikeGraphs(5, 77);
        List<Graph> many = BatchEigenBenchmark.moleculeLikeGraphs(50, 77);
        assertEquals(few, many.subList(0, 5));
        assertTrue(!few.equals(BatchEigenBenchmark.moleculeLikeGraphs(5, 78)));
    }
}
