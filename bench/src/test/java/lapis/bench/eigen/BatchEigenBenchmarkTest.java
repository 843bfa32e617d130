package lapis.bench.eigen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import lapis.graph.Graph;
import lapis.graph.MoleculeLikeGraphs;
import lapis.graph.Normalization;
import org.junit.jupiter.api.Test;

class BatchEigenBenchmarkTest {

    @Test
    void reportsConsistentTimesAndAccuracy() {
        List<Graph> graphs = MoleculeLikeGraphs.generate(40, 1);
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
}
