package lapis.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lapis.bench.eigen.SparseEigenBenchmark;
import lapis.bench.eigen.SparseEigenBenchmark.Measurement;
import lapis.bench.eigen.SparseEigenBenchmark.Solver;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;
import lapis.graph.Normalization;
import lapis.graph.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lapis bench sparse}: the Lapis side of the sparse k-smallest benchmark, the two cases of
 * {@code bench/peers/sparse_eigs.py} timed by {@link SparseEigenBenchmark}; {@code bench/sparse_side_by_side.sh}
 * alternates it with the peer. Per solver: untimed warm-up runs (JIT compilation), then timed runs, each with its
 * wall time and the process CPU time (all threads).
 */
@Command(name = "sparse", mixinStandardHelpOptions = true,
        description = {"k smallest Laplacian eigenpairs of the peer's two cases: 'grid' (300 x 300 grid, L, k = 20, "
                + "checked against the closed form) and 'sphere' (the peer's 50,000-point kNN graph read from "
                + "--edges, L_sym, k = 50). Last line: RESULT_JSON {...}. Run both sides with "
                + "bench/sparse_side_by_side.sh."})
final class BenchSparseCommand implements Callable<Integer> {
    private static final int GRID_SIDE = 300;
    private static final int SPHERE_POINTS = 50_000;

    @Option(names = "--case", required = true, description = "grid or sphere.")
    private String kase;

    @Option(names = "--edges", paramLabel = "FILE", description = "The sphere case's edges, 'i j w' per line, as "
            + "sparse_eigs.py --write-edges writes them.")
    private Path edges;

    @Option(names = "--solvers", split = ",", defaultValue = "LANCZOS_SHIFT_INVERT", description = "Comma-separated: "
            + "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private List<Solver> solvers;

    @Option(names = "--tol", defaultValue = "1e-10", description = "Relative residual tolerance (default: "
            + "${DEFAULT-VALUE}).")
    private double tolerance;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed runs per solver (default: "
            + "${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed runs per solver (default: "
            + "${DEFAULT-VALUE}).")
    private int repeats;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Graph g;
        Normalization kind;
        int k;
        double[] exact = null;
        switch (kase) {
            case "grid" -> {
                g = grid(GRID_SIDE);
                kind = Normalization.COMBINATORIAL;
                k = 20;
                exact = gridEigenvalues(GRID_SIDE, k);
            }
            case "sphere" -> {
                if (edges == null) {
                    throw new ParameterException(spec.commandLine(), "--case sphere needs --edges FILE");
                }
                g = readEdges(edges, SPHERE_POINTS);
                kind = Normalization.SYMMETRIC;
                k = 50;
            }
            default -> throw new ParameterException(spec.commandLine(), "--case must be grid or sphere, not '"
                    + kase + "'");
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> results = new ArrayList<>();
        for (Solver s : solvers) {
            for (int w = 0; w < warmup; w++) {
                SparseEigenBenchmark.run(g, kind, k, s, tolerance, 1);
            }
            Measurement m = null;
            List<Double> walls = new ArrayList<>();
            List<Double> cpus = new ArrayList<>();
            double best = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
                long c0 = os.getProcessCpuTime();
                m = SparseEigenBenchmark.run(g, kind, k, s, tolerance, 1);
                double wall = m.bestTime().toNanos() / 1e9;
                best = Math.min(best, wall);
                walls.add(wall);
                cpus.add((os.getProcessCpuTime() - c0) / 1e9);
            }
            Double error = null;
            if (exact != null) {
                double err = 0;
                for (int i = 0; i < k; i++) {
                    err = Math.max(err, Math.abs(m.eigenvalues()[i] - exact[i]));
                }
                error = err;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("solver", String.valueOf(s));
            one.put("description", m.solver());
            one.put("wall_s_best", best);
            one.put("wall_s_all", walls);
            one.put("cpu_s_all", cpus);
            one.put("iterations", m.iterations());
            one.put("applications", m.applications());
            one.put("max_residual", m.maxResidual());
            one.put("relative_max_residual", m.relativeMaxResidual());
            one.put("converged", m.converged());
            one.put("max_abs_err_vs_closed_form", error);
            out.println(Json.line(one));
            results.add(one);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("case", String.valueOf(kase));
        all.put("n", g.vertexCount());
        all.put("k", k);
        all.put("java", System.getProperty("java.version"));
        all.put("results", results);
        out.println(BenchCommand.resultLine(all));
        out.flush();
        return 0;
    }

    /** The side x side grid graph, unit weights. */
    private static Graph grid(int side) {
        GraphBuilder b = new GraphBuilder(side * side, GraphOptions.defaults());
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                int v = r * side + c;
                if (c + 1 < side) {
                    b.addEdge(v, v + 1, 1.0);
                }
                if (r + 1 < side) {
                    b.addEdge(v, v + side, 1.0);
                }
            }
        }
        return b.build();
    }

    /** The k smallest eigenvalues of the grid's L: 4 sin^2(pi i / 2m) + 4 sin^2(pi j / 2m), i, j = 0..m-1. */
    private static double[] gridEigenvalues(int side, int k) {
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < k + 2; i++) {
            for (int j = 0; j < k + 2; j++) {
                all.add(4 * Math.pow(Math.sin(Math.PI * i / (2.0 * side)), 2)
                        + 4 * Math.pow(Math.sin(Math.PI * j / (2.0 * side)), 2));
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).sorted().limit(k).toArray();
    }

    private static Graph readEdges(Path file, int n) throws IOException {
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        int number = 0;
        for (String line : Files.readAllLines(file)) {
            number++;
            String[] f = line.trim().split("\\s+");
            try {
                b.addEdge(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ":" + number + ": expected 'i j w', got '" + line + "'",
                        e);
            }
        }
        return b.build();
    }
}
