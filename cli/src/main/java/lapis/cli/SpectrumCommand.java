package lapis.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import lapis.graph.ConnectedComponents;
import lapis.graph.Graph;
import lapis.graph.IndexedGraph;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.graph.io.AtomicFiles;
import lapis.spectral.EigenResult;
import lapis.spectral.dense.SymmetricEigen;
import lapis.spectral.op.LaplacianOperator;
import lapis.spectral.sparse.Lobpcg;
import lapis.spectral.sparse.SparseEigensolvers;
import lapis.spectral.sparse.ThickRestartLanczos;
import lapis.spectral.subspace.Eigenspaces;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis spectrum FILE}: eigenvalues of a graph Laplacian with multiplicities, gaps and residuals. */
@Command(name = "spectrum", mixinStandardHelpOptions = true,
        description = {"Eigenvalues of a graph's Laplacian, ascending, grouped into eigenspaces (values within a "
                + "relative 1e-8 share one; the multiplicity of 0 is the number of components), with the gaps "
                + "between groups, each pair's residual ||L v - lambda v||, the solver and the time.",
            "Small graphs (n <= " + SpectrumCommand.DENSE_LIMIT + ") and requests for all pairs use the dense "
                + "solver (all pairs unless -k); larger ones shift-invert Lanczos with a sparse Cholesky factorisation (-k pairs, default "
                + SpectrumCommand.DEFAULT_SPARSE_K + "), deflating the null space known in closed form.",
            "rw: L_rw = I - D^-1 A has the eigenvalues of sym; its right eigenvectors are D^-1/2 v_sym, written "
                + "unnormalised.",
            "Example: lapis spectrum examples/petersen.graphml --format json"})
final class SpectrumCommand implements Callable<Integer> {
    static final int DENSE_LIMIT = 1000;
    static final int DEFAULT_SPARSE_K = 10;

    @Mixin
    private GraphInput.WithOutputFormat input;

    @Option(names = "-k", paramLabel = "K", description = "How many of the smallest eigenpairs (default: all for "
            + "n <= " + DENSE_LIMIT + ", else " + DEFAULT_SPARSE_K + ").")
    private Integer k;

    @Option(names = "--laplacian", defaultValue = "sym", paramLabel = "KIND",
            description = "comb, sym or rw (default: ${DEFAULT-VALUE}).")
    private String kind;

    @Option(names = "--solver", defaultValue = "auto", description = "auto, dense, lanczos or lobpcg (default: "
            + "${DEFAULT-VALUE}).")
    private String solver;

    @Option(names = "--tolerance", defaultValue = "1e-10", description = "Relative residual tolerance of the sparse "
            + "solvers (default: ${DEFAULT-VALUE}).")
    private double tolerance;

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--vectors", paramLabel = "OUT.csv", description = "Write the eigenvectors: one row per vertex "
            + "(its name first), one column per eigenpair.")
    private Path vectors;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        Normalization normalization = Normalization.parse(kind);
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("--tolerance must be > 0, got " + tolerance);
        }
        IndexedGraph<String> ig = input.read();
        Graph g = ig.graph();
        int n = g.vertexCount();
        int wanted = k == null ? (n <= DENSE_LIMIT ? n : Math.min(n, DEFAULT_SPARSE_K)) : k;
        if (wanted < 1 || wanted > n) {
            throw new IllegalArgumentException("-k must be between 1 and the vertex count " + n + ", got " + wanted);
        }
        Normalization solved = normalization == Normalization.RANDOM_WALK ? Normalization.SYMMETRIC : normalization;
        Laplacian l = Laplacian.of(g, solved);
        EigenResult r = solve(l, g, wanted, n);
        Eigenspaces spaces = Eigenspaces.of(r);
        DMatrixRMaj v = r.eigenvectors(null);
        if (normalization == Normalization.RANDOM_WALK) {
            double[] d = l.degrees();
            for (int i = 0; i < n; i++) {
                double s = d[i] > 0 ? 1 / Math.sqrt(d[i]) : 1.0;
                for (int c = 0; c < v.numCols; c++) {
                    v.set(i, c, v.get(i, c) * s);
                }
            }
        }
        print(spec.commandLine().getOut(), r, spaces, normalization, n, wanted < n);
        if (vectors != null) {
            writeVectors(ig, v);
        }
        return 0;
    }

    private EigenResult solve(Laplacian l, Graph g, int wanted, int n) {
        String choice = solver.toLowerCase(Locale.ROOT);
        if (choice.equals("dense") || (choice.equals("auto") && (n <= DENSE_LIMIT || wanted == n))) {
            EigenResult all = SymmetricEigen.of(l.toDense());
            return wanted == n ? all : firstPairs(all, wanted);
        }
        DMatrixRMaj nullSpace = l.nullSpace(ConnectedComponents.of(g));
        LaplacianOperator op = LaplacianOperator.of(l);
        EigenResult r = switch (choice) {
            case "auto" -> SparseEigensolvers.recommended(op, null, tolerance, nullSpace).smallest(op, null, wanted);
            case "lanczos" -> new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withTolerance(tolerance)
                    .withNullSpace(nullSpace)).smallest(op, null, wanted);
            case "lobpcg" -> new Lobpcg(Lobpcg.Options.defaults().withTolerance(tolerance).withNullSpace(nullSpace))
                    .smallest(op, null, wanted);
            default -> throw new IllegalArgumentException("--solver must be auto, dense, lanczos or lobpcg, not '"
                    + solver + "'");
        };
        return r.orThrow();
    }

    private static EigenResult firstPairs(EigenResult all, int k) {
        DMatrixRMaj v = all.eigenvectors(null);
        DMatrixRMaj first = new DMatrixRMaj(v.numRows, k);
        org.ejml.dense.row.CommonOps_DDRM.extract(v, 0, v.numRows, 0, k, first, 0, 0);
        return new EigenResult(java.util.Arrays.copyOf(all.eigenvalues(), k), first,
                java.util.Arrays.copyOf(all.residualNorms(), k), all.iterations(), all.operatorApplications(),
                all.wallTime(), all.converged(), all.solver());
    }

    private void print(PrintWriter out, EigenResult r, Eigenspaces spaces, Normalization kind, int n,
            boolean partial) {
        double seconds = r.wallTime().toNanos() / 1e9;
        switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> {
                out.printf(Locale.ROOT, "%s: n=%d, L_%s, %d eigenpairs by %s in %.3f s; max residual %.2e%n",
                        input.file, n, kind.shortName(), r.count(), r.solver(), seconds, r.maxResidualNorm());
                out.printf(Locale.ROOT, "%6s %22s %6s %12s %12s%n", "first", "eigenvalue", "mult", "gap to next",
                        "max resid");
                for (int gi = 0; gi < spaces.count(); gi++) {
                    Eigenspaces.Group grp = spaces.group(gi);
                    double worst = 0;
                    for (int i = grp.first(); i < grp.end(); i++) {
                        worst = Math.max(worst, r.residualNorm(i));
                    }
                    boolean last = gi == spaces.count() - 1;
                    out.printf(Locale.ROOT, "%6d %22.15g %6s %12s %12.2e%n", grp.first(), grp.value(),
                            grp.multiplicity() + (last && partial ? "+?" : ""),
                            last ? "" : String.format(Locale.ROOT, "%.4g", spaces.gap(gi)), worst);
                }
                if (partial) {
                    out.println("(the last group may continue beyond the pairs computed)");
                }
            }
            case "json" -> {
                StringBuilder b = new StringBuilder();
                b.append(String.format(Locale.ROOT, "{\"file\": %s, \"n\": %d, \"laplacian\": \"%s\", \"solver\": %s, "
                        + "\"seconds\": %.6f, \"converged\": %b, \"iterations\": %d, \"operator_applications\": %d, ",
                        Json.string(input.file.toString()), n, kind.shortName(), Json.string(r.solver()), seconds,
                        r.converged(), r.iterations(), r.operatorApplications()));
                b.append("\"eigenvalues\": ").append(array(r.eigenvalues()));
                b.append(", \"residuals\": ").append(array(r.residualNorms()));
                b.append(", \"multiplicities\": ").append(java.util.Arrays.toString(spaces.multiplicities()));
                b.append(", \"group_values\": ").append(array(spaces.groups().stream()
                        .mapToDouble(Eigenspaces.Group::value).toArray()));
                b.append(", \"gaps\": ").append(array(spaces.gaps())).append("}");
                out.println(b);
            }
            case "csv" -> {
                out.println("index,eigenvalue,residual,group,multiplicity");
                for (int i = 0; i < r.count(); i++) {
                    int gi = spaces.groupOf(i);
                    out.printf(Locale.ROOT, "%d,%s,%s,%d,%d%n", i, Json.number(r.eigenvalue(i)),
                            Json.number(r.residualNorm(i)), gi, spaces.group(gi).multiplicity());
                }
            }
            default -> throw new IllegalArgumentException("--format must be text, json or csv, not '" + format + "'");
        }
        out.flush();
    }

    private static String array(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(Json.number(values[i]));
        }
        return b.append(']').toString();
    }

    private void writeVectors(IndexedGraph<String> ig, DMatrixRMaj v) throws java.io.IOException {
        AtomicFiles.write(vectors, w -> {
            StringBuilder header = new StringBuilder("vertex");
            for (int c = 0; c < v.numCols; c++) {
                header.append(",v").append(c);
            }
            w.write(header.append('\n').toString());
            for (int i = 0; i < v.numRows; i++) {
                StringBuilder row = new StringBuilder(csvField(ig.order().vertex(i)));
                for (int c = 0; c < v.numCols; c++) {
                    row.append(',').append(Json.number(v.get(i, c)));
                }
                w.write(row.append('\n').toString());
            }
        });
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
