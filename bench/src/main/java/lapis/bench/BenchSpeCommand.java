package lapis.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lapis.bench.zinc.ZincTrainingBenchmark;
import lapis.cli.ModelOptions;
import lapis.cli.ThreadsOption;
import lapis.experiments.zinc.ModelConfig;
import lapis.experiments.zinc.PeKind;
import lapis.experiments.zinc.ZincSamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lapis bench spe}: training-step throughput of GINE + SPE on real ZINC batches. */
@Command(name = "spe", mixinStandardHelpOptions = true,
        description = {"Training steps (forward, L1 loss, backward, Adam) of GINE + SPE on real ZINC batches: SPE "
                + "with 16 eigenvalue filters, rho an 8-layer GIN of width 128 over the n x n pairs of each molecule,"
                + " 37 channels, per-layer PE MLPs; GINE 4 x 128. Peer: bench/peers/spe_train.py --variant spe "
                + "(PyTorch, same model, 13.5 graphs/s on the 2-core reference machine)."})
final class BenchSpeCommand implements Callable<Integer> {
    @Mixin
    private ThreadsOption threadsOption;

    @Option(names = "--batch", defaultValue = "128", description = "Graphs per batch (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--steps", defaultValue = "20", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed warm-up steps (default: "
            + "${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--eval-batches", defaultValue = "5", description = "Batches timed as inference (default: "
            + "${DEFAULT-VALUE}).")
    private int evalBatches;

    @Mixin
    private ModelOptions model;

    @Option(names = "--no-cache", description = "Parse the bundled ZINC afresh instead of reading the cache in the "
            + "user's home.")
    private boolean noCache;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        ModelConfig config = model.config(PeKind.SPE);
        ZincSamples.Split zinc = ZincSamples.load(!noCache);
        ZincTrainingBenchmark.Result r = new ZincTrainingBenchmark(ZincTrainingBenchmark.Options.defaults()
                .withThreads(threadsOption.get()).withBatchSize(batch).withSteps(warmup, steps)
                .withEvalBatches(evalBatches).withModel(config))
                .run(zinc.train());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "GINE + %s, %d parameters (encoding %d), batch %d (%.0f nodes, %.0f pairs on average), "
                + "%d threads, %s, matmul %s%n", config.pe().label(), r.parameters(), r.encodingParameters(), batch,
                r.meanNodes(), r.meanPairs(), threadsOption.get(), config.dtype(), r.matmulRoute());
        out.printf(Locale.ROOT, "%s%n", model.describe(config));
        out.printf(Locale.ROOT, "spectra of %d-graph batches: %.2f s before timing; step memory %.0f MB (workspace "
                + "peak)%n", batch, r.spectraSeconds(), r.workspaceBytes() / 1e6);
        out.printf(Locale.ROOT, "step mean %.3f s, median %.3f s, min %.3f s over %d steps%n", r.meanStepSeconds(),
                r.medianStepSeconds(), r.minStepSeconds(), steps);
        StringBuilder each = new StringBuilder();
        for (double t : r.stepSeconds()) {
            each.append(String.format(Locale.ROOT, " %.2f", t));
        }
        out.printf(Locale.ROOT, "steps (s):%s%n", each);
        out.printf(Locale.ROOT, "training %.1f graphs/s, inference %.1f graphs/s (loss %.3f -> %.3f)%n",
                r.graphsPerSecond(), r.evalGraphsPerSecond(), r.firstLoss(), r.lastLoss());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", config.pe().label());
        m.put("graphs_per_s", r.graphsPerSecond());
        m.put("step_s_mean", r.meanStepSeconds());
        m.put("step_s_median", r.medianStepSeconds());
        m.put("step_s_min", r.minStepSeconds());
        m.put("eval_forward_graphs_per_s", r.evalGraphsPerSecond());
        m.put("params", r.parameters());
        m.put("params_pe_module", r.encodingParameters());
        m.put("threads", threadsOption.get());
        m.put("batch", batch);
        m.put("warmup", warmup);
        m.put("steps", steps);
        m.put("mean_nodes_per_batch", r.meanNodes());
        m.put("mean_pairs_per_batch", r.meanPairs());
        m.put("dtype", config.dtype().name());
        m.put("route", r.matmulRoute());
        m.put("workspace_mb", r.workspaceBytes() / 1e6);
        m.put("rho", model.describe(config));
        out.println(BenchCommand.resultLine(m));
        out.flush();
        return 0;
    }
}
