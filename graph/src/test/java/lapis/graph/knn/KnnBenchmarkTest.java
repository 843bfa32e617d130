package lapis.graph.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KnnBenchmarkTest {

    @Test
    void spherePointsHaveUnitNormAndZeroMeanInEachCoordinate() {
        PointSet p = KnnBenchmark.unitSpherePoints(20000, 4);
        double[] mean = new double[3];
        for (int i = 0; i < p.size(); i++) {
            double norm2 = 0;
            for (int c = 0; c < 3; c++) {
                norm2 += p.coordinate(i, c) * p.coordinate(i, c);
                mean[c] += p.coordinate(i, c) / p.size();
            }
            assertEquals(1.0, norm2, 1e-15);
        }
        for (double m : mean) {
            assertEquals(0.0, m, 5 * Math.sqrt(1.0 / 3 / p.size()));
        }
        assertEquals(p, KnnBenchmark.unitSpherePoints(20000, 4));
    }

    @Test
    void reportsTheGraphItTimed() {
        KnnBenchmark.Result r = KnnBenchmark.run(2000, 5, 1, 7);
        KnnGraph.Result g = new KnnGraph(KnnGraph.Options.of(5)).build(KnnBenchmark.unitSpherePoints(2000, 7));
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
