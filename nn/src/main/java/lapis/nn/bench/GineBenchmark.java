package lapis.nn.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import lapis.nn.DType;
import lapis.nn.Gemm;
import lapis.nn.Losses;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import lapis.nn.Workspace;
import lapis.nn.layers.GineNetwork;
import lapis.nn.optim.Adam;
import lapis.nn.optim.LearningRateSchedule;

/**
 * Training-step throughput of the GINE base model against the PyTorch peer (bench/peers/spe_train.py --variant
 * none: 4 GINE layers of width 128 with 3-layer batch-norm MLPs, atom Embedding(28, 128), bond Embedding(4, 128),
 * mean pooling, 3-layer readout, L1 loss, Adam lr 1e-3, batch 128, 2 threads; about 600 graphs/s on this machine).
 * As there, a step is forward, loss, backward, optimiser step and zeroing the gradients, on batches collated in
 * advance; the first {@code warmupSteps} steps are not timed. Steps draw their arrays from one {@link Workspace}. Graphs come from {@link MoleculeLikeGraphs} until
 * ZINC is available. Returns numbers; prints nothing.
 */
public final class GineBenchmark {

    public record Options(int batchSize, int threads, int warmupSteps, int timedSteps, long seed, DType dtype) {
        public Options {
            if (batchSize < 1 || threads < 1 || warmupSteps < 0 || timedSteps < 1) {
                throw new IllegalArgumentException("GineBenchmark: need batchSize, threads, timedSteps >= 1 and "
                        + "warmupSteps >= 0, got " + this);
            }
            Objects.requireNonNull(dtype, "dtype");
        }

        /**
         * Batch 128, 2 threads, float32 and seed 0 as the peer; 10 warm-up and 50 timed steps (the peer: 3 and 20
         * or 100), because the JIT compiles the product kernel during the first steps, which takes seconds on a
         * busy machine.
         */
        public static Options defaults() {
            return new Options(128, 2, 10, 50, 0, DType.F32);
        }

        public Options withThreads(int t) {
            return new Options(batchSize, t, warmupSteps, timedSteps, seed, dtype);
        }

        public Options withSteps(int warmup, int timed) {
            return new Options(batchSize, threads, warmup, timed, seed, dtype);
        }

        public Options withBatchSize(int b) {
            return new Options(b, threads, warmupSteps, timedSteps, seed, dtype);
        }

        public Options withDtype(DType d) {
            return new Options(batchSize, threads, warmupSteps, timedSteps, seed, d);
        }
    }

    /**
     * @param graphsPerSecond timed graphs / total timed seconds
     * @param stepSeconds the timed step times, in order
     * @param matmulRoute {@link Gemm#route()}
     */
    public record Result(double graphsPerSecond, double meanStepSeconds, double medianStepSeconds,
                         double minStepSeconds, double[] stepSeconds, double meanNodesPerBatch,
                         double meanEntriesPerBatch, long parameters, String matmulRoute, double firstLoss,
                         double lastLoss, Options options) {
    }

    private final Options options;

    public GineBenchmark(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Result run() {
        Options o = options;
        int total = o.warmupSteps() + o.timedSteps();
        List<MoleculeLikeGraphs.Batch> batches = new ArrayList<>(total);
        double nodes = 0;
        double entries = 0;
        for (int s = 0; s < total; s++) {
            MoleculeLikeGraphs.Batch b = MoleculeLikeGraphs.collate(
                    MoleculeLikeGraphs.generate(o.seed(), s * o.batchSize(), o.batchSize()), o.dtype());
            batches.add(b);
            if (s >= o.warmupSteps()) {
                nodes += b.index().nodeCount();
                entries += b.index().entryCount();
            }
        }
        GineNetwork.Config cfg = GineNetwork.Config.zinc();
        GineNetwork model = new GineNetwork(new GineNetwork.Config(cfg.atomTypes(), cfg.bondTypes(), cfg.hidden(),
                cfg.layers(), cfg.mlpLayers(), o.dtype()), new SplittableRandom(o.seed()));
        Adam adam = new Adam(model.namedParameters(), LearningRateSchedule.constant(1e-3), Adam.Options.defaults());
        double[] times = new double[o.timedSteps()];
        double first = Double.NaN;
        double last = Double.NaN;
        Workspace workspace = new Workspace();
        try (Threads threads = Threads.of(o.threads())) {
            for (int s = 0; s < total; s++) {
                MoleculeLikeGraphs.Batch b = batches.get(s);
                long t0 = System.nanoTime();
                double value;
                try (Tape tape = Tape.train(threads, o.seed() + s, workspace)) {
                    Tensor pred = model.forward(tape, b.atoms(), b.bonds(), b.index(), null);
                    Tensor loss = Losses.l1(tape, pred, b.targets());
                    tape.backward(loss);
                    value = loss.item();
                }
                adam.step(value);
                adam.zeroGrad();
                long t1 = System.nanoTime();
                if (s >= o.warmupSteps()) {
                    times[s - o.warmupSteps()] = (t1 - t0) * 1e-9;
                }
                first = s == 0 ? value : first;
                last = value;
            }
        }
        double sum = Arrays.stream(times).sum();
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
        return new Result(o.batchSize() * o.timedSteps() / sum, sum / times.length, median, sorted[0], times,
                nodes / o.timedSteps(), entries / o.timedSteps(), model.parameterCount(), Gemm.route(), first, last,
                o);
    }
}
