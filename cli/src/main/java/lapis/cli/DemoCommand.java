package lapis.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lapis.graph.ConnectedComponents;
import lapis.graph.Graph;
import lapis.graph.GraphOptions;
import lapis.graph.JGraphTGraphs;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.dense.SymmetricEigen;
import lapis.spectral.subspace.Eigenspaces;
import org.jgrapht.generate.GridGraphGenerator;
import org.jgrapht.generate.HyperCubeGraphGenerator;
import org.jgrapht.generate.NamedGraphGenerator;
import org.jgrapht.generate.RingGraphGenerator;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.jgrapht.util.SupplierUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis demo}: the main job, a tour of what Lapis computes, in seconds. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job in about three minutes: Laplacian spectra of classic graphs next to their closed "
                + "forms (eigenvalues grouped by multiplicity, the zero eigenvalue once per connected component), "
                + "a learned spectral basis of the sphere (lapis basis, about a minute) with its cosines against the "
                + "spherical harmonics, then GINE trained on a ZINC subset without a positional encoding and with SPE (light rho), "
                + "their MAEs side by side and both learning curves in OUT/curves.png."})
final class DemoCommand implements Callable<Integer> {
    private static final double ZERO = 1e-12;
    private static final int SPHERE_POINTS = 2000;


    @Option(names = "--out", defaultValue = "lapis-demo", paramLabel = "DIR",
            description = "Folder for the sphere basis, the two training runs and curves.png (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--subset", defaultValue = "2000", description = "Training molecules (default: "
            + "${DEFAULT-VALUE}; validation and test use a quarter as many).")
    private int subset;

    @Option(names = "--epochs", defaultValue = "6", description = "Epochs per run (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--basis-steps", defaultValue = "1200", description = "Training steps of the sphere basis "
            + "(default: ${DEFAULT-VALUE}).")
    private int basisSteps;

    @Option(names = "--spectra-only", description = "Show the spectra and skip the basis and the training.")
    private boolean spectraOnly;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Lapis demo: combinatorial Laplacian spectra L = D - A, as eigenvalue x multiplicity");
        out.println();
        for (Example e : examples()) {
            Graph g = JGraphTGraphs.fromJGraphT(e.graph, GraphOptions.defaults()).graph();
            double[] values = SymmetricEigen.eigenvalues(Laplacian.of(g, Normalization.COMBINATORIAL).toDense());
            out.printf(Locale.ROOT, "%-28s n=%-3d edges=%-3d components=%d%n", e.name, g.vertexCount(),
                    g.edgeCount(), ConnectedComponents.of(g).count());
            out.printf(Locale.ROOT, "  computed     %s%n", grouped(values));
            out.printf(Locale.ROOT, "  closed form  %s%n", e.closedForm);
            out.println();
        }
        out.flush();
        if (!spectraOnly) {
            sphereBasis(out);
            train(out);
        }
        return 0;
    }

    /**
     * A learned spectral basis of the sphere through {@code lapis basis}: {@value #SPHERE_POINTS} uniform points,
     * K = 16 (l <= 3), its eigenspace cosines against the spherical harmonics printed by the command. A basis left
     * by an earlier demo (its folder holds model.lapisbasis) is replaced.
     */
    private void sphereBasis(PrintWriter out) throws IOException {
        Path run = this.out.resolve("sphere-basis");
        if (Files.isRegularFile(run.resolve("model.lapisbasis"))) {
            try (var s = Files.walk(run)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        out.printf(Locale.ROOT, "Learning 16 Laplace-Beltrami eigenfunctions of the unit sphere from %d points "
                + "(diffusion probes, no eigensolver), %d steps...%n", SPHERE_POINTS, basisSteps);
        out.flush();
        CommandLine basis = new CommandLine(new BasisCommand());
        basis.setOut(out);
        basis.setErr(spec.commandLine().getErr());
        basis.setExecutionExceptionHandler(new ErrorHandler());
        int code = basis.execute("--points", "sphere:" + SPHERE_POINTS, "--k", "16", "--epochs",
                Integer.toString(basisSteps), "--out", run.toString());
        if (code != 0) {
            throw new IllegalStateException("lapis basis failed with exit code " + code);
        }
        out.println("(eigenspace_cos: per l = 0..3, the mean cosine of the principal angles between the learned "
                + "functions and the spherical harmonics; 1 is exact)");
        out.println();
        out.flush();
    }

    /** Trains no-PE and SPE runs through {@code lapis train zinc} and draws their validation curves together. */
    private void train(PrintWriter out) throws IOException {
        String[] pes = {"none", "spe"};
        XYChart chart = Plots.chart("ZINC subset: validation MAE (" + subset + " training molecules)", "epoch",
                "validation MAE");
        for (String pe : pes) {
            Path run = this.out.resolve(pe);
            out.printf(Locale.ROOT, "Training GINE with --pe %s on %d ZINC molecules for %d epochs...%n", pe, subset,
                    epochs);
            out.flush();
            CommandLine train = new CommandLine(new TrainCommand());
            train.setOut(out);
            train.setErr(spec.commandLine().getErr());
            train.setExecutionExceptionHandler(new ErrorHandler());
            int code = train.execute("zinc", "--pe", pe, "--rho", "light", "--subset", Integer.toString(subset),
                    "--eval-subset", Integer.toString(Math.max(1, subset / 4)), "--epochs", Integer.toString(epochs),
                    "--warmup", "10",
                    "--out", run.toString());
            if (code != 0) {
                throw new IllegalStateException("training with --pe " + pe + " failed with exit code " + code);
            }
            List<double[]> rows = TrainCommand.readEpochs(run.resolve("epochs.csv"));
            double[] x = rows.stream().mapToDouble(f -> f[0]).toArray();
            double[] y = rows.stream().mapToDouble(f -> f[4]).toArray();
            chart.addSeries(pe.equals("none") ? "no PE" : "SPE", x, y);
            out.println();
        }
        Path png = this.out.resolve("curves.png");
        Plots.savePng(chart, png);
        out.printf(Locale.ROOT, "Learning curves of both runs: %s (each run's folder has epochs.csv, best.ckpt and "
                + "summary.json; 'lapis eval %s' reloads one).%n", png, this.out.resolve("spe"));
        out.flush();
    }

    private record Example(String name, SimpleWeightedGraph<Integer, DefaultWeightedEdge> graph, String closedForm) {
    }

    private static List<Example> examples() {
        List<Example> list = new ArrayList<>();
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> petersen = empty();
        new NamedGraphGenerator<Integer, DefaultWeightedEdge>().generatePetersenGraph(petersen);
        list.add(new Example("Petersen graph", petersen, "0, 2 x5, 5 x4"));
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> cycle = empty();
        new RingGraphGenerator<Integer, DefaultWeightedEdge>(8).generateGraph(cycle);
        list.add(new Example("cycle C_8", cycle, "2 - 2cos(2 pi k/8): 0, 0.5858 x2, 2 x2, 3.414 x2, 4"));
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> cube = empty();
        new HyperCubeGraphGenerator<Integer, DefaultWeightedEdge>(4).generateGraph(cube);
        list.add(new Example("hypercube Q_4", cube, "2i x C(4,i): 0, 2 x4, 4 x6, 6 x4, 8"));
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> grid = empty();
        new GridGraphGenerator<Integer, DefaultWeightedEdge>(3, 3).generateGraph(grid);
        list.add(new Example("grid 3 x 3", grid, "sums of path P_3 values {0, 1, 3}: 0, 1 x2, 2, 3 x2, 4 x2, 6"));
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> two = empty();
        new RingGraphGenerator<Integer, DefaultWeightedEdge>(4).generateGraph(two);
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> other = empty();
        new RingGraphGenerator<Integer, DefaultWeightedEdge>(3).generateGraph(other);
        org.jgrapht.Graphs.addGraph(two, shifted(other, 4));
        list.add(new Example("C_4 + C_3 (disconnected)", two, "0 x2 (two components), 2 x2, 3 x2, 4"));
        return list;
    }

    private static SimpleWeightedGraph<Integer, DefaultWeightedEdge> shifted(
            SimpleWeightedGraph<Integer, DefaultWeightedEdge> g, int by) {
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> s = empty();
        g.vertexSet().forEach(v -> s.addVertex(v + by));
        g.edgeSet().forEach(e -> s.addEdge(g.getEdgeSource(e) + by, g.getEdgeTarget(e) + by));
        return s;
    }

    private static SimpleWeightedGraph<Integer, DefaultWeightedEdge> empty() {
        return new SimpleWeightedGraph<>(SupplierUtil.createIntegerSupplier(),
                SupplierUtil.createDefaultWeightedEdgeSupplier());
    }


    private static String grouped(double[] ascending) {
        StringBuilder b = new StringBuilder();
        for (Eigenspaces.Group group : Eigenspaces.of(ascending).groups()) {
            double v = Math.abs(group.value()) < ZERO ? 0.0 : group.value();
            b.append(b.length() == 0 ? "" : ", ").append(Numbers.compact(v, 4));
            if (group.multiplicity() > 1) {
                b.append(" x").append(group.multiplicity());
            }
        }
        return b.toString();
    }
}
