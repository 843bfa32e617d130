package lapis.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lapis.bases.CoordinateNetwork;
import lapis.bases.DiffusionProbes;
import lapis.bases.SpectralBasisTrainer;
import lapis.cli.ThreadsOption;
import lapis.datasets.points.SphereSampler;
import lapis.graph.io.AtomicFiles;
import lapis.graph.io.Csv;
import lapis.graph.knn.PointSet;
import lapis.nn.Threads;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lapis bench basis}: the time of one training step of a learned spectral basis, as its PyTorch peer. */
@Command(name = "basis", mixinStandardHelpOptions = true,
        description = {"One training step of lapis basis (network forward, orthonormalisation, the diffusion "
                + "probes' expectation in closed form, nested loss, backward, clipping, AdamW) on N uniform sphere "
                + "points: the median and minimum over the timed steps after the warm-up ones. Peer: "
                + "bench/peers/basis_step.py --probes 0 on the points --export-points writes."})
final class BenchBasisCommand implements Callable<Integer> {
    @Option(names = "--n", defaultValue = "4000", description = "Points (default: ${DEFAULT-VALUE}).")
    private int n;

    @Option(names = "--k", defaultValue = "25", description = "Functions K (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--neighbors", defaultValue = "256", description = "kNN neighbours searched (default: "
            + "${DEFAULT-VALUE}).")
    private int neighbors;

    @Option(names = "--diffusion-steps", defaultValue = "0", description = "T (default: 0 = lapis basis's "
            + "default, the K-th captured variance e^-4 of the first).")
    private int diffusionSteps;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--steps", defaultValue = "50", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Mixin
    private ThreadsOption threadsOption;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the points and weights (default: "
            + "${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--export-points", paramLabel = "FILE", description = "Also write the points as x,y,z rows "
            + "(no header) for the peer's --points.")
    private Path exportPoints;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (n <= k || warmup < 0 || steps < 1) {
            throw new IllegalArgumentException("need --n > --k, --warmup >= 0, --steps >= 1");
        }
        double[] xyz = SphereSampler.uniform().sample(n, seed).coordinates();
        if (exportPoints != null) {
            AtomicFiles.write(exportPoints, w -> {
                CSVPrinter p = Csv.printer(w);
                for (int i = 0; i < n; i++) {
                    p.printRecord(Csv.number(xyz[3 * i]), Csv.number(xyz[3 * i + 1]), Csv.number(xyz[3 * i + 2]));
                }
                p.flush();
            });
        }
        PointSet points = PointSet.of(3, xyz);
        DiffusionProbes probes = diffusionSteps > 0
                ? DiffusionProbes.of(points, new DiffusionProbes.Options(neighbors, diffusionSteps))
                : DiffusionProbes.forFunctions(points, neighbors, k);
        int t = probes.options().steps();
        long[] stamps = new long[warmup + steps + 1];
        double[] losses = new double[warmup + steps + 1];
        SpectralBasisTrainer trainer = new SpectralBasisTrainer(SpectralBasisTrainer.Options.defaults()
                .withSteps(warmup + steps).withSeed(seed));
        try (Threads th = Threads.of(threadsOption.get())) {
            stamps[0] = System.nanoTime();
            trainer.train(points, probes, CoordinateNetwork.Options.defaults(k), th, (step, total, loss, rate) -> {
                stamps[step] = System.nanoTime();
                losses[step] = loss;
            });
        }
        double[] ms = new double[steps];
        for (int i = 0; i < steps; i++) {
            ms[i] = (stamps[warmup + i + 1] - stamps[warmup + i]) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "lapis basis step: n=%d k=%d T=%d neighbours=%d sigma=%.6f nnz=%d threads=%d: median "
                + "%.1f ms, min %.1f ms over %d steps after %d warm-up; loss %.6f -> %.6f%n", n, k, t, neighbors,
                probes.sigma(), probes.diffusion().nonZeroCount(), threadsOption.get(), median, sorted[0], steps,
                warmup, losses[1], losses[warmup + steps]);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("k", k);
        m.put("T", t);
        m.put("sigma", probes.sigma());
        m.put("threads", threadsOption.get());
        m.put("median_ms", median);
        m.put("min_ms", sorted[0]);
        out.println(BenchCommand.resultLine(m));
        out.flush();
        return 0;
    }
}
