package lapis.bases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import lapis.graph.knn.SpherePoints;
import lapis.graph.knn.PointSet;
import lapis.nn.Threads;
import org.junit.jupiter.api.Test;

class SpectralBasisTrainerTest {
    /**
     * A clock on which the first 10 steps take 30 ms and the rest 10 ms: a budget of 2 s holds 10 + 1700 / 10 = 180
     * steps. Timing the first steps alone would stop at 74; the re-timing at 20, 40, ... must find the steady speed,
     * and the learning rate must have decayed by the last step.
     */
    @Test
    void aTimeBudgetIsFilledAtTheSteadySpeedAndTheScheduleEndsWithIt() {
        PointSet points = SpherePoints.uniform(80, 2);
        DiffusionProbes probes = DiffusionProbes.of(points, new DiffusionProbes.Options(8, 2));
        long[] now = {0};
        int[] steps = {0};
        double[] lastRate = {Double.NaN};
        SpectralBasisTrainer.Options o = SpectralBasisTrainer.Options.defaults().withSteps(10_000).withWarmup(5)
                .withTimeBudget(Duration.ofSeconds(2));
        try (Threads one = Threads.single()) {
            new SpectralBasisTrainer(o, () -> now[0]).train(points, probes, CoordinateNetwork.Options.defaults(3)
                    .withHidden(8).withFourierFeatures(4).withLayers(2), one, (step, total, loss, rate) -> {
                        now[0] += step <= 10 ? 30_000_000L : 10_000_000L;
                        steps[0] = step;
                        lastRate[0] = rate;
                    });
        }
        assertTrue(steps[0] >= 175 && steps[0] <= 182, "steps " + steps[0]);
        assertTrue(lastRate[0] < 0.02 * o.learningRate(), "last rate " + lastRate[0]);
    }
}
