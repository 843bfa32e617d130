package lapis.bench.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lapis.datasets.points.SphereSampler;
import lapis.graph.knn.KnnGraph;
import lapis.graph.knn.PointSet;
import org.junit.jupiter.api.Test;

class KnnBenchmarkTest {

    @Test
    void reportsTheGraphItTimed() {
        KnnBenchmark.Result r = KnnBenchmark.run(2000, 5, 1, 7);
        KnnGraph.Result g = new KnnGraph(KnnGraph.Options.of(5)).build(PointSet.of(3, SphereSampler.uniform().sample(2000, 7).coordinates()));
        assertEquals(g.graph().edgeCount(), r.edges());
        assertEquals(g.sigma(), r.sigma());
        assertEquals(g.neighbors().distanceEvaluations(), r.distanceEvaluations());
        assertTrue(r.edges() >= 2000 * 5 / 2 && r.edges() <= 2000 * 5, "edges " + r.edges());
        assertTrue(r.buildQuerySeconds() > 0 && r.graphSeconds() > 0);
        assertTrue(r.threads() >= 1);
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KnnBenchmark.run(100, 10, 0, 1));
        assertTrue(e.getMessage().contains("repeats = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KnnBenchmark.run(10, 10, 1, 1));
        assertTrue(e.getMessage().contains("k = 10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KnnBenchmark.run(1, 1, 1, 1));
        assertTrue(e.getMessage().contains("n = 1"), e.getMessage());
    }
}
