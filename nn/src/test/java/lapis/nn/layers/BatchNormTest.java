package lapis.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import lapis.nn.DType;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import org.junit.jupiter.api.Test;

class BatchNormTest {

    /** Rows with column c drawn around 3c + 5, scale c + 1. */
    private static double[][] rows(int n, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][cols];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cols; c++) {
                x[i][c] = 3 * c + 5 + (c + 1) * (r.nextDouble() * 2 - 1) + (i < n / 3 ? 2 : 0);
            }
        }
        return x;
    }

    private static Tensor tensor(double[][] x, int from, int to) {
        int cols = x[0].length;
        double[] flat = new double[(to - from) * cols];
        for (int i = from; i < to; i++) {
            System.arraycopy(x[i], 0, flat, (i - from) * cols, cols);
        }
        return Tensor.of(DType.F64, flat, to - from, cols);
    }

    @Test
    void recalibrationGivesThePopulationStatisticsOfBatchesOfUnequalSize() {
        double[][] x = rows(301, 4, 7);
        int[] cuts = {0, 40, 190, 301};
        BatchNorm bn = new BatchNorm(4, DType.F64);
        try (Threads threads = Threads.single()) {
            for (int k = 0; k < 5; k++) {
                bn.forward(Tape.train(threads, k), tensor(x, cuts[k % 3], cuts[k % 3 + 1]));
            }
            BatchNorm.recalibrate(bn, () -> {
                for (int b = 0; b < 3; b++) {
                    bn.forward(Tape.train(threads, b), tensor(x, cuts[b], cuts[b + 1]));
                }
            });
        }
        double[] mean = bn.namedBuffers().get("running_mean").toDoubleArray();
        double[] var = bn.namedBuffers().get("running_var").toDoubleArray();
        for (int c = 0; c < 4; c++) {
            double m = 0;
            for (double[] row : x) {
                m += row[c];
            }
            m /= x.length;
            double v = 0;
            for (double[] row : x) {
                v += (row[c] - m) * (row[c] - m);
            }
            v /= x.length - 1;
            assertEquals(m, mean[c], 1e-12 * Math.abs(m));
            assertEquals(v, var[c], 1e-10 * v);
        }
    }

    @Test
    void afterRecalibrationTrainingModeUpdatesResumeTheExponentialAverage() {
        double[][] x = rows(100, 2, 3);
        BatchNorm bn = new BatchNorm(2, DType.F64);
        try (Threads threads = Threads.single()) {
            BatchNorm.recalibrate(bn, () -> bn.forward(Tape.train(threads, 0), tensor(x, 0, 100)));
            double before = bn.namedBuffers().get("running_mean").getFlat(0);
            double batchMean = 0;
            for (int i = 0; i < 50; i++) {
                batchMean += x[i][0] / 50;
            }
            bn.forward(Tape.train(threads, 1), tensor(x, 0, 50));
            assertEquals(0.9 * before + 0.1 * batchMean, bn.namedBuffers().get("running_mean").getFlat(0), 1e-12);
        }
    }
}
