package lapis.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import lapis.datasets.mesh.MeshFormat;
import lapis.datasets.mesh.MeshReader;
import lapis.graph.ConnectedComponents;
import lapis.graph.Graph;
import lapis.graph.IndexedGraph;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.graph.io.AtomicFiles;
import lapis.graph.io.Csv;
import lapis.graph.io.Json;
import lapis.graph.mesh.CotangentLaplacian;
import lapis.graph.mesh.MassLumping;
import lapis.graph.mesh.MeshLaplacian;
import lapis.graph.mesh.TriangleMesh;
import lapis.spectral.EigenResult;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.dense.SymmetricEigen;
import lapis.spectral.mesh.MeshSpectrum;
import lapis.spectral.op.LaplacianOperator;
import lapis.spectral.sparse.Lobpcg;
import lapis.spectral.sparse.SparseEigensolvers;
import lapis.spectral.sparse.ThickRestartLanczos;
import lapis.spectral.subspace.Eigenspaces;
import org.apache.commons.csv.CSVPrinter;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lapis spectrum FILE}: eigenvalues of a graph Laplacian, or of a triangle mesh's cotangent Laplace-Beltrami
 * operator (L v = lambda M v, {@link MeshSpectrum}), with multiplicities, gaps and residuals. A mesh is known by its
 * extension (.off, .obj, .ply) or by {@code --input-format off|obj|ply}; {@code --input-format} names the file's
 * format for graphs and meshes alike, and {@code --format} the output.
 */
@Command(name = "spectrum", mixinStandardHelpOptions = true,
        description = {"Eigenvalues of a graph's Laplacian, ascending, grouped into eigenspaces (values within a "
                + "relative 1e-8 share one; the multiplicity of 0 is the number of components), with the gaps "
                + "between groups, each pair's residual ||L v - lambda v||, the solver and the time.",
            "Small graphs (n <= " + SpectrumCommand.DENSE_LIMIT + ") and requests for all pairs use the dense "
                + "solver (all pairs unless -k); larger ones shift-invert Lanczos with a sparse Cholesky factorisation (-k pairs, default "
                + SpectrumCommand.DEFAULT_SPARSE_K + "), deflating the null space known in closed form.",
            "rw: L_rw = I - D^-1 A has the eigenvalues of sym; its right eigenvectors are D^-1/2 v_sym, written "
                + "unnormalised.",
            "A triangle mesh (FILE.off, .obj or .ply, or --input-format off|obj|ply) gives the spectrum of its "
                + "cotangent Laplace-Beltrami operator instead: the generalised problem L v = lambda M v, L the "
                + "cotangent stiffness matrix and M the diagonal lumped mass (--mass), with M-orthonormal "
                + "eigenvectors and residuals ||L v - lambda M v||. 0 has the multiplicity of the mesh's connected "
                + "components; the dense solver (same rule as for graphs) works on M^-1/2 L M^-1/2 and maps back "
                + "v = M^-1/2 w; the sparse ones deflate the components' constant vectors. On the unit sphere the "
                + "eigenvalues approach l(l+1), 2l+1 times.",
            "Example: lapis spectrum examples/petersen.graphml --format json",
            "Example: lapis spectrum spot.obj -k 20 --vectors spot-vectors.csv (spot.obj and bunny.off are in "
                + "datasets/src/main/resources/lapis/datasets/meshes)"})
final class SpectrumCommand implements Callable<Integer> {
    static final int DENSE_LIMIT = 1000;
    static final int DEFAULT_SPARSE_K = 10;

    @Mixin
    private GraphInput.WithOutputFormat input;

    @Option(names = "-k", paramLabel = "K", description = "How many of the smallest eigenpairs (default: all for "
            + "n <= " + DENSE_LIMIT + ", else " + DEFAULT_SPARSE_K + ").")
    private Integer k;

    @Option(names = "--laplacian", defaultValue = "sym", paramLabel = "KIND",
            description = "Graphs: comb, sym or rw (default: ${DEFAULT-VALUE}).")
    private String kind;

    @Option(names = "--mass", defaultValue = "lumped", paramLabel = "LUMPING",
            description = "Meshes: the lumped mass M, lumped (the default: the mixed Voronoi areas of Meyer et "
                    + "al. 2003, as in libigl), voronoi (the same) or barycentric (area/3 to each corner).")
    private String mass;

    @Option(names = "--solver", defaultValue = "auto", description = "auto, dense, lanczos or lobpcg (default: "
            + "${DEFAULT-VALUE}).")
    private String solver;

    @Option(names = "--tolerance", defaultValue = "1e-10", description = "Relative residual tolerance of the sparse "
            + "solvers (default: ${DEFAULT-VALUE}).")
    private double tolerance;

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--vectors", paramLabel = "OUT.csv", description = "Write the eigenvectors: one row per vertex "
            + "(its name first; a mesh vertex's 0-based index), one column per eigenpair.")
    private Path vectors;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        MeshFormat meshFormat = meshFormat();
        if (meshFormat != null) {
            return callMesh(meshFormat);
        }
        if (matched("--mass")) {
            throw new IllegalArgumentException("--mass applies to triangle meshes (.off, .obj, .ply); " + input.file
                    + " is read as a graph");
        }
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
        print(spec.commandLine().getOut(), r, spaces, "L_" + normalization.shortName(),
                Map.of("laplacian", normalization.shortName()), n, wanted < n);
        if (vectors != null) {
            writeVectors(v, i -> ig.order().vertex(i));
        }
        return 0;
    }

    /**
     * The mesh path: L v = lambda M v of the cotangent Laplacian. Graph-only options are refused rather than
     * ignored, so that each option keeps one meaning.
     */
    private Integer callMesh(MeshFormat format) throws IOException {
        for (String graphOnly : List.of("--laplacian", "--symmetrize", "--keep-self-loops")) {
            if (matched(graphOnly)) {
                throw new IllegalArgumentException(graphOnly + " applies to graphs; " + input.file + " is a "
                        + "triangle mesh, whose Laplacian is the cotangent one (choose its mass with --mass)");
            }
        }
        MassLumping lumping = lumping(mass);
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("--tolerance must be > 0, got " + tolerance);
        }
        TriangleMesh mesh;
        try (InputStream in = Files.newInputStream(input.file)) {
            mesh = MeshReader.read(in, input.file.toString(), format);
        }
        MeshLaplacian m;
        try {
            m = CotangentLaplacian.of(mesh, lumping);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(input.file + ": " + e.getMessage(), e);
        }
        int n = m.size();
        int wanted = k == null ? (n <= DENSE_LIMIT ? n : Math.min(n, DEFAULT_SPARSE_K)) : k;
        if (wanted < 1 || wanted > n) {
            throw new IllegalArgumentException("-k must be between 1 and the vertex count " + n + ", got " + wanted);
        }
        EigenResult r;
        if (useDense(n, wanted)) {
            EigenResult all = MeshSpectrum.dense(m);
            r = wanted == n ? all : firstPairs(all, wanted);
        } else {
            r = sparse(MeshSpectrum.stiffness(m), MeshSpectrum.mass(m), MeshSpectrum.nullSpace(mesh, m), wanted);
        }
        String name = lumping.name().toLowerCase(Locale.ROOT);
        int f = mesh.triangleCount();
        String problem = f + " triangles, L v = lambda M v (cotangent L, " + name + " mass M)";
        Map<String, Object> problemFields = new LinkedHashMap<>();
        problemFields.put("triangles", f);
        problemFields.put("laplacian", "cotangent");
        problemFields.put("mass", name);
        problemFields.put("problem", "L v = lambda M v");
        print(spec.commandLine().getOut(), r, Eigenspaces.of(r), problem, problemFields, n, wanted < n);
        if (vectors != null) {
            writeVectors(r.eigenvectors(null), Integer::toString);
        }
        return 0;
    }

    /** The mesh format named by --input-format, or else by the file's extension; null for a graph file. */
    private MeshFormat meshFormat() {
        String name = input.file.getFileName() == null ? "" : input.file.getFileName().toString();
        for (MeshFormat f : MeshFormat.values()) {
            boolean named = input.format == null
                    ? name.toLowerCase(Locale.ROOT).endsWith("." + f.extension())
                    : input.format.equalsIgnoreCase(f.extension());
            if (named && f != MeshFormat.XYZ) {
                return f;
            }
        }
        return null;
    }

    private static MassLumping lumping(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "lumped", "voronoi" -> MassLumping.VORONOI;
            case "barycentric" -> MassLumping.BARYCENTRIC;
            default -> throw new IllegalArgumentException("--mass must be lumped, voronoi or barycentric, not '"
                    + name + "'");
        };
    }

    private boolean matched(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private EigenResult solve(Laplacian l, Graph g, int wanted, int n) {
        if (useDense(n, wanted)) {
            EigenResult all = SymmetricEigen.of(l.toDense());
            return wanted == n ? all : firstPairs(all, wanted);
        }
        DMatrixRMaj nullSpace = l.nullSpace(ConnectedComponents.of(g));
        return sparse(LaplacianOperator.of(l), null, nullSpace, wanted);
    }

    /** --solver dense, or auto for n &lt;= DENSE_LIMIT or all pairs. */
    private boolean useDense(int n, int wanted) {
        String choice = solver.toLowerCase(Locale.ROOT);
        return choice.equals("dense") || (choice.equals("auto") && (n <= DENSE_LIMIT || wanted == n));
    }

    /** The k smallest pairs of A v = lambda B v (B null: I) by the sparse solver --solver names. */
    private EigenResult sparse(SymmetricOperator a, SymmetricOperator b, DMatrixRMaj nullSpace, int wanted) {
        EigenResult r = switch (solver.toLowerCase(Locale.ROOT)) {
            case "auto" -> SparseEigensolvers.recommended(a, b, tolerance, nullSpace).smallest(a, b, wanted);
            case "lanczos" -> new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withTolerance(tolerance)
                    .withNullSpace(nullSpace)).smallest(a, b, wanted);
            case "lobpcg" -> new Lobpcg(Lobpcg.Options.defaults().withTolerance(tolerance).withNullSpace(nullSpace))
                    .smallest(a, b, wanted);
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

    /**
     * The report; {@code problem} names the operator in the text header ("L_sym"), {@code problemFields} in the
     * JSON object (its fields after "n").
     */
    private void print(PrintWriter out, EigenResult r, Eigenspaces spaces, String problem,
            Map<String, Object> problemFields, int n, boolean partial) throws IOException {
        double seconds = r.wallTime().toNanos() / 1e9;
        switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> {
                out.printf(Locale.ROOT, "%s: n=%d, %s, %d eigenpairs by %s in %.3f s; max residual %.2e%n",
                        input.file, n, problem, r.count(), r.solver(), seconds, r.maxResidualNorm());
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
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", input.file.toString());
                m.put("n", n);
                m.putAll(problemFields);
                m.put("solver", r.solver());
                m.put("seconds", seconds);
                m.put("converged", r.converged());
                m.put("iterations", r.iterations());
                m.put("operator_applications", r.operatorApplications());
                m.put("eigenvalues", r.eigenvalues());
                m.put("residuals", r.residualNorms());
                m.put("multiplicities", spaces.multiplicities());
                m.put("group_values", spaces.groups().stream().mapToDouble(Eigenspaces.Group::value).toArray());
                m.put("gaps", spaces.gaps());
                out.println(Json.line(m));
            }
            case "csv" -> {
                CSVPrinter csv = Csv.printer(out, "index", "eigenvalue", "residual", "group", "multiplicity");
                for (int i = 0; i < r.count(); i++) {
                    int gi = spaces.groupOf(i);
                    csv.printRecord(i, Csv.number(r.eigenvalue(i)), Csv.number(r.residualNorm(i)), gi,
                            spaces.group(gi).multiplicity());
                }
                csv.flush();
            }
            default -> throw new IllegalArgumentException("--format must be text, json or csv, not '" + format + "'");
        }
        out.flush();
    }

    /** Writes v through a temporary file and a rename; row i starts with label(i). */
    private void writeVectors(DMatrixRMaj v, IntFunction<String> label) throws IOException {
        String[] header = new String[v.numCols + 1];
        header[0] = "vertex";
        for (int c = 0; c < v.numCols; c++) {
            header[c + 1] = "v" + c;
        }
        AtomicFiles.write(vectors, w -> {
            CSVPrinter csv = Csv.printer(w, header);
            for (int i = 0; i < v.numRows; i++) {
                csv.print(label.apply(i));
                for (int c = 0; c < v.numCols; c++) {
                    csv.print(Csv.number(v.get(i, c)));
                }
                csv.println();
            }
            csv.flush();
        });
    }
}
