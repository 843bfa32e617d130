package lapis.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lapis.experiments.zinc.ZincSamples;
import lapis.experiments.zinc.TrainedRun;
import lapis.experiments.zinc.Trainer;
import lapis.graph.GraphSample;
import lapis.graph.io.Json;
import lapis.graph.io.PropertiesFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis eval RUN}: the MAE of a run's best checkpoint, computed as the run computed it. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Reload the best-validation checkpoint of a 'lapis train zinc' run and compute its mean "
                + "absolute error on a split of the data the run used; on the test split this reproduces the test"
                + " MAE the run recorded. A --split size run is evaluated on the same size split; its "
                + "in-distribution test (--split indist) reproduces the MAE in its shift.json."})
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The run directory (--out of lapis train).")
    private Path run;

    @Option(names = "--split", defaultValue = "test", description = "train, val, test, or indist (the "
            + "in-distribution test of a --split size run; test is then the shifted test) (default: "
            + "${DEFAULT-VALUE}).")
    private String split;

    @Mixin
    private ThreadsOption threadsOption;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best (the best validation epoch), last "
            + "(the last evaluation) or a checkpoint file of the same model (default: ${DEFAULT-VALUE}).")
    private String checkpoint;

    @Option(names = "--recalibrate-bn", defaultValue = "0", description = "First set the batch norms' statistics to "
            + "those of this many training batches of the run (precise batch norm); 0 uses the stored statistics "
            + "(default: ${DEFAULT-VALUE}).")
    private int recalibrateBn;

    @Option(names = "--no-cache", description = "Parse the bundled ZINC afresh instead of reading the cache in the "
            + "user's home.")
    private boolean noCache;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path dataFile = run.resolve(TrainCommand.DATA);
        if (!Files.exists(dataFile)) {
            throw new IllegalArgumentException(run + " is not a lapis train run (no " + TrainCommand.DATA + ")");
        }
        Map<String, String> data = PropertiesFiles.read(dataFile);
        if (!"zinc".equals(data.get("dataset"))) {
            throw new IllegalArgumentException(dataFile + ": dataset '" + data.get("dataset") + "' is not zinc");
        }
        String runSplit = TrainCommand.splitOf(data);
        String key = switch (split.toLowerCase(Locale.ROOT)) {
            case "train" -> "train";
            case "val", "validation" -> "validation";
            case "test" -> "test";
            case "indist" -> TrainCommand.IN_DISTRIBUTION_TEST;
            default -> throw new IllegalArgumentException("--split must be train, val, test or indist, not '" + split
                    + "'");
        };
        if (key.equals(TrainCommand.IN_DISTRIBUTION_TEST) && !runSplit.equals("size")) {
            throw new IllegalArgumentException("--split indist needs a run trained with --split size; " + run
                    + " used the " + runSplit + " split");
        }
        Path file = switch (checkpoint) {
            case "best" -> run.resolve("best.ckpt");
            case "last" -> run.resolve("last.ckpt");
            default -> Path.of(checkpoint);
        };
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("--checkpoint " + checkpoint + ": no such file " + file);
        }
        if (recalibrateBn < 0) {
            throw new IllegalArgumentException("--recalibrate-bn must be >= 0, got " + recalibrateBn);
        }
        ZincSamples.Split zinc = ZincSamples.load(!noCache);
        List<GraphSample> all;
        List<GraphSample> trainSet;
        if (runSplit.equals("size")) {
            ZincSamples.SizeSplit z = ZincSamples.bySize(zinc);
            trainSet = z.train();
            all = switch (key) {
                case "train" -> z.train();
                case "validation" -> z.validation();
                case "test" -> z.test();
                default -> z.inDistributionTest();
            };
        } else {
            trainSet = zinc.train();
            all = switch (key) {
                case "train" -> zinc.train();
                case "validation" -> zinc.validation();
                default -> zinc.test();
            };
        }
        List<GraphSample> samples = all.subList(0, Math.min(all.size(), Integer.parseInt(data.get(key))));
        List<GraphSample> recalibration = trainSet.subList(0, Math.min(trainSet.size(),
                Integer.parseInt(data.get("train"))));
        Trainer.Evaluation e = TrainedRun.evaluate(run, file, samples, recalibration, recalibrateBn,
                threadsOption.get());
        Map<String, String> state = PropertiesFiles.read(run.resolve("state.properties"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %s MAE %.6f over %d molecules (%s%s)%n", run, key, e.mae(), e.count(),
                checkpoint.equals("best") ? "best epoch " + state.get("bestEpoch") : "checkpoint " + checkpoint,
                recalibrateBn > 0 ? ", batch norms recalibrated on " + recalibrateBn + " training batches" : "");
        if (!checkpoint.equals("best") || recalibrateBn > 0) {
            out.flush();
            return 0;
        }
        String recorded = switch (key) {
            case "validation" -> state.get("bestVal");
            case "test" -> state.get("bestTest");
            case TrainCommand.IN_DISTRIBUTION_TEST -> recordedInDistributionMae(run.resolve(TrainCommand.SHIFT));
            default -> null;
        };
        if (recorded != null) {
            double r = Double.parseDouble(recorded);
            out.printf(Locale.ROOT, "recorded %s: %.6f (%s)%n", key.equals(TrainCommand.IN_DISTRIBUTION_TEST)
                    ? "in " + TrainCommand.SHIFT : "during training", r, r == e.mae() ? "reproduced exactly"
                    : "differs by " + Math.abs(r - e.mae()));
        }
        out.flush();
        return 0;
    }

    /** The in-distribution test MAE a size run wrote to its shift.json, or null if there is none. */
    private static String recordedInDistributionMae(Path shift) throws IOException {
        if (!Files.exists(shift)) {
            return null;
        }
        Object mae;
        try {
            mae = Json.parse(Files.readString(shift)) instanceof Map<?, ?> m ? m.get(TrainCommand.IN_DISTRIBUTION_MAE)
                    : null;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(shift + ": " + e.getMessage(), e);
        }
        return mae instanceof Number x ? x.toString() : null;
    }
}
