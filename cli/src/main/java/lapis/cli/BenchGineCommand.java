package lapis.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import lapis.nn.DType;
import lapis.nn.bench.GineBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis bench gine}: training-step throughput of the GINE base model of the ZINC experiment. */
@Command(name = "gine", mixinStandardHelpOptions = true,
        description = {"Training steps (forward, L1 loss, backward, Adam) of the GINE base model: 4 layers, hidden "
                + "128, atom and bond embeddings, 3-layer MLPs with batch norm, mean pooling, 239,493 parameters; on "
                + "batches of ZINC-sized random molecules (8..37 atoms). Peer: bench/peers/spe_train.py --variant "
                + "none (PyTorch, same model, real ZINC batches)."})
final class BenchGineCommand implements Callable<Integer> {
    @Option(names = "--threads", defaultValue = "2", description = "Threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--batch", defaultValue = "128", description = "Graphs per batch (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--steps", defaultValue = "50", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--warmup", defaultValue = "10", description = "Untimed warm-up steps (default: "
            + "${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--dtype", defaultValue = "f32", description = "f32 or f64 (default: ${DEFAULT-VALUE}).")
    private String dtype;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        DType d = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "f32" -> DType.F32;
            case "f64" -> DType.F64;
            default -> throw new IllegalArgumentException("--dtype must be f32 or f64, not '" + dtype + "'");
        };
        GineBenchmark.Result r = new GineBenchmark(GineBenchmark.Options.defaults().withThreads(threads)
                .withBatchSize(batch).withSteps(warmup, steps).withDtype(d)).run();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "GINE base model, %d parameters, batch %d (%.0f nodes on average), %d threads, %s, "
                + "matmul %s%n", r.parameters(), batch, r.meanNodesPerBatch(), threads, dtype, r.matmulRoute());
        out.printf(Locale.ROOT, "step mean %.4f s, median %.4f s, min %.4f s over %d steps%n", r.meanStepSeconds(),
                r.medianStepSeconds(), r.minStepSeconds(), steps);
        out.printf(Locale.ROOT, "throughput %.0f graphs/s (loss %.3f -> %.3f)%n", r.graphsPerSecond(), r.firstLoss(),
                r.lastLoss());
        out.printf(Locale.ROOT, "RESULT_JSON {\"graphs_per_s\": %.2f, \"mean_step_s\": %.5f, \"median_step_s\": %.5f,"
                + " \"threads\": %d, \"batch\": %d, \"mean_nodes\": %.1f, \"dtype\": \"%s\", \"route\": \"%s\"}%n",
                r.graphsPerSecond(), r.meanStepSeconds(), r.medianStepSeconds(), threads, batch,
                r.meanNodesPerBatch(), dtype, r.matmulRoute());
        out.flush();
        return 0;
    }
}
