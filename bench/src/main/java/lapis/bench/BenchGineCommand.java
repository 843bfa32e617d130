package lapis.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lapis.bench.zinc.ZincTrainingBenchmark;
import lapis.cli.ThreadsOption;
import lapis.experiments.zinc.ModelConfig;
import lapis.experiments.zinc.PeKind;
import lapis.experiments.zinc.ZincSamples;
import lapis.nn.DType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lapis bench gine}: training-step throughput of the GINE base model of the ZINC experiment. */
@Command(name = "gine", mixinStandardHelpOptions = true,
        description = {"Training steps (forward, L1 loss, backward, Adam) of the GINE base model: 4 layers, hidden "
                + "128, atom and bond embeddings, 3-layer MLPs with batch norm, mean pooling, 239,493 parameters; on "
                + "real ZINC training batches. Peer: bench/peers/spe_train.py --variant none (PyTorch, same model, "
                + "same data)."})
final class BenchGineCommand implements Callable<Integer> {
    @Mixin
    private ThreadsOption threadsOption;

    @Option(names = "--batch", defaultValue = "128", description = "Graphs per batch (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--steps", defaultValue = "50", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--warmup", defaultValue = "10", description = "Untimed warm-up steps; the JIT compiles the "
            + "product kernels during the first steps (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--dtype", defaultValue = "F32", description = "F32 or F64 (default: ${DEFAULT-VALUE}).")
    private DType dtype;

    @Option(names = "--no-cache", description = "Parse the bundled ZINC afresh instead of reading the cache in the "
            + "user's home.")
    private boolean noCache;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        ModelConfig config = ModelConfig.zinc(PeKind.NONE).withDtype(dtype);
        ZincTrainingBenchmark.Result r = new ZincTrainingBenchmark(ZincTrainingBenchmark.Options.defaults()
                .withThreads(threadsOption.get()).withBatchSize(batch).withSteps(warmup, steps).withEvalBatches(0)
                .withModel(config)).run(ZincSamples.load(!noCache).train());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "GINE base model, %d parameters, batch %d (%.0f nodes on average), %d threads, %s, "
                + "matmul %s%n", r.parameters(), batch, r.meanNodes(), threadsOption.get(), dtype, r.matmulRoute());
        out.printf(Locale.ROOT, "step mean %.4f s, median %.4f s, min %.4f s over %d steps%n", r.meanStepSeconds(),
                r.medianStepSeconds(), r.minStepSeconds(), steps);
        out.printf(Locale.ROOT, "throughput %.0f graphs/s (loss %.3f -> %.3f)%n", r.graphsPerSecond(), r.firstLoss(),
                r.lastLoss());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("graphs_per_s", r.graphsPerSecond());
        m.put("mean_step_s", r.meanStepSeconds());
        m.put("median_step_s", r.medianStepSeconds());
        m.put("threads", threadsOption.get());
        m.put("batch", batch);
        m.put("mean_nodes", r.meanNodes());
        m.put("dtype", String.valueOf(dtype));
        m.put("route", r.matmulRoute());
        out.println(BenchCommand.resultLine(m));
        out.flush();
        return 0;
    }
}
