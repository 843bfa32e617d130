package lapis.bench.zinc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import lapis.encodings.Spectrum;
import lapis.experiments.zinc.ModelConfig;
import lapis.experiments.zinc.PeKind;
import lapis.experiments.zinc.SampleBatch;
import lapis.experiments.zinc.ZincModel;
import lapis.graph.Graph;
import lapis.graph.GraphSample;
import lapis.nn.BatchOrder;
import lapis.nn.Gemm;
import lapis.nn.Losses;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import lapis.nn.Workspace;
import lapis.nn.optim.Adam;
import lapis.nn.optim.LearningRateSchedule;

/**
 * Training-step throughput of a ZINC model, GINE with any positional encoding or none, against the PyTorch peer
 * {@code bench/peers/spe_train.py --variant PE}: by default GINE + SPE ({@code lapis bench spe}: SPE with 16
 * filters 1-16-16-1, rho an 8-layer GIN of width 128, 37 channels, per-layer PE MLPs, GINE 4 x 128), and the base
 * model alone ({@code lapis bench gine}, {@code --variant none}); batch 128, 2 threads, Adam lr 1e-3, L1 loss.
 *
 * <p>As in the peer, batches are collated before timing (graph structure, categories, targets; the samples are
 * visited in a seeded shuffled order, wrapping around), the first {@code warmupSteps} steps are not timed, and a
 * step is forward, L1 loss, backward, Adam step and zeroing of gradients. Unlike the peer, the encoding's own
 * preparation of the batch (SPE's sparse V (x) V and pair layout, which the peer does as padding inside the
 * model) is inside the timed step. Spectra of the samples used are computed once before, timed separately.
 * Steps draw their arrays from one {@link Workspace}. Returns numbers; prints nothing.
 */
public final class ZincTrainingBenchmark {

    /**
     * @param batchSize graphs per batch (128)
     * @param threads worker threads of the tensor operations and the eigendecompositions (2)
     * @param warmupSteps untimed steps (3, as the peer)
     * @param timedSteps timed steps (20, as the peer)
     * @param evalBatches batches timed again as forward-only inference (5, as the peer)
     * @param seed model initialisation and batch order
     * @param model the model
     */
    public record Options(int batchSize, int threads, int warmupSteps, int timedSteps, int evalBatches, long seed,
                          ModelConfig model) {
        public Options {
            if (batchSize < 1 || threads < 1 || warmupSteps < 0 || timedSteps < 1 || evalBatches < 0) {
                throw new IllegalArgumentException("ZincTrainingBenchmark: need batchSize, threads, timedSteps >= 1 and "
                        + "warmupSteps, evalBatches >= 0, got " + this);
            }
            Objects.requireNonNull(model, "model");
        }

        /** The peer's settings: batch 128, 2 threads, 3 + 20 steps, 5 evaluation batches, seed 0, GINE + SPE. */
        public static Options defaults() {
            return new Options(128, 2, 3, 20, 5, 0, ModelConfig.zinc(PeKind.SPE));
        }

        public Options withThreads(int t) {
            return new Options(batchSize, t, warmupSteps, timedSteps, evalBatches, seed, model);
        }

        public Options withSteps(int warmup, int timed) {
            return new Options(batchSize, threads, warmup, timed, evalBatches, seed, model);
        }

        public Options withBatchSize(int b) {
            return new Options(b, threads, warmupSteps, timedSteps, evalBatches, seed, model);
        }

        public Options withModel(ModelConfig m) {
            return new Options(batchSize, threads, warmupSteps, timedSteps, evalBatches, seed, m);
        }

        public Options withEvalBatches(int e) {
            return new Options(batchSize, threads, warmupSteps, timedSteps, e, seed, model);
        }
    }

    /**
     * @param graphsPerSecond timed graphs / timed seconds
     * @param stepSeconds the timed steps, in order
     * @param meanNodes mean nodes per timed batch
     * @param meanPairs mean sum of n^2 per timed batch (SPE's pair nodes)
     * @param parameters trainable scalars of the whole model
     * @param encodingParameters of the encoding alone
     * @param spectraSeconds eigendecomposition of the samples used, before timing
     * @param evalGraphsPerSecond forward-only inference on the first timed batches (NaN with no eval batches)
     * @param matmulRoute {@link Gemm#route()}
     * @param workspaceBytes the most bytes of workspace arrays one step held at once: its activation memory
     */
    public record Result(double graphsPerSecond, double meanStepSeconds, double medianStepSeconds,
                         double minStepSeconds, double[] stepSeconds, double meanNodes, double meanPairs,
                         long parameters, long encodingParameters, double spectraSeconds, double firstLoss,
                         double lastLoss, double evalGraphsPerSecond, String matmulRoute, long workspaceBytes,
                         Options options) {
    }

    private final Options options;

    public ZincTrainingBenchmark(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Times training steps on batches of {@code samples} (target 0).
     *
     * @throws IllegalArgumentException if there are fewer samples than one batch
     */
    public Result run(List<GraphSample> samples) {
        Options o = options;
        Objects.requireNonNull(samples, "samples");
        if (samples.size() < o.batchSize()) {
            throw new IllegalArgumentException(samples.size() + " samples for batches of " + o.batchSize());
        }
        int total = o.warmupSteps() + o.timedSteps();
        int[] order = BatchOrder.permutation(samples.size(), o.seed(), 0);
        int fullBatches = samples.size() / o.batchSize();
        List<int[]> ids = new ArrayList<>(total);
        for (int s = 0; s < total; s++) {
            int from = (s % fullBatches) * o.batchSize();
            ids.add(Arrays.copyOfRange(order, from, from + o.batchSize()));
        }
        boolean spectral = o.model().pe().needsSpectra();
        Spectrum[] spectra = new Spectrum[samples.size()];
        long t0 = System.nanoTime();
        if (spectral) {
            List<Integer> needed = new ArrayList<>();
            boolean[] seen = new boolean[samples.size()];
            for (int[] b : ids) {
                for (int i : b) {
                    if (!seen[i]) {
                        seen[i] = true;
                        needed.add(i);
                    }
                }
            }
            List<Graph> graphs = needed.stream().map(i -> samples.get(i).graph()).toList();
            List<Spectrum> computed = Spectrum.of(graphs, o.threads());
            for (int k = 0; k < needed.size(); k++) {
                spectra[needed.get(k)] = computed.get(k);
            }
        }
        double spectraSeconds = (System.nanoTime() - t0) * 1e-9;
        List<SampleBatch> batches = new ArrayList<>(total);
        double nodes = 0;
        double pairs = 0;
        for (int s = 0; s < total; s++) {
            int[] b = ids.get(s);
            List<GraphSample> part = Arrays.stream(b).mapToObj(samples::get).toList();
            List<Spectrum> sp = spectral ? Arrays.stream(b).mapToObj(i -> spectra[i]).toList() : null;
            batches.add(SampleBatch.of(part, sp, b, 0, 0, o.model().base(), o.model().dtype()));
            if (s >= o.warmupSteps()) {
                for (GraphSample g : part) {
                    nodes += g.nodeCount();
                    pairs += (double) g.nodeCount() * g.nodeCount();
                }
            }
        }
        ZincModel model = new ZincModel(o.model(), o.seed());
        Adam adam = new Adam(model.namedParameters(), LearningRateSchedule.constant(1e-3), Adam.Options.defaults());
        double[] times = new double[o.timedSteps()];
        double first = Double.NaN;
        double last = Double.NaN;
        double evalRate = Double.NaN;
        Workspace workspace = new Workspace();
        try (Threads threads = Threads.of(o.threads())) {
            for (int s = 0; s < total; s++) {
                SampleBatch b = batches.get(s);
                long start = System.nanoTime();
                double value;
                try (Tape tape = Tape.train(threads, o.seed() + s, workspace)) {
                    Tensor loss = Losses.l1(tape, model.forward(tape, b), b.targets());
                    tape.backward(loss);
                    value = loss.item();
                }
                adam.step(value);
                adam.zeroGrad();
                long end = System.nanoTime();
                if (s >= o.warmupSteps()) {
                    times[s - o.warmupSteps()] = (end - start) * 1e-9;
                }
                first = s == 0 ? value : first;
                last = value;
            }
            int evalCount = Math.min(o.evalBatches(), o.timedSteps());
            if (evalCount > 0) {
                long start = System.nanoTime();
                for (int s = 0; s < evalCount; s++) {
                    try (Tape tape = Tape.inference(threads, workspace)) {
                        model.forward(tape, batches.get(o.warmupSteps() + s));
                    }
                }
                evalRate = evalCount * (double) o.batchSize() / ((System.nanoTime() - start) * 1e-9);
            }
        }
        double sum = Arrays.stream(times).sum();
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
        long encodingParameters = model.encoding() instanceof Module m ? m.parameterCount() : 0;
        return new Result(o.batchSize() * o.timedSteps() / sum, sum / times.length, median, sorted[0], times,
                nodes / o.timedSteps(), pairs / o.timedSteps(), model.parameterCount(), encodingParameters,
                spectraSeconds, first, last, evalRate, Gemm.route(), workspace.peakBytes(), o);
    }
}
