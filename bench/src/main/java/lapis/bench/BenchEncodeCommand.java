package lapis.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import lapis.encodings.GraphData;
import lapis.encodings.transform.AddLaplacianEigenvectorPE;
import lapis.encodings.transform.AddRandomWalkPE;
import lapis.graph.Graph;
import lapis.graph.GraphOptions;
import lapis.graph.Normalization;
import lapis.spectral.EigenResult;
import lapis.spectral.Spectra;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lapis bench encode}: the README's chain from a graph to an encoding at full size, timed step by step: a
 * side x side grid from edge arrays, its 8 smallest L_sym eigenpairs by {@link Spectra#smallest}, then PyG's two
 * transforms.
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Times the README's chain on a grid: Graph.fromEdges, Spectra.smallest(g, SYMMETRIC, 8), "
                + "AddLaplacianEigenvectorPE(8) and AddRandomWalkPE(16). The default 316 x 316 grid has 99,856 "
                + "vertices."})
final class BenchEncodeCommand implements Callable<Integer> {
    @Option(names = "--side", defaultValue = "316", description = "Grid side; n = side^2 (default: ${DEFAULT-VALUE}).")
    private int side;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (side < 2) {
            throw new IllegalArgumentException("--side must be >= 2, got " + side);
        }
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        int n = side * side;
        int[] u = new int[2 * n];
        int[] v = new int[2 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i % side + 1 < side) {
                u[m] = i;
                v[m++] = i + 1;
            }
            if (i + side < n) {
                u[m] = i;
                v[m++] = i + side;
            }
        }
        Graph g = Graph.fromEdges(n, Arrays.copyOf(u, m), Arrays.copyOf(v, m), null, GraphOptions.defaults());
        long t1 = System.nanoTime();
        EigenResult r = Spectra.smallest(g, Normalization.SYMMETRIC, 8).orThrow();
        long t2 = System.nanoTime();
        GraphData data = new AddLaplacianEigenvectorPE(8).apply(GraphData.of(g));
        long t3 = System.nanoTime();
        data = new AddRandomWalkPE(16).apply(data);
        long t4 = System.nanoTime();
        out.printf(Locale.ROOT, "graph: %d vertices, %d edges, built in %.2f s%n", g.vertexCount(), g.edgeCount(),
                (t1 - t0) / 1e9);
        out.printf(Locale.ROOT, "eigenpairs: 8 by %s in %.2f s, max residual %.1e, converged %b%n", r.solver(),
                (t2 - t1) / 1e9, r.maxResidualNorm(), r.converged());
        out.println("eigenvalues: " + Arrays.toString(Arrays.stream(r.eigenvalues())
                .mapToObj(x -> String.format(Locale.ROOT, "%.3e", x)).toArray()));
        out.printf(Locale.ROOT, "AddLaplacianEigenvectorPE(8): %.2f s; AddRandomWalkPE(16): %.2f s%n",
                (t3 - t2) / 1e9, (t4 - t3) / 1e9);
        for (String name : data.names()) {
            out.printf(Locale.ROOT, "feature %s: %dx%d%n", name, data.feature(name).numRows,
                    data.feature(name).numCols);
        }
        out.flush();
        return 0;
    }
}
