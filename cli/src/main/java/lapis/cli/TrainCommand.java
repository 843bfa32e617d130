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
import lapis.experiments.zinc.ZincSamples;
import lapis.experiments.zinc.ModelConfig;
import lapis.experiments.zinc.TrainedRun;
import lapis.experiments.zinc.Trainer;
import lapis.experiments.zinc.TrainingListener;
import lapis.graph.GraphSample;
import lapis.graph.io.AtomicFiles;
import lapis.graph.io.Csv;
import lapis.graph.io.GraphFormatException;
import lapis.graph.io.Json;
import lapis.graph.io.PropertiesFiles;
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
    /** The epochs of the SPE paper's protocol, used when neither --epochs nor --time-budget is given. */
    static final int DEFAULT_EPOCHS = 1000;

    /** The in-distribution and shifted test errors of a {@code --split size} run, written next to its summary. */
    static final String SHIFT = "shift.json";

    /** The key of the in-distribution test set in {@link #DATA} and {@link #SHIFT}. */
    static final String IN_DISTRIBUTION_TEST = "in_distribution_test";

    /** The JSON field holding the in-distribution test MAE in {@link #SHIFT}. */
    static final String IN_DISTRIBUTION_MAE = "in_distribution_test_mae";

    /**
     * The split a run used, from its {@link #DATA}: "standard" or "size"; runs from before the key existed used the
     * standard split.
     *
     * @throws IllegalArgumentException naming the file's value if it is neither
     */
    static String splitOf(Map<String, String> data) {
        return parseSplit(data.getOrDefault("split", "standard"));
    }

    private static String parseSplit(String name) {
        String s = name.toLowerCase(Locale.ROOT);
        if (!s.equals("standard") && !s.equals("size")) {
            throw new IllegalArgumentException("--split must be standard or size, not '" + name + "'");
        }
        return s;
    }

    /** {@code lapis train zinc}. */
    @Command(name = "zinc", mixinStandardHelpOptions = true,
            description = {"GINE (4 x 128) with a positional encoding on ZINC 12k (penalized_logp, standard split "
                    + "unless --split size), L1 loss, Adam lr 1e-3 with weight decay 3e-6, 100 warm-up steps then "
                    + "linear decay to 0 at the last epoch, batch 128. Writes to --out: config.properties, epochs.csv, "
                    + "best.ckpt (best validation MAE), last.ckpt and state.properties (for --resume), curve.png and "
                    + "summary.json; with --split size also shift.json (in-distribution and shifted test MAE and their "
                    + "gap).",
                "Published test MAE (1000 epochs on a GPU): SPE 0.0693, SignNet 0.0853, no PE 0.1772."})
    static final class Zinc implements Callable<Integer> {
        @Mixin
        private ModelOptions model;

        @Option(names = "--epochs", description = "Epochs; the learning-rate schedule spans them (default: 1000; "
                + "with --time-budget, as many as fit it).")
        private Integer epochs;

        @Option(names = "--time-budget", description = "Stop when the run's wall time (all sessions) reaches this,"
                + " e.g. 30m, 2h, 1h30m, 90s. Resume later with a larger budget. Without --epochs the run times its first"
                + " epoch (all warm-up) and fits the epochs, and so the learning-rate decay, to the budget.")
        private String timeBudget;

        @Option(names = "--seed", defaultValue = "0", description = "Seed of weights, batch order and sign flips "
                + "(default: ${DEFAULT-VALUE}).")
        private long seed;

        @Mixin
        private ThreadsOption threadsOption;

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

        @Option(names = "--bn-recalibration", defaultValue = "16", description = "Before every evaluation, set the "
                + "batch norms' statistics to those of this many training batches under the current weights (precise"
                + " batch norm; the running averages trail the weights and made SPE's validation error jump); 0 keeps"
                + " the running averages (default: ${DEFAULT-VALUE}).")
        private int bnRecalibration;

        @Option(names = "--split", defaultValue = "standard", description = "standard, or size: an "
                + "out-of-distribution split by heavy-atom count, training on the 10,000 smallest of all 12,000 "
                + "molecules (every 10th of them by size held out as in-distribution test) and validating and testing "
                + "on the 2,000 largest (alternating by size) (default: ${DEFAULT-VALUE}).")
        private String split;

        @Option(names = "--subset", description = "Train on the first N training molecules only.")
        private Integer subset;

        @Option(names = "--eval-subset", description = "Validate and test on the first M molecules of each (and of "
                + "the in-distribution test).")
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
            boolean fit = epochs == null && budget != null;
            int epochCount = epochs == null ? DEFAULT_EPOCHS : epochs;
            Trainer.Options options = Trainer.Options.zinc(config.pe(), out).withModel(config).withEpochs(epochCount)
                    .withTimeBudget(budget).withEpochsFittedToBudget(fit).withSeed(seed)
                    .withThreads(threadsOption.get()).withBatchSize(batch)
                    .withOptimizer(lr, weightDecay, warmup).withDecoupledWeightDecay(adamw).withResume(resume)
                    .withRecalibrationBatches(bnRecalibration);
            String splitName = parseSplit(split);
            ZincSamples.Split zinc = ZincSamples.load(!noCache);
            List<GraphSample> train;
            List<GraphSample> val;
            List<GraphSample> test;
            List<GraphSample> inDistribution = null;
            if (splitName.equals("size")) {
                ZincSamples.SizeSplit z = ZincSamples.bySize(zinc);
                train = head(z.train(), subset);
                val = head(z.validation(), evalSubset);
                test = head(z.test(), evalSubset);
                inDistribution = head(z.inDistributionTest(), evalSubset);
            } else {
                train = head(zinc.train(), subset);
                val = head(zinc.validation(), evalSubset);
                test = head(zinc.test(), evalSubset);
            }
            Files.createDirectories(out);
            Map<String, String> data = new LinkedHashMap<>();
            data.put("dataset", "zinc");
            data.put("split", splitName);
            data.put("train", String.valueOf(train.size()));
            data.put("validation", String.valueOf(val.size()));
            data.put("test", String.valueOf(test.size()));
            if (inDistribution != null) {
                data.put(IN_DISTRIBUTION_TEST, String.valueOf(inDistribution.size()));
            }
            Path dataFile = out.resolve(DATA);
            if (resume && Files.exists(dataFile)) {
                Map<String, String> before = PropertiesFiles.read(dataFile);
                before.put("split", splitOf(before));
                if (!before.equals(data)) {
                    throw new IllegalArgumentException("cannot resume " + out + " on other data: it used " + before
                            + ", now " + data);
                }
            } else {
                PropertiesFiles.write(dataFile, data);
            }
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("git_commit", gitCommit());
            meta.put("command", "lapis " + String.join(" ", spec.root().commandLine().getParseResult()
                    .originalArgs()));
            meta.put("java", System.getProperty("java.version"));
            meta.put("train_molecules", String.valueOf(train.size()));
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "lapis train zinc: %s, %s split, %d train / %d val / %d test molecules%s, %s "
                    + "epochs%s, seed %d, %d threads -> %s%n", model.describe(config), splitName, train.size(),
                    val.size(), test.size(), inDistribution == null ? "" : " / " + inDistribution.size()
                    + " in-distribution test", fit ? "as many" : String.valueOf(epochCount), budget == null ? ""
                    : (fit ? " as fit the budget " : ", budget ") + budget, seed, threadsOption.get(), out);
            o.flush();
            Trainer.Summary s;
            try (Bar bar = new Bar(out, epochCount, fit ? null : budget)) {
                s = new Trainer(options, bar).run(train, val, test, meta);
            }
            o.printf(Locale.ROOT, "stopped by %s after %d epochs, %.0f s; best epoch %d: val MAE %.4f, test MAE %.4f;"
                    + " last: val %.4f, test %.4f; %.1f graphs/s in training steps%n", s.stopReason(),
                    s.epochsCompleted(), s.wallSeconds(), s.bestEpoch(), s.bestValMae(), s.testMaeAtBest(),
                    s.lastValMae(), s.lastTestMae(), s.trainGraphsPerSecond());
            o.printf(Locale.ROOT, "%d parameters (encoding %d); curve %s, summary %s%n", s.parameters(),
                    s.encodingParameters(), out.resolve("curve.png"), out.resolve("summary.json"));
            if (inDistribution != null) {
                if (s.bestEpoch() < 0) {
                    o.printf(Locale.ROOT, "no epoch evaluated yet: %s not written%n", SHIFT);
                } else {
                    double inMae = TrainedRun.evaluate(out, inDistribution, threadsOption.get()).mae();
                    writeShift(out.resolve(SHIFT), s, new Part("train", train), new Part(IN_DISTRIBUTION_TEST,
                            inDistribution), new Part("validation", val), new Part("shifted_test", test), inMae);
                    o.printf(Locale.ROOT, "size shift at best epoch %d: in-distribution test MAE %.4f, shifted test "
                            + "MAE %.4f, gap %.4f (%s)%n", s.bestEpoch(), inMae, s.testMaeAtBest(),
                            s.testMaeAtBest() - inMae, out.resolve(SHIFT));
                }
            }
            o.flush();
            return 0;
        }
    }

    /** A named part of a split, for its size and vertex-count range. */
    private record Part(String name, List<GraphSample> samples) {
        Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("molecules", samples.size());
            m.put("min_vertices", samples.stream().mapToInt(GraphSample::nodeCount).min().orElse(0));
            m.put("max_vertices", samples.stream().mapToInt(GraphSample::nodeCount).max().orElse(0));
            return m;
        }
    }

    /** shift.json: the parts' sizes and heavy-atom ranges, both test errors at the best epoch and their gap. */
    private static void writeShift(Path file, Trainer.Summary s, Part train, Part inDistribution, Part validation,
                                   Part shifted, double inDistributionMae) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("split", "size");
        for (Part p : List.of(train, inDistribution, validation, shifted)) {
            m.put(p.name(), p.fields());
        }
        m.put("best_epoch", s.bestEpoch());
        m.put(IN_DISTRIBUTION_MAE, inDistributionMae);
        m.put("shifted_test_mae", s.testMaeAtBest());
        m.put("gap", s.testMaeAtBest() - inDistributionMae);
        AtomicFiles.write(file, w -> w.write(Json.write(m)));
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

    /** The columns of epochs.csv that {@link #readEpochs} returns, in its order. */
    private static final List<String> EPOCH_COLUMNS = List.of("epoch", "batches_done", "batches", "train_mae",
            "val_mae", "test_mae");

    /**
     * The rows of a run's epochs.csv: epoch, batches done, batches, train, validation and test MAE (columns found by
     * their header names; blank lines skipped).
     *
     * @throws GraphFormatException naming the line of a missing column, a bad field count or a value that is not a
     *     number
     */
    static List<double[]> readEpochs(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String source = csv.toString();
        List<String> header = lines.isEmpty() ? List.of() : Csv.fields(source, 1, lines.get(0));
        int[] index = new int[EPOCH_COLUMNS.size()];
        for (int c = 0; c < index.length; c++) {
            index[c] = header.indexOf(EPOCH_COLUMNS.get(c));
            if (index[c] < 0) {
                throw new GraphFormatException(source, 1, "no column '" + EPOCH_COLUMNS.get(c) + "' in the header "
                        + header, null);
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (int line = 2; line <= lines.size(); line++) {
            if (lines.get(line - 1).isBlank()) {
                continue;
            }
            List<String> f = Csv.fields(source, line, lines.get(line - 1));
            if (f.size() != header.size()) {
                throw new GraphFormatException(source, line, "the row has " + f.size() + " fields; the header has "
                        + header.size(), null);
            }
            double[] row = new double[index.length];
            for (int c = 0; c < index.length; c++) {
                String v = f.get(index[c]);
                try {
                    row[c] = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new GraphFormatException(source, line, EPOCH_COLUMNS.get(c) + " is '" + v
                            + "', not a number", e);
                }
            }
            rows.add(row);
        }
        return rows;
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
        private final int epochs;
        private final Duration budget;
        private boolean budgetChecked;

        /** @param budget the time budget to check the given epochs against, or null (none, or epochs fitted to it) */
        Bar(Path dir, int epochs, Duration budget) {
            this.dir = dir;
            this.epochs = epochs;
            this.budget = budget;
        }

        @Override
        public void started(int epoch, int batch, int batchesPerEpoch, long totalSteps, long stepsDone) {
            batches = batchesPerEpoch;
            Path csv = dir.resolve("epochs.csv");
            if (Files.exists(csv)) {
                try {
                    for (double[] f : readEpochs(csv)) {
                        rows.add(new double[] {f[0] + f[1] / f[2], f[3], f[4], f[5]});
                    }
                } catch (IOException | GraphFormatException e) {
                    rows.clear();
                    System.err.printf(Locale.ROOT, "lapis train: warning: %s; curve.png starts without the earlier "
                            + "epochs%n", e instanceof GraphFormatException ? e.getMessage() : csv + ": "
                            + e.getMessage());
                }
            }
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps > 0 ? totalSteps : -1)
                    .startsFrom(stepsDone, Duration.ZERO).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUnit(" steps", 1).showSpeed().build();
        }

        @Override
        public void step(int epoch, int batch, double loss, double learningRate) {
            smoothed = Double.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d %d/%d loss %.4f lr %.1e%s", epoch, batch,
                    batches, smoothed, learningRate, last));
        }

        @Override
        public void epochsFitted(int fitted, double secondsPerEpoch) {
            System.err.printf(Locale.ROOT, "%nlapis train: the first epoch took %.0f s, so the budget fits %d epochs; "
                    + "the learning rate now decays to 0 at the end of epoch %d.%n", secondsPerEpoch, fitted, fitted);
            bar.maxHint((long) fitted * batches);
        }

        @Override
        public void evaluating(int epoch) {
            bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d: evaluating%s", epoch, last));
        }

        @Override
        public void epochEnded(Trainer.EpochRecord r) {
            last = String.format(Locale.ROOT, " | val %.4f test %.4f", r.valMae(), r.testMae());
            if (budget != null && !budgetChecked && r.batchesDone() == r.batches()) {
                budgetChecked = true;
                warnIfBudgetCutsTheSchedule(r);
            }
            rows.add(new double[] {r.epoch() + (double) r.batchesDone() / r.batches(), r.trainMae(), r.valMae(),
                r.testMae()});
            try {
                curve(dir.resolve("curve.png"));
            } catch (IOException e) {
                last += " (curve.png not written: " + e.getMessage() + ")";
            }
        }

        /**
         * The learning rate decays to 0 at the last epoch; a budget that ends the run much earlier leaves it high.
         * After the first whole epoch of a session, says so and names an --epochs that fits.
         */
        private void warnIfBudgetCutsTheSchedule(Trainer.EpochRecord r) {
            double left = budget.toMillis() / 1000.0 - r.elapsedSeconds();
            int fit = r.epoch() + 1 + (int) Math.floor(left / r.seconds());
            if (fit < epochs) {
                System.err.printf(Locale.ROOT, "%nlapis train: at %.0f s per epoch the budget %s ends the run near "
                        + "epoch %d of %d, before the learning rate has decayed; --epochs %d fits the budget.%n",
                        r.seconds(), budget, fit, epochs, Math.max(1, fit));
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
