package lapis.bases;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongSupplier;
import lapis.graph.Seeds;
import lapis.graph.knn.PointSet;
import lapis.nn.DType;
import lapis.nn.LinearAlgebra;
import lapis.nn.Shapes;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import lapis.nn.optim.AdamW;
import lapis.nn.optim.GradientClipping;
import lapis.nn.optim.LearningRateSchedule;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Trains a {@link CoordinateNetwork} on probe functions into a {@link LearnedBasis}. One step, full batch over the N
 * training points: Q = f(X) (float32), cast to float64, B = Q R^-1 orthonormal in the sampling inner product
 * ({@link LinearAlgebra#orthonormalize} with weights 1/N), the coefficients of P fresh probes, the {@link NestedProjectionLoss}, its gradient,
 * clipping of the global gradient norm, and an AdamW step with warm-up and cosine decay (the reference's optimiser).
 * After the last step the basis is fixed: R from the training points, each function's sign such that its entry of
 * largest magnitude is positive (so q_1 &gt; 0 where it carries the measure), then the {@link SpectrumReadout}.
 *
 * <p>Stopping: after {@code steps}, or, with a time budget, after as many steps as fit: the first
 * {@value #TIMING_STEPS} steps are timed and the schedule is stretched to the steps the budget then allows, then
 * set again at steps 20, 40, 80, ... from the speed since step {@value #TIMING_STEPS} (the first steps include the
 * JIT's compilation and ran 3x slower), so the learning rate decays to its end value within the budget. Reproducibility: every random draw is a function of
 * (seed, step), and the nn kernels give the same result at any thread count, so a fixed step count and seed give the
 * same basis bit for bit on any number of threads; a time budget fixes the count from the machine's speed.
 */
public final class SpectralBasisTrainer {
    static final int TIMING_STEPS = 10;

    /** A listener told after every step; the CLI draws it as a progress bar. */
    @FunctionalInterface
    public interface Listener {
        void step(int step, int total, double loss, double rate);
    }

    /**
     * Training settings.
     *
     * @param steps the number of steps, or the cap with a time budget
     * @param timeBudget the wall time to fit the steps into; null for exactly {@code steps}
     * @param learningRate the peak rate; {@code finalLearningRate} is where the cosine ends
     * @param warmup linear warm-up steps
     * @param probesPerStep P, fresh probes per step; 0 for the expectation in closed form where the family has one
     * @param clipNorm the largest global gradient norm (0 for none)
     * @param readoutProbes probes for the eigenvalue read-back after training
     * @param intrinsicDimension d of the manifold, for the calibration of eigenvalues (2 for surfaces)
     * @param seed the seed of the network's initial weights, of Omega and of every probe
     */
    public record Options(int steps, Duration timeBudget, double learningRate, double finalLearningRate, int warmup,
                          int probesPerStep, double clipNorm, int readoutProbes, int intrinsicDimension, long seed) {
        public Options {
            if (steps < 1 || warmup < 0 || probesPerStep < 0 || readoutProbes < 1 || intrinsicDimension < 1) {
                throw new IllegalArgumentException("training needs steps, read-out probes and intrinsic dimension >= 1, "
                        + "probes and warm-up >= 0; got " + steps + ", " + probesPerStep + ", "
                        + readoutProbes + ", " + intrinsicDimension + ", " + warmup);
            }
            if (!(learningRate > 0) || !(finalLearningRate >= 0 && finalLearningRate <= learningRate)
                    || !(clipNorm >= 0)) {
                throw new IllegalArgumentException("need learning rate > 0, 0 <= final rate <= rate, clip >= 0; got "
                        + learningRate + ", " + finalLearningRate + ", " + clipNorm);
            }
            if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
                throw new IllegalArgumentException("time budget must be positive, got " + timeBudget);
            }
        }

        /** 2,000 steps, rate 1e-3 to 1e-5 after 50 warm-up steps, exact expectation (P = 0), clip 1, 8,192 read-out probes, d = 2. */
        public static Options defaults() {
            return new Options(2000, null, 1e-3, 1e-5, 50, 0, 1.0, 8192, 2, 1);
        }

        public Options withSteps(int s) {
            return new Options(s, timeBudget, learningRate, finalLearningRate, warmup, probesPerStep, clipNorm,
                    readoutProbes, intrinsicDimension, seed);
        }

        public Options withTimeBudget(Duration b) {
            return new Options(steps, b, learningRate, finalLearningRate, warmup, probesPerStep, clipNorm,
                    readoutProbes, intrinsicDimension, seed);
        }

        public Options withLearningRate(double lr) {
            return new Options(steps, timeBudget, lr, Math.min(finalLearningRate, lr), warmup, probesPerStep,
                    clipNorm, readoutProbes, intrinsicDimension, seed);
        }

        public Options withWarmup(int w) {
            return new Options(steps, timeBudget, learningRate, finalLearningRate, w, probesPerStep, clipNorm,
                    readoutProbes, intrinsicDimension, seed);
        }

        public Options withProbesPerStep(int p) {
            return new Options(steps, timeBudget, learningRate, finalLearningRate, warmup, p, clipNorm,
                    readoutProbes, intrinsicDimension, seed);
        }

        public Options withReadoutProbes(int p) {
            return new Options(steps, timeBudget, learningRate, finalLearningRate, warmup, probesPerStep, clipNorm,
                    p, intrinsicDimension, seed);
        }

        public Options withIntrinsicDimension(int d) {
            return new Options(steps, timeBudget, learningRate, finalLearningRate, warmup, probesPerStep, clipNorm,
                    readoutProbes, d, seed);
        }

        public Options withSeed(long s) {
            return new Options(steps, timeBudget, learningRate, finalLearningRate, warmup, probesPerStep, clipNorm,
                    readoutProbes, intrinsicDimension, s);
        }
    }

    private final Options options;
    private final LongSupplier clock;

    public SpectralBasisTrainer(Options options) {
        this(options, System::nanoTime);
    }

    SpectralBasisTrainer(Options options, LongSupplier clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Trains K functions on the points with the given probes (defined on the same points).
     *
     * @param listener told after each step; may be null
     * @throws IllegalArgumentException if the probes are for another number of points, or K &gt; N
     */
    public LearnedBasis train(PointSet points, ProbeDistribution probes, CoordinateNetwork.Options network,
                              Threads threads, Listener listener) {
        Objects.requireNonNull(probes, "probes");
        int n = points.size();
        int k = network.outputs();
        if (probes.size() != n) {
            throw new IllegalArgumentException("probes are defined on " + probes.size() + " points, not " + n);
        }
        if (k > n) {
            throw new IllegalArgumentException("K = " + k + " functions need at least as many points; got " + n);
        }
        CoordinateNetwork net = CoordinateNetwork.forPoints(points, network, Seeds.derive(options.seed(), 0));
        Tensor features = net.features(points);
        Tensor weights = Tensor.full(DType.F64, 1.0 / n, n);
        long[] total = {options.steps()};
        LearningRateSchedule cosine = s -> LearningRateSchedule.warmupCosine(options.learningRate(),
                Math.min(options.warmup(), Math.max(0, total[0] - 1)), Math.max(1, total[0]),
                options.finalLearningRate()).rate(s);
        AdamW optimizer = new AdamW(net.namedParameters(), cosine, AdamW.defaults());
        double[] losses = new double[options.steps()];
        long start = clock.getAsLong();
        long timed = start;
        int step = 0;
        while (step < total[0]) {
            double loss;
            try (Tape t = Tape.train(threads, Seeds.derive(options.seed(), 1, step))) {
                Tensor q = Shapes.cast(t, net.forward(t, features), DType.F64);
                Tensor b = LinearAlgebra.orthonormalize(t, q, weights);
                Tensor a = probes.coefficients(t, b, options.probesPerStep(), Seeds.derive(options.seed(), 2, step));
                Tensor l = NestedProjectionLoss.of(t, a, probes.meanEnergy());
                loss = l.item();
                t.backward(l);
            }
            if (options.clipNorm() > 0) {
                GradientClipping.clipGlobalNorm(net.parameters(), options.clipNorm());
            }
            double rate = optimizer.learningRate();
            optimizer.step(loss);
            optimizer.zeroGrad();
            losses[step] = loss;
            step++;
            if (options.timeBudget() != null && step % TIMING_STEPS == 0
                    && Integer.bitCount(step / TIMING_STEPS) == 1) {
                long now = clock.getAsLong();
                if (step == TIMING_STEPS) {
                    timed = now;
                }
                double perStep = step == TIMING_STEPS ? (now - start) / (double) step
                        : (now - timed) / (double) (step - TIMING_STEPS);
                long fit = step + (long) ((options.timeBudget().toNanos() - (now - start)) / perStep);
                total[0] = Math.max(step, Math.min(options.steps(), fit));
            }
            if (listener != null) {
                listener.step(step, (int) total[0], loss, rate);
            }
        }
        double seconds = (clock.getAsLong() - start) / 1e9;
        return finish(net, features, points, probes, threads,
                new LearnedBasis.Training(probes.name(), options.probesPerStep(), step, seconds,
                        losses[step - 1], Arrays.copyOf(losses, step)));
    }

    private LearnedBasis finish(CoordinateNetwork net, Tensor features, PointSet points, ProbeDistribution probes,
                                Threads threads, LearnedBasis.Training training) {
        int n = points.size();
        int k = net.options().outputs();
        double[] q;
        try (Tape t = Tape.inference(threads)) {
            q = net.forward(t, features).toDoubleArray();
        }
        double[] rInverse = orthonormalizer(q, n, k);
        double[] basis = LearnedBasis.times(q, n, rInverse, k);
        for (int j = 0; j < k; j++) {
            double largest = 0;
            for (int i = 0; i < n; i++) {
                double v = basis[i * k + j];
                if (Math.abs(v) > Math.abs(largest)) {
                    largest = v;
                }
            }
            if (largest < 0) {
                for (int r = 0; r < k; r++) {
                    rInverse[r * k + j] = -rInverse[r * k + j];
                }
                for (int i = 0; i < n; i++) {
                    basis[i * k + j] = -basis[i * k + j];
                }
            }
        }
        SpectrumReadout.Result r = SpectrumReadout.read(probes, basis, points, options.intrinsicDimension(),
                options.readoutProbes(), options.probesPerStep(), Seeds.derive(options.seed(), 3), threads);
        return new LearnedBasis(net, rInverse, r.eigenvalues(), r.rawEigenvalues(), r.captured(), r.calibration(),
                probes.firstFunctionCarriesMeasure(), training);
    }

    /**
     * R^-1 = L^-T, L the Cholesky factor of Q^T Q / N, so that Q R^-1 is orthonormal in the sampling measure. O(N K^2).
     *
     * @throws IllegalStateException if the functions are linearly dependent on the points
     */
    static double[] orthonormalizer(double[] q, int n, int k) {
        DMatrixRMaj gram = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransA(DMatrixRMaj.wrap(n, k, q), DMatrixRMaj.wrap(n, k, q), gram);
        CommonOps_DDRM.divide(gram, n);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(k, true);
        if (!chol.decompose(gram)) {
            throw new IllegalStateException("the " + k + " learned functions are linearly dependent on the points");
        }
        DMatrixRMaj l = chol.getT(null);
        DMatrixRMaj inv = new DMatrixRMaj(k, k);
        if (!CommonOps_DDRM.invert(l, inv)) {
            throw new IllegalStateException("the Cholesky factor of the learned functions is singular");
        }
        DMatrixRMaj out = new DMatrixRMaj(k, k);
        CommonOps_DDRM.transpose(inv, out);
        return out.data;
    }
}
