package lapis.experiments.zinc;

import java.util.ArrayList;
import java.util.List;
import lapis.encodings.Spectrum;
import lapis.graph.Graph;
import lapis.graph.GraphSample;
import lapis.graph.Seeds;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import lapis.nn.Workspace;
import lapis.nn.layers.BatchNorm;

/**
 * How a ZINC model meets its samples outside the training step: collated batches with their spectra, the mean
 * absolute error in evaluation mode, and the recalibration of batch-norm statistics. The trainer and
 * {@link TrainedRun} share these, so a reloaded model is scored exactly as the run scored it.
 */
final class ZincEvaluation {
    private ZincEvaluation() {
    }

    /** Runs {@link BatchNorm#recalibrate} on the first {@code count} batches of {@code order}. */
    static void recalibrate(ZincModel model, List<GraphSample> train, List<Spectrum> spectra,
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


    static SampleBatch batch(List<GraphSample> samples, List<Spectrum> spectra, int[] ids, int epoch,
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


    static List<Spectrum> spectra(List<GraphSample> samples, int threads) {
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
    static double meanAbsoluteError(ZincModel model, List<GraphSample> samples, List<Spectrum> spectra,
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
}
