package lapis.bench.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The SOAP against AdamW comparison on small settings. */
class SoapComparisonTest {

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
