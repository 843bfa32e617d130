package lapis.experiments.zinc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import lapis.graph.Seeds;
import lapis.encodings.Spectrum;
import lapis.graph.Graph;
import lapis.graph.GraphSample;
import lapis.graph.io.AtomicFiles;
import lapis.graph.io.Json;
import lapis.graph.io.PropertiesFiles;
import lapis.nn.BatchOrder;
import lapis.nn.Losses;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import lapis.nn.Workspace;
import lapis.nn.checkpoint.Checkpoint;
import lapis.nn.layers.BatchNorm;
import lapis.nn.optim.Adam;
import lapis.nn.optim.AdamW;
import lapis.nn.optim.Optimizer;
import lapis.nn.optim.LearningRateSchedule;

/**
 * Trains a {@link ZincModel} on graph regression with the L1 loss, the ZINC protocol of the SPE paper (methods.md
 * section 4): Adam with L2 weight decay (reference: lr 1e-3, decay 3e-6; AdamW on request), learning rate
 * warmed up linearly over the first steps and then decayed linearly to 0 at the end of the last epoch, batches of
 * 128 in a shuffled order per epoch, validation and test mean absolute errors after every epoch, and the model of the best validation
 * error kept.
 *
 * <p><b>Run directory.</b> {@code config.properties} (model and training settings; a resume must match them),
 * {@code epochs.csv} (one row per evaluation: epoch, batches done, train MAE = mean training loss of the epoch's
 * batches, validation and test MAE, seconds, learning rate, elapsed seconds), {@code best.ckpt} (the model at the
 * best validation MAE), {@code last.ckpt} and {@code state.properties} (model, optimiser and position after the
 * last evaluation, for {@link Options#resume()}), and {@code summary.json} at the end. Every file is written
 * through a temporary file and an atomic rename.
 *
 * <p><b>Determinism.</b> The initial weights, the batch order of every epoch ({@link BatchOrder}), LapPE's sign
 * flips (seeded by epoch and sample id) and every tape seed derive from {@link Options#seed()}, and the tensor
 * operations do not depend on the thread count: two runs with the same settings give the same numbers, and a run
 * stopped (time budget) and resumed gives the same numbers as one that was not stopped. The time budget counts
 * the wall time of all sessions of a run; a stop happens between two batches, and the resumed run continues
 * inside that epoch.
 *
 * <p>Spectra (all eigenpairs of every graph's symmetric normalised Laplacian) are computed once at the start, in
 * memory, when the encoding needs them.
 */
public final class Trainer {

    /**
     * @param model the model
     * @param epochs epochs to train; the learning-rate schedule spans them
     * @param timeBudget stop when the run's wall time reaches this (null: no limit)
     * @param seed everything random derives from it
     * @param batchSize graphs per batch (128)
     * @param learningRate peak learning rate (1e-3)
     * @param weightDecay Adam's L2 weight decay (3e-6)
     * @param warmupSteps steps of linear warm-up (100)
     * @param threads worker threads for tensor operations and eigendecompositions
     * @param target which target of the samples to predict
     * @param outDir the run directory
     * @param resume continue the run in outDir from its last state
     * @param decoupledWeightDecay AdamW (decay applied to the weights) instead of Adam's L2 term
     * @param recalibrationBatches before every evaluation, the batch norms' running statistics are replaced by the
     *     population statistics of this many training batches (the first of the epoch's order) under the current
     *     weights ({@link BatchNorm#recalibrate}); 0 keeps the exponential averages
     */
    public record Options(ModelConfig model, int epochs, Duration timeBudget, long seed, int batchSize,
                          double learningRate, double weightDecay, int warmupSteps, int threads, int target,
                          Path outDir, boolean resume, boolean decoupledWeightDecay, int recalibrationBatches) {
        public Options {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(outDir, "outDir");
            if (epochs < 1 || batchSize < 1 || warmupSteps < 0 || threads < 1 || target < 0
                    || recalibrationBatches < 0) {
                throw new IllegalArgumentException("need epochs, batchSize, threads >= 1 and warmupSteps, target, "
                        + "recalibrationBatches >= 0, got " + epochs + ", " + batchSize + ", " + threads + ", "
                        + warmupSteps + ", " + target + ", " + recalibrationBatches);
            }
            if (!(learningRate > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("need learningRate > 0 and weightDecay >= 0, got " + learningRate
                        + ", " + weightDecay);
            }
            if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
                throw new IllegalArgumentException("time budget must be positive, got " + timeBudget);
            }
        }

        /** The SPE paper's ZINC protocol for {@code pe}: 1000 epochs, batch 128, lr 1e-3, decay 3e-6, 100 warm-up
         *  steps, seed 0, 2 threads, target 0, no time budget; batch-norm statistics recalibrated on 16 batches. */
        public static Options zinc(PeKind pe, Path outDir) {
            return new Options(ModelConfig.zinc(pe), 1000, null, 0, 128, 1e-3, 3e-6, 100, 2, 0, outDir, false, false,
                    16);
        }

        public Options withModel(ModelConfig m) {
            return new Options(m, epochs, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps, threads,
                    target, outDir, resume, decoupledWeightDecay, recalibrationBatches);
        }

        public Options withEpochs(int e) {
            return new Options(model, e, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps, threads,
                    target, outDir, resume, decoupledWeightDecay, recalibrationBatches);
        }

        public Options withTimeBudget(Duration d) {
            return new Options(model, epochs, d, seed, batchSize, learningRate, weightDecay, warmupSteps, threads,
                    target, outDir, resume, decoupledWeightDecay, recalibrationBatches);
        }

        public Options withSeed(long s) {
            return new Options(model, epochs, timeBudget, s, batchSize, learningRate, weightDecay, warmupSteps, threads,
                    target, outDir, resume, decoupledWeightDecay, recalibrationBatches);
        }

        public Options withBatchSize(int b) {
            return new Options(model, epochs, timeBudget, seed, b, learningRate, weightDecay, warmupSteps, threads,
                    target, outDir, resume, decoupledWeightDecay, recalibrationBatches);
        }

        public Options withOptimizer(double lr, double decay, int warmup) {
            return new Options(model, epochs, timeBudget, seed, batchSize, lr, decay, warmup, threads, target, outDir,
                    resume, decoupledWeightDecay, recalibrationBatches);
        }

        public Options withThreads(int t) {
            return new Options(model, epochs, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps, t,
                    target, outDir, resume, decoupledWeightDecay, recalibrationBatches);
        }

        public Options withDecoupledWeightDecay(boolean on) {
            return new Options(model, epochs, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps,
                    threads, target, outDir, resume, on, recalibrationBatches);
        }

        public Options withResume(boolean r) {
            return new Options(model, epochs, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps,
                    threads, target, outDir, r, decoupledWeightDecay, recalibrationBatches);
        }

        public Options withRecalibrationBatches(int k) {
            return new Options(model, epochs, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps,
                    threads, target, outDir, resume, decoupledWeightDecay, k);
        }

        /** The settings that fix the numbers of a run (not the directory, threads, budget or resume flag). */
        Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>(model.toMap());
            m.put("train.epochs", String.valueOf(epochs));
            m.put("train.seed", String.valueOf(seed));
            m.put("train.batchSize", String.valueOf(batchSize));
            m.put("train.learningRate", String.valueOf(learningRate));
            m.put("train.weightDecay", String.valueOf(weightDecay));
            m.put("train.decoupledWeightDecay", String.valueOf(decoupledWeightDecay));
            m.put("train.warmupSteps", String.valueOf(warmupSteps));
            m.put("train.target", String.valueOf(target));
            m.put("train.recalibrationBatches", String.valueOf(recalibrationBatches));
            return m;
        }
    }

    /**
     * One row of epochs.csv.
     *
     * @param epoch 0-based
     * @param batchesDone batches of this epoch trained when it was evaluated (less than {@code batches} after a stop)
     * @param trainMae mean of the batch losses of the epoch, weighted by batch size
     * @param seconds wall time since the previous row (training and evaluation)
     * @param learningRate the rate of the last step
     * @param elapsedSeconds wall time of the run so far, all sessions
     */
    public record EpochRecord(int epoch, int batchesDone, int batches, double trainMae, double valMae, double testMae,
                              double seconds, double learningRate, double elapsedSeconds) {
        static final String HEADER = "epoch,batches_done,batches,train_mae,val_mae,test_mae,seconds,learning_rate,"
                + "elapsed_seconds";

        String csv() {
            return String.format(Locale.ROOT, "%d,%d,%d,%.8f,%.8f,%.8f,%.3f,%.6g,%.3f", epoch, batchesDone, batches,
                    trainMae, valMae, testMae, seconds, learningRate, elapsedSeconds);
        }
    }

    /**
     * The outcome of a run.
     *
     * @param bestEpoch the epoch of the lowest validation MAE (-1 if none was evaluated)
     * @param testMaeAtBest the test MAE of that model (what {@link #evaluate} reproduces)
     * @param stopReason "epochs" or "time budget"
     * @param trainGraphsPerSecond graphs / seconds of the training steps of this session
     */
    public record Summary(long parameters, long encodingParameters, int epochsCompleted, int bestEpoch,
                          double bestValMae, double testMaeAtBest, double lastValMae, double lastTestMae,
                          double wallSeconds, double trainGraphsPerSecond, String stopReason, Path directory) {
    }

    /** Mean absolute error of a model on samples. */
    public record Evaluation(double mae, int count) {
    }

    static final String CONFIG = "config.properties";
    static final String STATE = "state.properties";
    static final String CSV = "epochs.csv";
    static final String BEST = "best.ckpt";
    static final String LAST = "last.ckpt";
    static final String SUMMARY = "summary.json";

    private final Options options;
    private final TrainingListener listener;
    private final LongSupplier nanoClock;

    public Trainer(Options options, TrainingListener listener) {
        this(options, listener, System::nanoTime);
    }

    /**
     * A trainer that reads time from {@code nanoClock} (nanoseconds, monotonic): the time budget, the CSV's seconds
     * and the throughput all use it, so a test can stop a run at a chosen step without depending on the machine.
     */
    Trainer(Options options, TrainingListener listener, LongSupplier nanoClock) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Where the run is after the last evaluation. */
    private static final class State {
        int epoch;
        int batch;
        double trainAbsSum;
        int trainCount;
        int bestEpoch = -1;
        double bestVal = Double.NaN;
        double bestTest = Double.NaN;
        double lastVal = Double.NaN;
        double lastTest = Double.NaN;
        double elapsed;
        int epochsCompleted;
        List<String> rows = new ArrayList<>();

        Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("epoch", String.valueOf(epoch));
            m.put("batch", String.valueOf(batch));
            m.put("trainAbsSum", Double.toString(trainAbsSum));
            m.put("trainCount", String.valueOf(trainCount));
            m.put("bestEpoch", String.valueOf(bestEpoch));
            m.put("bestVal", Double.toString(bestVal));
            m.put("bestTest", Double.toString(bestTest));
            m.put("lastVal", Double.toString(lastVal));
            m.put("lastTest", Double.toString(lastTest));
            m.put("elapsed", Double.toString(elapsed));
            m.put("epochsCompleted", String.valueOf(epochsCompleted));
            return m;
        }

        static State of(Map<String, String> m, List<String> rows) {
            State s = new State();
            s.epoch = Integer.parseInt(m.get("epoch"));
            s.batch = Integer.parseInt(m.get("batch"));
            s.trainAbsSum = Double.parseDouble(m.get("trainAbsSum"));
            s.trainCount = Integer.parseInt(m.get("trainCount"));
            s.bestEpoch = Integer.parseInt(m.get("bestEpoch"));
            s.bestVal = Double.parseDouble(m.get("bestVal"));
            s.bestTest = Double.parseDouble(m.get("bestTest"));
            s.lastVal = Double.parseDouble(m.get("lastVal"));
            s.lastTest = Double.parseDouble(m.get("lastTest"));
            s.elapsed = Double.parseDouble(m.get("elapsed"));
            s.epochsCompleted = Integer.parseInt(m.get("epochsCompleted"));
            s.rows = new ArrayList<>(rows);
            return s;
        }
    }

    /**
     * Trains on {@code train}, evaluating on {@code validation} and {@code test} after every epoch, and writes the
     * run directory.
     *
     * @param metadata extra key-value pairs for summary.json (e.g. the git commit), or an empty map
     * @throws IllegalArgumentException if the directory holds a run and resume is off, if a resumed run's settings
     *     differ, or if the training set is empty
     * @throws IOException if the run directory cannot be written or its files read
     */
    public Summary run(List<GraphSample> train, List<GraphSample> validation, List<GraphSample> test,
                       Map<String, String> metadata) throws IOException {
        Options o = options;
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the training set is empty");
        }
        Path dir = o.outDir();
        Files.createDirectories(dir);
        Map<String, String> settings = o.toMap();
        State state = new State();
        boolean resuming = Files.exists(dir.resolve(STATE));
        if (resuming && !o.resume()) {
            throw new IllegalArgumentException(dir + " already holds a run; resume it or choose another directory");
        }
        if (resuming) {
            Map<String, String> stored = PropertiesFiles.read(dir.resolve(CONFIG));
            List<String> differences = new ArrayList<>();
            for (Map.Entry<String, String> e : settings.entrySet()) {
                if (!e.getValue().equals(stored.get(e.getKey()))) {
                    differences.add(e.getKey() + " is " + stored.get(e.getKey()) + " in the run, " + e.getValue()
                            + " now");
                }
            }
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException("cannot resume " + dir + ": " + String.join("; ", differences));
            }
            List<String> lines = Files.readAllLines(dir.resolve(CSV), StandardCharsets.UTF_8);
            state = State.of(PropertiesFiles.read(dir.resolve(STATE)), lines.subList(1, lines.size()));
        } else {
            PropertiesFiles.write(dir.resolve(CONFIG), settings);
        }
        boolean spectral = o.model().pe().needsSpectra();
        List<Spectrum> trainSpectra = spectral ? spectra(train, o.threads()) : null;
        List<Spectrum> valSpectra = spectral ? spectra(validation, o.threads()) : null;
        List<Spectrum> testSpectra = spectral ? spectra(test, o.threads()) : null;

        ZincModel model = new ZincModel(o.model(), o.seed());
        int batchesPerEpoch = (train.size() + o.batchSize() - 1) / o.batchSize();
        long totalSteps = (long) batchesPerEpoch * o.epochs();
        LearningRateSchedule schedule = LearningRateSchedule.warmupLinear(o.learningRate(),
                Math.min(o.warmupSteps(), totalSteps - 1), totalSteps);
        Adam.Options adamOptions = Adam.Options.defaults().withWeightDecay(o.weightDecay());
        Optimizer adam = o.decoupledWeightDecay() ? new AdamW(model.namedParameters(), schedule, adamOptions)
                : new Adam(model.namedParameters(), schedule, adamOptions);
        if (resuming) {
            Checkpoint.load(dir.resolve(LAST), model, adam);
            long expected = (long) state.epoch * batchesPerEpoch + state.batch;
            if (adam.steps() != expected) {
                throw new IllegalArgumentException("cannot resume " + dir + ": " + LAST + " holds " + adam.steps()
                        + " steps but " + STATE + " says epoch " + state.epoch + ", batch " + state.batch + " ("
                        + expected + " steps); the run was interrupted while saving");
            }
        }
        long sessionStart = nanoClock.getAsLong();
        double elapsedBefore = state.elapsed;
        double lastRow = 0;
        String stop = "epochs";
        double stepSeconds = 0;
        double lastRate = 0;
        long stepGraphs = 0;
        listener.started(state.epoch, state.batch, batchesPerEpoch, totalSteps, adam.steps());
        Workspace workspace = new Workspace();
        try (Threads threads = Threads.of(o.threads())) {
            while (state.epoch < o.epochs()) {
                int epoch = state.epoch;
                List<int[]> batches = BatchOrder.batches(train.size(), o.batchSize(), o.seed(), epoch, false);
                int trainedNow = 0;
                boolean outOfTime = false;
                while (state.batch < batches.size()) {
                    double elapsed = elapsedBefore + (nanoClock.getAsLong() - sessionStart) * 1e-9;
                    if (o.timeBudget() != null && elapsed >= o.timeBudget().toNanos() * 1e-9) {
                        outOfTime = true;
                        break;
                    }
                    int[] ids = batches.get(state.batch);
                    SampleBatch b = batch(train, trainSpectra, ids, epoch, o.target(), o.model());
                    long t0 = nanoClock.getAsLong();
                    double loss;
                    try (Tape tape = Tape.train(threads, Seeds.derive(o.seed(), adam.steps()), workspace)) {
                        Tensor l = Losses.l1(tape, model.forward(tape, b), b.targets());
                        tape.backward(l);
                        loss = l.item();
                    }
                    double rate = adam.learningRate();
                    lastRate = rate;
                    adam.step(loss);
                    adam.zeroGrad();
                    stepSeconds += (nanoClock.getAsLong() - t0) * 1e-9;
                    stepGraphs += ids.length;
                    state.trainAbsSum += loss * ids.length;
                    state.trainCount += ids.length;
                    state.batch++;
                    trainedNow++;
                    listener.step(epoch, state.batch, loss, rate);
                }
                if (trainedNow > 0 || (!outOfTime && state.batch == batches.size())) {
                    listener.evaluating(epoch);
                    recalibrate(model, train, trainSpectra, batches, o.recalibrationBatches(), epoch, o.seed(),
                            o.target(), threads, workspace);
                    double val = meanAbsoluteError(model, validation, valSpectra, o.batchSize(), o.target(), threads,
                            workspace);
                    double tst = meanAbsoluteError(model, test, testSpectra, o.batchSize(), o.target(), threads,
                            workspace);
                    double now = (nanoClock.getAsLong() - sessionStart) * 1e-9;
                    state.elapsed = elapsedBefore + now;
                    EpochRecord rec = new EpochRecord(epoch, state.batch, batches.size(),
                            state.trainCount == 0 ? Double.NaN : state.trainAbsSum / state.trainCount, val, tst,
                            now - lastRow, lastRate, state.elapsed);
                    lastRow = now;
                    state.rows.add(rec.csv());
                    state.lastVal = val;
                    state.lastTest = tst;
                    if (!(val >= state.bestVal)) {
                        state.bestVal = val;
                        state.bestTest = tst;
                        state.bestEpoch = epoch;
                        Checkpoint.save(dir.resolve(BEST), model, null);
                    }
                    if (state.batch == batches.size()) {
                        state.epoch++;
                        state.batch = 0;
                        state.trainAbsSum = 0;
                        state.trainCount = 0;
                        state.epochsCompleted++;
                    }
                    Checkpoint.save(dir.resolve(LAST), model, adam);
                    writeCsv(dir.resolve(CSV), state.rows);
                    PropertiesFiles.write(dir.resolve(STATE), state.toMap());
                    listener.epochEnded(rec);
                }
                if (outOfTime) {
                    stop = "time budget";
                    break;
                }
            }
        }
        state.elapsed = elapsedBefore + (nanoClock.getAsLong() - sessionStart) * 1e-9;
        PropertiesFiles.write(dir.resolve(STATE), state.toMap());
        long encodingParameters = model.encoding() instanceof Module m ? m.parameterCount() : 0;
        Summary summary = new Summary(model.parameterCount(), encodingParameters, state.epochsCompleted,
                state.bestEpoch, state.bestVal, state.bestTest, state.lastVal, state.lastTest, state.elapsed,
                stepSeconds > 0 ? stepGraphs / stepSeconds : Double.NaN, stop, dir);
        writeSummary(dir.resolve(SUMMARY), summary, settings, metadata);
        return summary;
    }

    /** Runs {@link BatchNorm#recalibrate} on the first {@code count} batches of {@code order}. */
    private static void recalibrate(ZincModel model, List<GraphSample> train, List<Spectrum> spectra,
                                    List<int[]> order, int count, int epoch, long seed, int target, Threads threads,
                                    Workspace workspace) {
        int k = Math.min(count, order.size());
        if (k == 0) {
            return;
        }
        BatchNorm.recalibrate(model, () -> {
            for (int b = 0; b < k; b++) {
                SampleBatch sb = batch(train, spectra, order.get(b), epoch, target, model.config());
                try (Tape tape = Tape.train(threads, Seeds.derive(seed, -1 - epoch, b), workspace)) {
                    model.forward(tape, sb);
                }
            }
        });
    }

    private static SampleBatch batch(List<GraphSample> samples, List<Spectrum> spectra, int[] ids, int epoch,
                                     int target, ModelConfig config) {
        List<GraphSample> part = new ArrayList<>(ids.length);
        List<Spectrum> sp = spectra == null ? null : new ArrayList<>(ids.length);
        for (int i : ids) {
            part.add(samples.get(i));
            if (sp != null) {
                sp.add(spectra.get(i));
            }
        }
        return SampleBatch.of(part, sp, ids, epoch, target, config.base(), config.dtype());
    }

    private static List<Spectrum> spectra(List<GraphSample> samples, int threads) {
        List<Graph> graphs = new ArrayList<>(samples.size());
        for (GraphSample s : samples) {
            graphs.add(s.graph());
        }
        return Spectrum.of(graphs, threads);
    }

    /**
     * The mean absolute error of the model on the samples in evaluation mode, in batches of the run's batch size
     * in list order; the sum runs in that order, so it does not depend on threads. NaN for no samples.
     */
    private static double meanAbsoluteError(ZincModel model, List<GraphSample> samples, List<Spectrum> spectra,
                                            int batchSize, int target, Threads threads, Workspace workspace) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (int from = 0; from < samples.size(); from += batchSize) {
            int to = Math.min(samples.size(), from + batchSize);
            int[] ids = new int[to - from];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = from + k;
            }
            SampleBatch b = batch(samples, spectra, ids, 0, target, model.config());
            try (Tape tape = Tape.inference(threads, workspace)) {
                Tensor pred = model.forward(tape, b);
                for (int g = 0; g < ids.length; g++) {
                    sum += Math.abs(pred.getFlat(g) - b.targets().getFlat(g));
                }
            }
        }
        return sum / samples.size();
    }

    /**
     * The model of a run directory with the weights of its best validation epoch (or, with {@code last}, of its
     * last evaluation): for evaluation and for stability measurements of a trained encoding.
     *
     * @throws IOException if the files cannot be read
     * @throws IllegalArgumentException if the configuration is incomplete
     */
    public static ZincModel load(Path runDir, boolean last) throws IOException {
        return load(runDir, runDir.resolve(last ? LAST : BEST), List.of(), 0, 1);
    }

    /**
     * The MAE of the best model of a run on {@code samples}, computed exactly as the run computed its validation
     * and test errors (same batches, same order), so on the run's test set it reproduces the recorded test MAE.
     */
    public static Evaluation evaluate(Path runDir, List<GraphSample> samples, int threads) throws IOException {
        return evaluate(runDir, runDir.resolve(BEST), samples, List.of(), 0, threads);
    }

    /**
     * The MAE of a checkpoint of a run (best.ckpt, last.ckpt or any file of the same model) on {@code samples},
     * optionally after {@link BatchNorm#recalibrate} on the first {@code recalibrationBatches} batches of
     * {@code train} in the run's epoch-0 order: how to evaluate a model whose running statistics trail its weights.
     *
     * @throws IOException if the files cannot be read
     */
    public static Evaluation evaluate(Path runDir, Path checkpoint, List<GraphSample> samples,
                                      List<GraphSample> train, int recalibrationBatches, int threads)
            throws IOException {
        Map<String, String> cfg = PropertiesFiles.read(runDir.resolve(CONFIG));
        ZincModel model = load(runDir, checkpoint, train, recalibrationBatches, threads);
        List<Spectrum> spectra = model.config().pe().needsSpectra() ? spectra(samples, threads) : null;
        try (Threads th = Threads.of(threads)) {
            return new Evaluation(meanAbsoluteError(model, samples, spectra, Integer.parseInt(cfg.get(
                    "train.batchSize")), Integer.parseInt(cfg.get("train.target")), th, new Workspace()),
                    samples.size());
        }
    }

    /**
     * The model of a run with the weights of {@code checkpoint}, its batch norms recalibrated
     * ({@link BatchNorm#recalibrate}) on the first {@code recalibrationBatches} batches of {@code train} in the
     * run's epoch-0 order when that is positive.
     *
     * @throws IOException if the files cannot be read
     */
    public static ZincModel load(Path runDir, Path checkpoint, List<GraphSample> train, int recalibrationBatches,
                                 int threads) throws IOException {
        Map<String, String> cfg = PropertiesFiles.read(runDir.resolve(CONFIG));
        ModelConfig config = ModelConfig.fromMap(cfg);
        long seed = Long.parseLong(cfg.get("train.seed"));
        ZincModel model = new ZincModel(config, seed);
        Checkpoint.load(checkpoint, model, null);
        if (recalibrationBatches > 0 && !train.isEmpty()) {
            try (Threads th = Threads.of(threads)) {
                recalibrate(model, train, config.pe().needsSpectra() ? spectra(train, threads) : null,
                        BatchOrder.batches(train.size(), Integer.parseInt(cfg.get("train.batchSize")), seed, 0,
                                false), recalibrationBatches, 0, seed, Integer.parseInt(cfg.get("train.target")),
                        th, new Workspace());
            }
        }
        return model;
    }

    private static void writeCsv(Path file, List<String> rows) throws IOException {
        AtomicFiles.write(file, w -> {
            w.write(EpochRecord.HEADER + "\n");
            for (String r : rows) {
                w.write(r + "\n");
            }
        });
    }

    private static void writeSummary(Path file, Summary s, Map<String, String> settings, Map<String, String> meta)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pe", settings.get("model.pe"));
        m.put("parameters", s.parameters());
        m.put("encoding_parameters", s.encodingParameters());
        m.put("epochs_completed", s.epochsCompleted());
        m.put("best_epoch", s.bestEpoch());
        m.put("best_val_mae", s.bestValMae());
        m.put("test_mae_at_best", s.testMaeAtBest());
        m.put("last_val_mae", s.lastValMae());
        m.put("last_test_mae", s.lastTestMae());
        m.put("wall_seconds", s.wallSeconds());
        m.put("train_graphs_per_second", s.trainGraphsPerSecond());
        m.put("stop_reason", s.stopReason());
        m.put("config", settings);
        m.put("metadata", meta);
        String json = Json.write(m);
        AtomicFiles.write(file, w -> w.write(json));
    }
}
