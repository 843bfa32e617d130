package lapis.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import lapis.nn.DType;
import lapis.nn.Losses;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import lapis.nn.optim.Adam;
import lapis.nn.optim.LearningRateSchedule;
import org.junit.jupiter.api.Test;

/** Small MLPs learn what they should: XOR (not linearly separable) and a smooth regression. */
class MlpTrainingTest {

    private static double train(Mlp mlp, Tensor x, Tensor y, double lr, int steps, Threads th) {
        Adam adam = new Adam(mlp.namedParameters(), LearningRateSchedule.constant(lr), Adam.Options.defaults());
        double last = Double.NaN;
        for (int s = 0; s < steps; s++) {
            Tape t = Tape.train(th, s);
            Tensor loss = Losses.mse(t, mlp.forward(t, x), y);
            t.backward(loss);
            last = loss.item();
            adam.step(last);
            adam.zeroGrad();
        }
        return last;
    }

    @Test
    void twoLayerMlpLearnsXor() {
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        Mlp mlp = new Mlp(2, 2, 8, 1, Norm.NONE, DType.F32, new SplittableRandom(3));
        try (Threads th = Threads.single()) {
            double loss = train(mlp, x, y, 0.05, 400, th);
            assertTrue(loss < 1e-3, "final loss " + loss);
            Tensor p = mlp.forward(Tape.inference(th), x);
            for (int i = 0; i < 4; i++) {
                assertEquals(y.getFlat(i), p.getFlat(i), 0.1, "input " + i);
            }
        }
    }

    @Test
    void mlpFitsASmoothRegression() {
        int n = 64;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -1.5 + 3.0 * i / (n - 1);
            ys[i] = Math.sin(2 * xs[i]);
        }
        Tensor x = Tensor.of(DType.F32, xs, n, 1);
        Tensor y = Tensor.of(DType.F32, ys, n, 1);
        Mlp mlp = new Mlp(3, 1, 32, 1, Norm.NONE, DType.F32, new SplittableRandom(7));
        try (Threads th = Threads.single()) {
            double before = Losses.mse(Tape.inference(th), mlp.forward(Tape.inference(th), x), y).item();
            double loss = train(mlp, x, y, 1e-2, 1500, th);
            assertTrue(loss < 2e-3 && loss < before / 100, "loss " + before + " -> " + loss);
        }
    }
}
