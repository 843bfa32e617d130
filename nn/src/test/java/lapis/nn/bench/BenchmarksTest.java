package lapis.nn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lapis.nn.DType;
import org.junit.jupiter.api.Test;

/** The benchmark classes on small settings: the model matches the peer, and the numbers are consistent. */
class BenchmarksTest {

    @Test
    void gineBenchmarkRunsThePeersModel() {
        GineBenchmark.Result r = new GineBenchmark(GineBenchmark.Options.defaults().withBatchSize(16)
                .withSteps(1, 2)).run();
        assertEquals(239_493, r.parameters(), "same parameter count as spe_train.py --variant none");
        assertEquals(2, r.stepSeconds().length);
        double total = r.stepSeconds()[0] + r.stepSeconds()[1];
        assertEquals(32 / total, r.graphsPerSecond(), 1e-9 * r.graphsPerSecond());
        assertTrue(r.minStepSeconds() <= r.medianStepSeconds() && r.medianStepSeconds() <= total);
        assertTrue(Double.isFinite(r.lastLoss()) && r.meanNodesPerBatch() >= 8 * 16);
    }

    @Test
    void moleculeLikeGraphsHaveZincProportions() {
        List<MoleculeLikeGraphs.Molecule> mols = MoleculeLikeGraphs.generate(0, 0, 400);
        double nodes = 0;
        double edges = 0;
        for (MoleculeLikeGraphs.Molecule m : mols) {
            int n = m.graph().vertexCount();
            assertTrue(n >= 8 && n <= 37);
            nodes += n;
            edges += m.graph().edgeCount();
        }
        assertEquals(22.5, nodes / mols.size(), 1.5);
        assertEquals(1.08, edges / nodes, 0.02);
        assertEquals(mols.get(7).graph(), MoleculeLikeGraphs.generate(0, 7, 1).get(0).graph());
        MoleculeLikeGraphs.Batch b = MoleculeLikeGraphs.collate(mols.subList(0, 3), DType.F32);
        assertEquals(b.index().entryCount(), b.bonds().size());
    }

    @Test
    void soapReachesTheTargetInFewerStepsThanAdamW() {
        SoapComparison.Options o = new SoapComparison.Options(8, 32, 256, 100, 500, 1e-3, new double[] {1e-2}, 1e-4,
                1, 3);
        SoapComparison.Result r = new SoapComparison(o).run();
        assertEquals(2, r.runs().size());
        assertEquals(1e-3 * r.initialLoss(), r.targetLoss(), 1e-15);
        assertTrue(r.bestSoap().stepsToTarget() >= 0, "SOAP reaches the target");
        assertTrue(r.bestAdamW().stepsToTarget() < 0 || r.bestSoap().stepsToTarget() < r.bestAdamW().stepsToTarget(),
                "SOAP " + r.bestSoap().stepsToTarget() + " steps, AdamW " + r.bestAdamW().stepsToTarget());
        assertTrue(r.bestSoap().losses()[r.bestSoap().stepsToTarget()] <= r.targetLoss());
    }
}
