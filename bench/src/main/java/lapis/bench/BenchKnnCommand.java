package lapis.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lapis.bench.knn.KnnBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis bench knn}: exact k-nearest neighbours of points on the sphere, as scipy's cKDTree peer does. */
@Command(name = "knn", mixinStandardHelpOptions = true,
        description = {"KD-tree build + k-nearest-neighbour query for N points uniform on the unit sphere, and the "
                + "whole Gaussian kNN graph (sigma = mean kNN distance, W = max(W, W^T)); best of several repeats "
                + "after as many warm-ups. Peer: bench/peers/knn_ckdtree.py (scipy cKDTree)."})
final class BenchKnnCommand implements Callable<Integer> {
    @Option(names = "--points", defaultValue = "50000", description = "N (default: ${DEFAULT-VALUE}).")
    private int points;

    @Option(names = "-k", defaultValue = "10", description = "Neighbours per point (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed repeats (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the points (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        KnnBenchmark.Result r = KnnBenchmark.run(points, k, repeats, seed);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d points on S^2, k=%d, %d threads, best of %d%n", r.n(), r.k(), r.threads(),
                r.repeats());
        out.printf(Locale.ROOT, "KD-tree build + query   %.4f s%n", r.buildQuerySeconds());
        out.printf(Locale.ROOT, "whole kNN graph         %.4f s (sigma %.6f, %d edges)%n", r.graphSeconds(),
                r.sigma(), r.edges());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", r.n());
        m.put("k", r.k());
        m.put("threads", r.threads());
        m.put("build_query_s", r.buildQuerySeconds());
        m.put("graph_s", r.graphSeconds());
        m.put("sigma", r.sigma());
        m.put("edges", r.edges());
        out.println(BenchCommand.resultLine(m));
        out.flush();
        return 0;
    }
}
