package lapis.bench.zinc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lapis.experiments.zinc.ModelConfig;
import lapis.experiments.zinc.PeKind;
import lapis.experiments.zinc.TrainerTest;
import lapis.experiments.zinc.ZincModel;
import lapis.graph.GraphSample;
import org.junit.jupiter.api.Test;

class ZincTrainingBenchmarkTest {

    @Test
    void numbersAreConsistentWithTheBatchesAndTheModel() {
        List<GraphSample> samples = TrainerTest.samples(40, 3);
        ZincTrainingBenchmark.Options o = ZincTrainingBenchmark.Options.defaults().withModel(TrainerTest.tiny(PeKind.SPE))
                .withBatchSize(8).withSteps(1, 3).withEvalBatches(2);
        ZincTrainingBenchmark.Result r = new ZincTrainingBenchmark(o).run(samples);
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

    @Test
    void theGineWorkloadIsThePeersBaseModel() {
        assertEquals(239_493, new ZincModel(ModelConfig.zinc(PeKind.NONE), 0).parameterCount(),
                "same parameter count as spe_train.py --variant none");
    }
}
