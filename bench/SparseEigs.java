import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;
import lapis.graph.Normalization;
import lapis.spectral.sparse.SparseEigenBenchmark;
import lapis.spectral.sparse.SparseEigenBenchmark.Measurement;
import lapis.spectral.sparse.SparseEigenBenchmark.Solver;

/**
 * Lapis side of the sparse k-smallest benchmark: the same two cases as peers/sparse_eigs.py, timed by
 * SparseEigenBenchmark. Run through sparse_side_by_side.sh, which builds the classpath.
 * Usage: java -cp CP SparseEigs.java --case grid|sphere [--edges FILE] [--solvers LANCZOS_SHIFT_INVERT,...]
 * [--tol 1e-10] [--warmup 1] [--repeats 3]: per solver, untimed warm-up runs (JIT compilation), then timed runs,
 * each with its wall time and the process CPU time (all threads). Last line printed: RESULT_JSON {...}
 */
public class SparseEigs {
    public static void main(String[] args) throws IOException {
        String kase = null;
        String edges = null;
        String solvers = "LANCZOS_SHIFT_INVERT";
        double tol = 1e-10;
        int repeats = 3;
        int warmup = 1;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--case" -> kase = args[i + 1];
                case "--edges" -> edges = args[i + 1];
                case "--solvers" -> solvers = args[i + 1];
                case "--tol" -> tol = Double.parseDouble(args[i + 1]);
                case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Graph g;
        Normalization kind;
        int k;
        double[] exact = null;
        if ("grid".equals(kase)) {
            int m = 300;
            GraphBuilder b = new GraphBuilder(m * m, GraphOptions.defaults());
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    int v = r * m + c;
                    if (c + 1 < m) {
                        b.addEdge(v, v + 1, 1.0);
                    }
                    if (r + 1 < m) {
                        b.addEdge(v, v + m, 1.0);
                    }
                }
            }
            g = b.build();
            kind = Normalization.COMBINATORIAL;
            k = 20;
            List<Double> all = new ArrayList<>();
            for (int i = 0; i < k + 2; i++) {
                for (int j = 0; j < k + 2; j++) {
                    all.add(4 * Math.pow(Math.sin(Math.PI * i / 600.0), 2) + 4 * Math.pow(Math.sin(Math.PI * j / 600.0), 2));
                }
            }
            exact = all.stream().mapToDouble(Double::doubleValue).sorted().limit(k).toArray();
        } else if ("sphere".equals(kase)) {
            List<String> lines = Files.readAllLines(Path.of(edges));
            GraphBuilder b = new GraphBuilder(50000, GraphOptions.defaults());
            for (String line : lines) {
                String[] f = line.trim().split("\\s+");
                b.addEdge(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]));
            }
            g = b.build();
            kind = Normalization.SYMMETRIC;
            k = 50;
        } else {
            throw new IllegalArgumentException("--case grid|sphere");
        }
        StringBuilder json = new StringBuilder("{\"case\":\"" + kase + "\",\"n\":" + g.vertexCount()
                + ",\"k\":" + k + ",\"java\":\"" + System.getProperty("java.version") + "\",\"results\":[");
        boolean first = true;
        for (String s : solvers.split(",")) {
            for (int w = 0; w < warmup; w++) {
                SparseEigenBenchmark.run(g, kind, k, Solver.valueOf(s), tol, 1);
            }
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            Measurement m = null;
            StringBuilder times = new StringBuilder();
            StringBuilder cpus = new StringBuilder();
            double best = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
                long c0 = os.getProcessCpuTime();
                m = SparseEigenBenchmark.run(g, kind, k, Solver.valueOf(s), tol, 1);
                double cpu = (os.getProcessCpuTime() - c0) / 1e9;
                double wall = m.bestTime().toNanos() / 1e9;
                best = Math.min(best, wall);
                times.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", wall));
                cpus.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", cpu));
            }
            double err = Double.NaN;
            if (exact != null) {
                err = 0;
                for (int i = 0; i < k; i++) {
                    err = Math.max(err, Math.abs(m.eigenvalues()[i] - exact[i]));
                }
            }
            String one = String.format(Locale.ROOT, "{\"solver\":\"%s\",\"description\":\"%s\",\"wall_s_best\":%.4f,"
                    + "\"wall_s_all\":[%s],\"cpu_s_all\":[%s],\"iterations\":%d,\"applications\":%d,\"max_residual\":%.3e,"
                    + "\"relative_max_residual\":%.3e,\"converged\":%b,\"max_abs_err_vs_closed_form\":%s}", s,
                    m.solver(), best, times, cpus, m.iterations(), m.applications(),
                    m.maxResidual(), m.relativeMaxResidual(), m.converged(),
                    Double.isNaN(err) ? "null" : String.format(Locale.ROOT, "%.3e", err));
            System.out.println(one);
            json.append(first ? "" : ",").append(one);
            first = false;
        }
        System.out.println("RESULT_JSON " + json + "]}");
    }
}
