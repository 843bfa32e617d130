package lapis.experiments.zinc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lapis.encodings.Spectrum;
import lapis.graph.GraphSample;
import lapis.graph.io.PropertiesFiles;
import lapis.nn.BatchOrder;
import lapis.nn.Threads;
import lapis.nn.Workspace;
import lapis.nn.checkpoint.Checkpoint;
import lapis.nn.layers.BatchNorm;

/** A finished (or interrupted) run directory read back: its model at a checkpoint, and its error on samples. */
public final class TrainedRun {
    private TrainedRun() {
    }

    /**
     * The model of a run directory with the weights of its best validation epoch (or, with {@code last}, of its
     * last evaluation): for evaluation and for stability measurements of a trained encoding.
     *
     * @throws IOException if the files cannot be read
     * @throws IllegalArgumentException if the configuration is incomplete
     */
    public static ZincModel load(Path runDir, boolean last) throws IOException {
        return load(runDir, runDir.resolve(last ? RunDirectory.LAST : RunDirectory.BEST), List.of(), 0, 1);
    }

    /**
     * The MAE of the best model of a run on {@code samples}, computed exactly as the run computed its validation
     * and test errors (same batches, same order), so on the run's test set it reproduces the recorded test MAE.
     */
    public static Trainer.Evaluation evaluate(Path runDir, List<GraphSample> samples, int threads) throws IOException {
        return evaluate(runDir, runDir.resolve(RunDirectory.BEST), samples, List.of(), 0, threads);
    }

    /**
     * The MAE of a checkpoint of a run (best.ckpt, last.ckpt or any file of the same model) on {@code samples},
     * optionally after {@link BatchNorm#recalibrate} on the first {@code recalibrationBatches} batches of
     * {@code train} in the run's epoch-0 order: how to evaluate a model whose running statistics trail its weights.
     *
     * @throws IOException if the files cannot be read
     */
    public static Trainer.Evaluation evaluate(Path runDir, Path checkpoint, List<GraphSample> samples,
                                      List<GraphSample> train, int recalibrationBatches, int threads)
            throws IOException {
        Map<String, String> cfg = PropertiesFiles.read(runDir.resolve(RunDirectory.CONFIG));
        ZincModel model = load(runDir, checkpoint, train, recalibrationBatches, threads);
        List<Spectrum> spectra = model.config().pe().needsSpectra() ? ZincEvaluation.spectra(samples, threads)
                : null;
        try (Threads th = Threads.of(threads)) {
            double mae = ZincEvaluation.meanAbsoluteError(model, samples, spectra,
                    Integer.parseInt(cfg.get("train.batchSize")), Integer.parseInt(cfg.get("train.target")), th,
                    new Workspace());
            return new Trainer.Evaluation(mae, samples.size());
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
        Map<String, String> cfg = PropertiesFiles.read(runDir.resolve(RunDirectory.CONFIG));
        ModelConfig config = ModelConfig.fromMap(cfg);
        long seed = Long.parseLong(cfg.get("train.seed"));
        ZincModel model = new ZincModel(config, seed);
        Checkpoint.load(checkpoint, model, null);
        if (recalibrationBatches > 0 && !train.isEmpty()) {
            try (Threads th = Threads.of(threads)) {
                List<Spectrum> spectra = config.pe().needsSpectra() ? ZincEvaluation.spectra(train, threads) : null;
                ZincEvaluation.recalibrate(model, train, spectra,
                        BatchOrder.batches(train.size(), Integer.parseInt(cfg.get("train.batchSize")), seed, 0,
                                false), recalibrationBatches, 0, seed, Integer.parseInt(cfg.get("train.target")),
                        th, new Workspace());
            }
        }
        return model;
    }
}
