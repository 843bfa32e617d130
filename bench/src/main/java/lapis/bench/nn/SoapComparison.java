package lapis.bench.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import lapis.nn.DType;
import lapis.nn.Losses;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import lapis.nn.layers.Mlp;
import lapis.nn.layers.Norm;
import lapis.nn.optim.Adam;
import lapis.nn.optim.AdamW;
import lapis.nn.optim.LearningRateSchedule;
import lapis.nn.optim.Optimizer;
import lapis.nn.optim.Soap;

/**
 * SOAP against AdamW on one small task: steps to reach a target loss and wall time per step.
 *
 * <p>Task: teacher-student regression. Inputs x in R^d are Gaussian with covariance eigenvalues spread
 * log-uniformly over [1/c, c] in a random basis (c = {@code inputConditioning}; ill-conditioned inputs are where
 * a preconditioner should pay off); the target is a fixed random tanh teacher MLP d -&gt; h -&gt; 1, scaled to unit
 * variance. The student is a ReLU MLP d -&gt; h -&gt; h -&gt; 1 trained full-batch on the MSE, from the same
 * initialisation for every run, with a constant learning rate, each optimiser with its reference defaults (AdamW:
 * betas 0.9, 0.999; SOAP: betas 0.95, 0.95, refresh every 10 steps) and the same weight decay. Every learning
 * rate of the grid is run; the best run per optimiser is the one reaching the target in the fewest steps (or
 * with the lowest final loss). The target is {@code targetRatio} times the initial loss. Float64 throughout.
 * Returns numbers; prints nothing.
 */
public final class SoapComparison {

    public record Options(int inputs, int hidden, int samples, double inputConditioning, int maxSteps,
                          double targetRatio, double[] learningRates, double weightDecay, int threads, long seed) {
        public Options {
            if (inputs < 1 || hidden < 1 || samples < 1 || !(inputConditioning >= 1) || maxSteps < 1
                    || !(targetRatio > 0 && targetRatio < 1) || learningRates.length == 0 || threads < 1) {
                throw new IllegalArgumentException("SoapComparison: invalid options " + this);
            }
            learningRates = learningRates.clone();
        }

        /** d = 16, h = 64, 1024 samples, conditioning 100, 1500 steps, target 0.1% of the initial loss. */
        public static Options defaults() {
            return new Options(16, 64, 1024, 100, 1500, 1e-3, new double[] {1e-3, 3e-3, 1e-2}, 1e-4, 2, 0);
        }

        public Options withMaxSteps(int s) {
            return new Options(inputs, hidden, samples, inputConditioning, s, targetRatio, learningRates, weightDecay,
                    threads, seed);
        }

        public Options withLearningRates(double... rates) {
            return new Options(inputs, hidden, samples, inputConditioning, maxSteps, targetRatio, rates, weightDecay,
                    threads, seed);
        }

        public Options withThreads(int t) {
            return new Options(inputs, hidden, samples, inputConditioning, maxSteps, targetRatio, learningRates,
                    weightDecay, t, seed);
        }
    }

    /**
     * One training run.
     *
     * @param stepsToTarget the first step whose loss is at most the target, or -1 if none within maxSteps
     * @param losses the full-batch loss before each step
     */
    public record Run(String optimizer, double learningRate, int stepsToTarget, double finalLoss,
                      double meanStepSeconds, double[] losses) {
    }

    /** All runs, and the best per optimiser. */
    public record Result(double initialLoss, double targetLoss, List<Run> runs, Run bestSoap, Run bestAdamW) {
    }

    private final Options options;

    public SoapComparison(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Result run() {
        Options o = options;
        SplittableRandom rng = new SplittableRandom(o.seed());
        Tensor x = inputs(rng);
        Tensor y;
        try (Threads th = Threads.single()) {
            Mlp teacher = new Mlp(2, o.inputs(), o.hidden(), 1, Norm.NONE, DType.F64, rng);
            Tape t = Tape.inference(th);
            y = standardise(teacher.forward(t, x));
        }
        long initSeed = rng.nextLong();
        List<Run> runs = new ArrayList<>();
        double initial = Double.NaN;
        try (Threads th = Threads.of(o.threads())) {
            for (String name : new String[] {"SOAP", "AdamW"}) {
                for (double lr : o.learningRates()) {
                    Run r = train(name, lr, x, y, initSeed, th);
                    initial = r.losses()[0];
                    runs.add(r);
                }
            }
        }
        double target = o.targetRatio() * initial;
        return new Result(initial, target, runs, best(runs, "SOAP"), best(runs, "AdamW"));
    }

    private Tensor inputs(SplittableRandom rng) {
        int d = options.inputs();
        int n = options.samples();
        double[] q = Tensor.normal(DType.F64, rng, 1, d, d).toDoubleArray();
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += q[i * d + j] * q[i * d + k];
                }
                for (int i = 0; i < d; i++) {
                    q[i * d + j] -= dot * q[i * d + k];
                }
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += q[i * d + j] * q[i * d + j];
            }
            for (int i = 0; i < d; i++) {
                q[i * d + j] /= Math.sqrt(norm);
            }
        }
        double c = options.inputConditioning();
        double[] x = new double[n * d];
        double[] z = new double[d];
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < d; k++) {
                double scale = Math.sqrt(Math.pow(c, 2.0 * k / Math.max(1, d - 1) - 1));
                z[k] = scale * rng.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += q[i * d + k] * z[k];
                }
                x[s * d + i] = v;
            }
        }
        return Tensor.of(x, n, d);
    }

    private static Tensor standardise(Tensor y) {
        double[] v = y.toDoubleArray();
        double mean = Arrays.stream(v).average().orElse(0);
        double var = Arrays.stream(v).map(a -> (a - mean) * (a - mean)).average().orElse(1);
        double sd = Math.sqrt(var) > 0 ? Math.sqrt(var) : 1;
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] - mean) / sd;
        }
        return Tensor.of(v, y.shape());
    }

    private Run train(String name, double lr, Tensor x, Tensor y, long initSeed, Threads th) {
        Options o = options;
        Mlp student = new Mlp(3, o.inputs(), o.hidden(), 1, Norm.NONE, DType.F64, new SplittableRandom(initSeed));
        Map<String, Tensor> params = student.namedParameters();
        LearningRateSchedule rate = LearningRateSchedule.constant(lr);
        Optimizer opt = name.equals("SOAP")
                ? new Soap(params, rate, Soap.Options.defaults().withWeightDecay(o.weightDecay()), th)
                : new AdamW(params, rate, Adam.Options.defaults().withWeightDecay(o.weightDecay()));
        double[] losses = new double[o.maxSteps()];
        long nanos = 0;
        for (int s = 0; s < o.maxSteps(); s++) {
            long t0 = System.nanoTime();
            Tape t = Tape.train(th, s);
            Tensor loss = Losses.mse(t, student.forward(t, x), y);
            t.backward(loss);
            losses[s] = loss.item();
            opt.step(losses[s]);
            opt.zeroGrad();
            nanos += System.nanoTime() - t0;
        }
        double target = o.targetRatio() * losses[0];
        int reached = -1;
        for (int s = 0; s < losses.length; s++) {
            if (losses[s] <= target) {
                reached = s;
                break;
            }
        }
        double fin;
        try (Threads single = Threads.single()) {
            Tape t = Tape.inference(single);
            fin = Losses.mse(t, student.forward(t, x), y).item();
        }
        return new Run(name, lr, reached, fin, nanos * 1e-9 / o.maxSteps(), losses);
    }

    private static Run best(List<Run> runs, String name) {
        Run best = null;
        for (Run r : runs) {
            if (!r.optimizer().equals(name)) {
                continue;
            }
            if (best == null || better(r, best)) {
                best = r;
            }
        }
        return best;
    }

    private static boolean better(Run a, Run b) {
        if (a.stepsToTarget() >= 0 && b.stepsToTarget() >= 0) {
            return a.stepsToTarget() < b.stepsToTarget();
        }
        if (a.stepsToTarget() >= 0 || b.stepsToTarget() >= 0) {
            return a.stepsToTarget() >= 0;
        }
        return a.finalLoss() < b.finalLoss();
    }
}
