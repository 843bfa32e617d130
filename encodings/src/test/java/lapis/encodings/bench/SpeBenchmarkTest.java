package lapis.encodings.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lapis.encodings.train.PeKind;
import lapis.encodings.train.TrainerTest;
import lapis.encodings.train.ZincModel;
import lapis.graph.GraphSample;
import org.junit.jupiter.api.Test;

class SpeBenchmarkTest {

    @Test
    void numbersAreConsistentWithTheBatchesAndTheModel() {
        List<GraphSample> samples = TrainerTest.samples(40, 3);
        SpeBenchmark.Options o = SpeBenchmark.Options.defaults().withModel(TrainerTest.tiny(PeKind.SPE))
                .withBatchSize(8).withSteps(1, 3).withEvalBatches(2);
        SpeBenchmark.Result r = new SpeBenchmark(o).run(samples);
        assertEquals(new ZincModel(o.model(), 0).parameterCount(), r.parameters());
        double total = 0;
        for (double t : r.stepSeconds()) {
            total += t;
        }
        assertEquals(24 / total, r.graphsPerSecond(), 1e-9 * r.graphsPerSecond());
        assertTrue(r.minStepSeconds() <= r.medianStepSeconds() && r.meanPairs() >= r.meanNodes() * 5);
        assertTrue(r.encodingParameters() > 0 && r.evalGraphsPerSecond() > 0 && r.workspaceBytes() > 0);
        assertTrue(Double.isFinite(r.lastLoss()));
    }
}
