package lapis.experiments.zinc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lapis.graph.io.AtomicFiles;
import lapis.graph.io.Json;
import lapis.graph.io.PropertiesFiles;
import lapis.nn.checkpoint.Checkpoint;
import lapis.nn.optim.Optimizer;

/**
 * The files of a training run and its resumption: config.properties (the settings, compared on resume),
 * state.properties (where the run is), epochs.csv (one row per evaluation), best.ckpt and last.ckpt (the model of
 * the best validation epoch; the model and optimiser of the last evaluation) and summary.json. Every file is
 * written whole through a temporary file and a rename, so an interrupted run resumes from its last evaluation.
 */
final class RunDirectory {
    static final String CONFIG = "config.properties";
    static final String STATE = "state.properties";
    static final String CSV = "epochs.csv";
    static final String BEST = "best.ckpt";
    static final String LAST = "last.ckpt";
    static final String SUMMARY = "summary.json";

    private RunDirectory() {
    }

    /** Where the run is after the last evaluation. */
    static final class State {
        boolean resumed;
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
        /** The epochs fitted to the time budget; 0 until fitted, and in a run given its epochs. */
        int fittedEpochs;
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
            m.put("fittedEpochs", String.valueOf(fittedEpochs));
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
            s.fittedEpochs = Integer.parseInt(m.getOrDefault("fittedEpochs", "0"));
            s.rows = new ArrayList<>(rows);
            return s;
        }
    }

    /**
     * The state to start from: a fresh one, after writing the settings, for a new directory; the stored one for a
     * run being resumed, whose settings must equal {@code settings}.
     *
     * @throws IllegalArgumentException if the directory holds a run and resume is off, or the settings differ
     */
    static State open(Path dir, Map<String, String> settings, boolean resume) throws IOException {
        Files.createDirectories(dir);
        boolean resuming = Files.exists(dir.resolve(STATE));
        if (resuming && !resume) {
            throw new IllegalArgumentException(dir + " already holds a run; resume it or choose another directory");
        }
        if (!resuming) {
            PropertiesFiles.write(dir.resolve(CONFIG), settings);
            return new State();
        }
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
        State state = State.of(PropertiesFiles.read(dir.resolve(STATE)), lines.subList(1, lines.size()));
        state.resumed = true;
        return state;
    }

    /** After an evaluation: the last checkpoint (model and optimiser), the epoch table and the state. */
    static void save(Path dir, State state, ZincModel model, Optimizer optimizer) throws IOException {
        Checkpoint.save(dir.resolve(LAST), model, optimizer);
        writeCsv(dir.resolve(CSV), state.rows);
        writeState(dir, state);
    }

    static void writeState(Path dir, State state) throws IOException {
        PropertiesFiles.write(dir.resolve(STATE), state.toMap());
    }

    private static void writeCsv(Path file, List<String> rows) throws IOException {
        AtomicFiles.write(file, w -> {
            w.write(Trainer.EpochRecord.HEADER + "\n");
            for (String r : rows) {
                w.write(r + "\n");
            }
        });
    }

    static void writeSummary(Path dir, Trainer.Summary s, Map<String, String> settings, Map<String, String> meta)
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
        AtomicFiles.write(dir.resolve(SUMMARY), w -> w.write(json));
    }
}
