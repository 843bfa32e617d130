package lapis.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lapis.encodings.train.ModelConfig;
import lapis.encodings.train.Trainer;
import lapis.encodings.train.TrainingListener;
import lapis.graph.GraphSample;
import lapis.graph.io.AtomicFiles;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis train}: training runs; {@code lapis train zinc} is the ZINC experiment of the SPE paper. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train models. 'lapis train zinc' runs the ZINC 12k experiment of the SPE paper.",
        subcommands = {TrainCommand.Zinc.class, CommandLine.HelpCommand.class})
final class TrainCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The data a run used, written next to its configuration so that {@code lapis eval} uses the same. */
    static final String DATA = "data.properties";

    /** {@code lapis train zinc}. */
    @Command(name = "zinc", mixinStandardHelpOptions = true,
            description = {"GINE (4 x 128) with a positional encoding on ZINC 12k (penalized_logp, standard split), "
                    + "L1 loss, Adam lr 1e-3 with weight decay 3e-6, 100 warm-up steps then linear decay to 0 at the "
                    + "last epoch, batch 128. Writes to --out: config.properties, epochs.csv, best.ckpt (best "
                    + "validation MAE), last.ckpt and state.properties (for --resume), curve.png and summary.json.",
                "Published test MAE (1000 epochs on a GPU): SPE 0.0693, SignNet 0.0853, no PE 0.1772."})
    static final class Zinc implements Callable<Integer> {
        @Mixin
        private ModelOptions model;

        @Option(names = "--epochs", defaultValue = "1000", description = "Epochs; the learning-rate schedule spans "
                + "them (default: ${DEFAULT-VALUE}).")
        private int epochs;

        @Option(names = "--time-budget", description = "Stop when the run's wall time (all sessions) reaches this,"
                + " e.g. 30m, 2h, 1h30m, 90s. Resume later with a larger budget.")
        private String timeBudget;

        @Option(names = "--seed", defaultValue = "0", description = "Seed of weights, batch order and sign flips "
                + "(default: ${DEFAULT-VALUE}).")
        private long seed;

        @Option(names = "--threads", defaultValue = "2", description = "Threads (default: ${DEFAULT-VALUE}).")
        private int threads;

        @Option(names = "--batch", defaultValue = "128", description = "Graphs per batch (default: "
                + "${DEFAULT-VALUE}).")
        private int batch;

        @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
        private double lr;

        @Option(names = "--weight-decay", defaultValue = "3e-6", description = "Adam L2 weight decay (default: "
                + "${DEFAULT-VALUE}).")
        private double weightDecay;

        @Option(names = "--adamw", description = "AdamW (decoupled weight decay) instead of Adam with an L2 term.")
        private boolean adamw;

        @Option(names = "--warmup", defaultValue = "100", description = "Warm-up steps (default: ${DEFAULT-VALUE}).")
        private int warmup;

        @Option(names = "--subset", description = "Train on the first N training molecules only.")
        private Integer subset;

        @Option(names = "--eval-subset", description = "Validate and test on the first M molecules of each.")
        private Integer evalSubset;

        @Option(names = "--out", required = true, description = "Run directory, e.g. runs/spe-s0.")
        private Path out;

        @Option(names = "--resume", description = "Continue the run in --out from its last state.")
        private boolean resume;

        @Option(names = "--no-cache", description = "Parse the bundled ZINC afresh instead of reading the cache in "
                + "the user's home.")
        private boolean noCache;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ModelConfig config = model.config(null);
            Duration budget = timeBudget == null ? null : parseDuration(timeBudget);
            Trainer.Options options = Trainer.Options.zinc(config.pe(), out).withModel(config).withEpochs(epochs)
                    .withTimeBudget(budget).withSeed(seed).withThreads(threads).withBatchSize(batch)
                    .withOptimizer(lr, weightDecay, warmup).withDecoupledWeightDecay(adamw).withResume(resume);
            ZincSamples.Split zinc = ZincSamples.load(!noCache);
            List<GraphSample> train = head(zinc.train(), subset);
            List<GraphSample> val = head(zinc.validation(), evalSubset);
            List<GraphSample> test = head(zinc.test(), evalSubset);
            Files.createDirectories(out);
            Map<String, String> data = new LinkedHashMap<>();
            data.put("dataset", "zinc");
            data.put("train", String.valueOf(train.size()));
            data.put("validation", String.valueOf(val.size()));
            data.put("test", String.valueOf(test.size()));
            Path dataFile = out.resolve(DATA);
            if (resume && Files.exists(dataFile)) {
                Map<String, String> before = EvalCommand.read(dataFile);
                if (!before.equals(data)) {
                    throw new IllegalArgumentException("cannot resume " + out + " on other data: it used " + before
                            + ", now " + data);
                }
            } else {
                AtomicFiles.write(dataFile, w -> {
                    for (Map.Entry<String, String> e : data.entrySet()) {
                        w.write(e.getKey() + "=" + e.getValue() + "\n");
                    }
                });
            }
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("git_commit", gitCommit());
            meta.put("command", "lapis train zinc " + String.join(" ", spec.commandLine().getParseResult()
                    .originalArgs()));
            meta.put("java", System.getProperty("java.version"));
            meta.put("train_molecules", String.valueOf(train.size()));
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "lapis train zinc: %s, %d train / %d val / %d test molecules, %d epochs%s, seed %d,"
                    + " %d threads -> %s%n", model.describe(config), train.size(), val.size(), test.size(), epochs,
                    budget == null ? "" : ", budget " + budget, seed, threads, out);
            o.flush();
            Trainer.Summary s;
            try (Bar bar = new Bar(out)) {
                s = new Trainer(options, bar).run(train, val, test, meta);
            }
            o.printf(Locale.ROOT, "stopped by %s after %d epochs, %.0f s; best epoch %d: val MAE %.4f, test MAE %.4f;"
                    + " last: val %.4f, test %.4f; %.1f graphs/s in training steps%n", s.stopReason(),
                    s.epochsCompleted(), s.wallSeconds(), s.bestEpoch(), s.bestValMae(), s.testMaeAtBest(),
                    s.lastValMae(), s.lastTestMae(), s.trainGraphsPerSecond());
            o.printf(Locale.ROOT, "%d parameters (encoding %d); curve %s, summary %s%n", s.parameters(),
                    s.encodingParameters(), out.resolve("curve.png"), out.resolve("summary.json"));
            o.flush();
            return 0;
        }
    }

    private static List<GraphSample> head(List<GraphSample> all, Integer n) {
        if (n == null) {
            return all;
        }
        if (n < 1) {
            throw new IllegalArgumentException("subset sizes must be >= 1, got " + n);
        }
        return all.subList(0, Math.min(n, all.size()));
    }

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)([hms])");

    /**
     * A duration written as hours, minutes and seconds ("30m", "2h", "1h30m", "90s", "0.5h") or in ISO-8601
     * ("PT30M").
     *
     * @throws IllegalArgumentException naming the text
     */
    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(text.strip());
        }
        Matcher m = PART.matcher(t);
        double seconds = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            double v = Double.parseDouble(m.group(1));
            seconds += v * switch (m.group(2)) {
                case "h" -> 3600;
                case "m" -> 60;
                default -> 1;
            };
            at = m.end();
        }
        if (at != t.length() || t.isEmpty() || !(seconds > 0)) {
            throw new IllegalArgumentException("cannot read the duration '" + text + "'; write e.g. 30m, 2h, 1h30m or "
                    + "90s");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** The commit of the working directory's git checkout, or "unknown". */
    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && text.matches("[0-9a-f]{40}")) {
                return text;
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }

    /** A progress bar on stderr over all steps of the run, and the learning-curve PNG redrawn after every epoch. */
    private static final class Bar implements TrainingListener, AutoCloseable {
        private final Path dir;
        private final List<double[]> rows = new ArrayList<>();
        private ProgressBar bar;
        private int batches;
        private double smoothed = Double.NaN;
        private String last = "";

        Bar(Path dir) {
            this.dir = dir;
        }

        @Override
        public void started(int epoch, int batch, int batchesPerEpoch, long totalSteps, long stepsDone) {
            batches = batchesPerEpoch;
            try {
                Path csv = dir.resolve("epochs.csv");
                if (Files.exists(csv)) {
                    List<String> lines = Files.readAllLines(csv);
                    for (String line : lines.subList(1, lines.size())) {
                        String[] f = line.split(",");
                        rows.add(new double[] {Double.parseDouble(f[0]) + Double.parseDouble(f[1])
                                / Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                            Double.parseDouble(f[5])});
                    }
                }
            } catch (IOException | RuntimeException e) {
                rows.clear();
            }
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps).startsFrom(stepsDone,
                    Duration.ZERO).setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit(" steps", 1)
                    .showSpeed().build();
        }

        @Override
        public void step(int epoch, int batch, double loss, double learningRate) {
            smoothed = Double.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d %d/%d loss %.4f lr %.1e%s", epoch, batch,
                    batches, smoothed, learningRate, last));
        }

        @Override
        public void evaluating(int epoch) {
            bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d: evaluating%s", epoch, last));
        }

        @Override
        public void epochEnded(Trainer.EpochRecord r) {
            last = String.format(Locale.ROOT, " | val %.4f test %.4f", r.valMae(), r.testMae());
            rows.add(new double[] {r.epoch() + (double) r.batchesDone() / r.batches(), r.trainMae(), r.valMae(),
                r.testMae()});
            try {
                curve(dir.resolve("curve.png"));
            } catch (IOException e) {
                last += " (curve.png not written: " + e.getMessage() + ")";
            }
        }

        private void curve(Path png) throws IOException {
            XYChart chart = Plots.chart("ZINC: mean absolute error (" + dir.getFileName() + ")", "epoch", "MAE");
            chart.getStyler().setYAxisDecimalPattern("0.000");
            String[] names = {"train (batch losses)", "validation", "test"};
            for (int s = 0; s < 3; s++) {
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (double[] r : rows) {
                    if (Double.isFinite(r[s + 1]) && r[s + 1] > 0) {
                        x.add(r[0]);
                        y.add(r[s + 1]);
                    }
                }
                if (!x.isEmpty()) {
                    chart.addSeries(names[s], x, y).setMarker(SeriesMarkers.NONE);
                }
            }
            if (!chart.getSeriesMap().isEmpty()) {
                Plots.savePng(chart, png);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
