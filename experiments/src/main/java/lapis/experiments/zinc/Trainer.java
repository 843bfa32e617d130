package lapis.experiments.zinc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import lapis.graph.Seeds;
import lapis.encodings.Spectrum;
import lapis.graph.GraphSample;
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
 * 128 in a shuffled order per epoch, validation and test mean absolute errors after every epoch, and the model of
 * the best validation error kept. The run's files and resumption are {@link RunDirectory}'s, its evaluation
 * {@link ZincEvaluation}'s, and a finished run is read back by {@link TrainedRun}.
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
     * @param fitEpochsToBudget ignore {@code epochs} and fit them to the time budget: after the first epoch, whose
     *     steps all lie in the warm-up (which does not depend on the schedule's length), the epochs are
     *     floor(budget / seconds of that epoch), and the schedule decays to 0 at their end, exactly as a run given
     *     that many epochs; stored with the run, so a resume keeps them
     */
    public record Options(ModelConfig model, int epochs, Duration timeBudget, long seed, int batchSize,
                          double learningRate, double weightDecay, int warmupSteps, int threads, int target,
                          Path outDir, boolean resume, boolean decoupledWeightDecay, int recalibrationBatches,
                          boolean fitEpochsToBudget) {
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
            if (fitEpochsToBudget && timeBudget == null) {
                throw new IllegalArgumentException("fitting the epochs to the time budget needs a time budget");
            }
        }

        /** The SPE paper's ZINC protocol for {@code pe}: 1000 epochs, batch 128, lr 1e-3, decay 3e-6, 100 warm-up
         *  steps, seed 0, 2 threads, target 0, no time budget; batch-norm statistics recalibrated on 16 batches. */
        public static Options zinc(PeKind pe, Path outDir) {
            return new Options(ModelConfig.zinc(pe), 1000, null, 0, 128, 1e-3, 3e-6, 100, 2, 0, outDir, false, false,
                    16, false);
        }

        public Options withModel(ModelConfig m) {
            return new Options(m, epochs, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps, threads,
                    target, outDir, resume, decoupledWeightDecay, recalibrationBatches, fitEpochsToBudget);
        }

        public Options withEpochs(int e) {
            return new Options(model, e, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps, threads,
                    target, outDir, resume, decoupledWeightDecay, recalibrationBatches, fitEpochsToBudget);
        }

        public Options withTimeBudget(Duration d) {
            return new Options(model, epochs, d, seed, batchSize, learningRate, weightDecay, warmupSteps, threads,
                    target, outDir, resume, decoupledWeightDecay, recalibrationBatches, fitEpochsToBudget);
        }

        public Options withSeed(long s) {
            return new Options(model, epochs, timeBudget, s, batchSize, learningRate, weightDecay, warmupSteps, threads,
                    target, outDir, resume, decoupledWeightDecay, recalibrationBatches, fitEpochsToBudget);
        }

        public Options withBatchSize(int b) {
            return new Options(model, epochs, timeBudget, seed, b, learningRate, weightDecay, warmupSteps, threads,
                    target, outDir, resume, decoupledWeightDecay, recalibrationBatches, fitEpochsToBudget);
        }

        public Options withOptimizer(double lr, double decay, int warmup) {
            return new Options(model, epochs, timeBudget, seed, batchSize, lr, decay, warmup, threads, target, outDir,
                    resume, decoupledWeightDecay, recalibrationBatches, fitEpochsToBudget);
        }

        public Options withThreads(int t) {
            return new Options(model, epochs, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps, t,
                    target, outDir, resume, decoupledWeightDecay, recalibrationBatches, fitEpochsToBudget);
        }

        public Options withDecoupledWeightDecay(boolean on) {
            return new Options(model, epochs, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps,
                    threads, target, outDir, resume, on, recalibrationBatches, fitEpochsToBudget);
        }

        public Options withResume(boolean r) {
            return new Options(model, epochs, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps,
                    threads, target, outDir, r, decoupledWeightDecay, recalibrationBatches, fitEpochsToBudget);
        }

        public Options withRecalibrationBatches(int k) {
            return new Options(model, epochs, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps,
                    threads, target, outDir, resume, decoupledWeightDecay, k, fitEpochsToBudget);
        }

        /** The settings that fix the numbers of a run (not the directory, threads, budget or resume flag). */

        /** Fit the epochs to the time budget (see the class comment of the component). */
        public Options withEpochsFittedToBudget(boolean on) {
            return new Options(model, epochs, timeBudget, seed, batchSize, learningRate, weightDecay, warmupSteps,
                    threads, target, outDir, resume, decoupledWeightDecay, recalibrationBatches, on);
        }

        Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>(model.toMap());
            m.put("train.epochs", fitEpochsToBudget ? "fitted to the time budget" : String.valueOf(epochs));
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
     * @param testMaeAtBest the test MAE of that model (what {@link TrainedRun#evaluate} reproduces)
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
        Map<String, String> settings = o.toMap();
        RunDirectory.State state = RunDirectory.open(dir, settings, o.resume());
        boolean resuming = state.resumed;
        boolean spectral = o.model().pe().needsSpectra();
        List<Spectrum> trainSpectra = spectral ? ZincEvaluation.spectra(train, o.threads()) : null;
        List<Spectrum> valSpectra = spectral ? ZincEvaluation.spectra(validation, o.threads()) : null;
        List<Spectrum> testSpectra = spectral ? ZincEvaluation.spectra(test, o.threads()) : null;

        ZincModel model = new ZincModel(o.model(), o.seed());
        int batchesPerEpoch = (train.size() + o.batchSize() - 1) / o.batchSize();
        if (o.fitEpochsToBudget() && o.warmupSteps() < batchesPerEpoch) {
            throw new IllegalArgumentException("fitting the epochs to the time budget times the first epoch inside "
                    + "the warm-up, but the warm-up has " + o.warmupSteps() + " steps and an epoch " + batchesPerEpoch
                    + " batches; give the number of epochs");
        }
        int epochs = o.fitEpochsToBudget() ? state.fittedEpochs : o.epochs();
        FittedSchedule schedule = new FittedSchedule(o.learningRate(), o.warmupSteps());
        if (epochs > 0) {
            schedule.fit((long) batchesPerEpoch * epochs);
        }
        long totalSteps = (long) batchesPerEpoch * epochs;
        Adam.Options adamOptions = Adam.Options.defaults().withWeightDecay(o.weightDecay());
        Optimizer adam = o.decoupledWeightDecay() ? new AdamW(model.namedParameters(), schedule, adamOptions)
                : new Adam(model.namedParameters(), schedule, adamOptions);
        if (resuming) {
            Checkpoint.load(dir.resolve(RunDirectory.LAST), model, adam);
            long expected = (long) state.epoch * batchesPerEpoch + state.batch;
            if (adam.steps() != expected) {
                throw new IllegalArgumentException("cannot resume " + dir + ": " + RunDirectory.LAST + " holds "
                        + adam.steps() + " steps but " + RunDirectory.STATE + " says epoch " + state.epoch + ", batch "
                        + state.batch + " (" + expected + " steps); the run was interrupted while saving");
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
            while (epochs == 0 || state.epoch < epochs) {
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
                    SampleBatch b = ZincEvaluation.batch(train, trainSpectra, ids, epoch, o.target(), o.model());
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
                    ZincEvaluation.recalibrate(model, train, trainSpectra, batches, o.recalibrationBatches(), epoch,
                            o.seed(), o.target(), threads, workspace);
                    double val = ZincEvaluation.meanAbsoluteError(model, validation, valSpectra, o.batchSize(),
                            o.target(), threads, workspace);
                    double tst = ZincEvaluation.meanAbsoluteError(model, test, testSpectra, o.batchSize(), o.target(),
                            threads, workspace);
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
                        Checkpoint.save(dir.resolve(RunDirectory.BEST), model, null);
                    }
                    if (state.batch == batches.size()) {
                        state.epoch++;
                        state.batch = 0;
                        state.trainAbsSum = 0;
                        state.trainCount = 0;
                        state.epochsCompleted++;
                    }
                    if (epochs == 0 && state.epoch == 1) {
                        epochs = Math.max(1, (int) Math.floor(o.timeBudget().toNanos() * 1e-9 / state.elapsed));
                        state.fittedEpochs = epochs;
                        schedule.fit((long) batchesPerEpoch * epochs);
                        listener.epochsFitted(epochs, state.elapsed);
                    }
                    RunDirectory.save(dir, state, model, adam);
                    listener.epochEnded(rec);
                }
                if (outOfTime) {
                    stop = "time budget";
                    break;
                }
            }
        }
        state.elapsed = elapsedBefore + (nanoClock.getAsLong() - sessionStart) * 1e-9;
        RunDirectory.writeState(dir, state);
        long encodingParameters = model.encoding() instanceof Module m ? m.parameterCount() : 0;
        Summary summary = new Summary(model.parameterCount(), encodingParameters, state.epochsCompleted,
                state.bestEpoch, state.bestVal, state.bestTest, state.lastVal, state.lastTest, state.elapsed,
                stepSeconds > 0 ? stepGraphs / stepSeconds : Double.NaN, stop, dir);
        RunDirectory.writeSummary(dir, summary, settings, metadata);
        return summary;
    }

    /**
     * The warm-up-then-linear schedule of a run whose length may be fixed late: until {@link #fit} only the warm-up
     * steps are asked for, and their rates do not depend on the length, so the steps of a fitted run get exactly
     * the rates of a run given its length from the start.
     */
    private static final class FittedSchedule implements LearningRateSchedule {
        private final double peak;
        private final long warmup;
        private final LearningRateSchedule warmupOnly;
        private LearningRateSchedule fitted;

        FittedSchedule(double peak, long warmup) {
            this.peak = peak;
            this.warmup = warmup;
            this.warmupOnly = LearningRateSchedule.warmupLinear(peak, warmup, Long.MAX_VALUE);
        }

        void fit(long totalSteps) {
            fitted = LearningRateSchedule.warmupLinear(peak, Math.min(warmup, totalSteps - 1), totalSteps);
        }

        @Override
        public double rate(long step) {
            if (fitted != null) {
                return fitted.rate(step);
            }
            if (step >= warmup) {
                throw new IllegalStateException("step " + step + " is past the warm-up before the schedule's length "
                        + "was fitted");
            }
            return warmupOnly.rate(step);
        }
    }
}
