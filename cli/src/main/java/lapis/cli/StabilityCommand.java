package lapis.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import lapis.experiments.stability.GraphStability;
import lapis.experiments.stability.GraphStability.Row;
import lapis.experiments.stability.GraphStability.Subject;
import lapis.experiments.stability.PointStability;
import lapis.experiments.zinc.ZincSamples;
import lapis.encodings.fixed.LapPe;
import lapis.encodings.stability.EncodingStability;
import lapis.encodings.stability.StabilitySummary;
import lapis.experiments.zinc.ModelConfig;
import lapis.experiments.zinc.PeKind;
import lapis.experiments.zinc.TrainedRun;
import lapis.experiments.zinc.Trainer;
import lapis.experiments.zinc.ZincModel;
import lapis.graph.Graph;
import lapis.graph.GraphOptions;
import lapis.graph.GraphSample;
import lapis.graph.io.AtomicFiles;
import lapis.graph.io.Csv;
import lapis.graph.io.GraphFormat;
import lapis.graph.io.GraphReader;
import lapis.nn.DType;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lapis stability}: how positional encodings change under seeded perturbations of graphs with a known node
 * correspondence, against ||dL||, the eigengap and SPE's stability bound (issue 8); point clouds go to
 * {@link PointStability}.
 */
@Command(name = "stability", mixinStandardHelpOptions = true,
        description = {"Perturbation stability of positional encodings (graphs) or of Laplacian eigenbases (point "
                + "clouds). For each graph and level: apply the seeded perturbation, then per encoding "
                + "||dL||_F (L_sym), ||PE(G) - P^T PE(G')||_F, for LapPE also after the best sign per eigenvector "
                + "and after the best orthogonal map per eigenspace, the smallest eigengap among the eigenvalues the "
                + "encoding reads, the ratios ||dPE||/||dL|| and ||dPE||/sqrt(||dL||), and for SPE the right-hand "
                + "side of its stability bound (Lipschitz constants = products of spectral norms of the weights) and"
                + " whether it holds.",
            "Point clouds: the first --eigenpairs functions of a basis (--basis: the eigenvectors of the Gaussian kNN"
                + " graph's L_sym, a learned spectral basis retrained on each perturbed cloud, or a mesh's cotangent "
                + "eigenvectors), compared per eigenspace by principal angles against the eigengap; outputs "
                + "points.csv, points-summary.csv and two PNGs.",
            "Writes to --out: stability.csv (a row per graph x level x encoding), summary.csv and summary.md "
                + "(median and 95th percentile of each ratio, fraction within the bound), change-vs-dL.png and "
                + "instability-vs-gap.png. node-permute is the control: equivariant encodings change by round-off "
                + "only."})
final class StabilityCommand implements Callable<Integer> {
    @Option(names = "--dataset", defaultValue = "zinc", description = "zinc (test split first, then validation and"
            + " train), a graph file or a directory of graph files, or a point cloud: sphere:N, a bundled mesh "
            + "(sphere-mesh, spot, bunny, kitten) or a mesh/point file (.off .obj .ply .xyz) (default: "
            + "${DEFAULT-VALUE}).")
    private String dataset;

    @Option(names = "--pe", defaultValue = "lappe,signnet,spe,rwse", split = ",", description = "Encodings with "
            + "seeded untrained weights: lappe, rwse, signnet, spe, pearl (default: ${DEFAULT-VALUE}).")
    private List<String> pes;

    @Option(names = "--checkpoint", description = "A 'lapis train zinc' run directory whose trained encoding "
            + "(best validation epoch) is measured too, labelled pe@run; repeatable.")
    private List<Path> checkpoints = new ArrayList<>();

    @Option(names = "--recalibrate-bn", defaultValue = "16", description = "Trained models: first set their batch "
            + "norms' statistics to those of this many ZINC training batches (precise batch norm; 0 keeps the "
            + "stored ones) (default: ${DEFAULT-VALUE}).")
    private int recalibrateBn;

    @Option(names = "--checkpoint-file", defaultValue = "best", description = "Which checkpoint of each --checkpoint "
            + "run: best or last (default: ${DEFAULT-VALUE}).")
    private String checkpointFile;

    @Option(names = "--rho", defaultValue = "reference", description = "Sizes of the untrained SPE rho / SignNet "
            + "phi: reference (8 x 128) or light (4 x 64) (default: ${DEFAULT-VALUE}).")
    private String rho;

    @Option(names = "--dtype", defaultValue = "f32", description = "Precision of the untrained models: f32 or f64 "
            + "(default: ${DEFAULT-VALUE}).")
    private String dtype;

    @Option(names = "--perturb", description = "Graphs: edge-drop or edge-add (weight 1) of a fraction = level of "
            + "the edges (at least one), edge-reweight (every edge w(1 + level u), u uniform in [-1, 1]), or "
            + "node-permute (the control; levels ignored). Points: noise (std = level x RMS radius), drop (a fraction"
            + " = level of the points) or resample (sphere:N only) (default: edge-drop for graphs, noise for points).")
    private String perturb;

    @Option(names = "--levels", split = ",", description = "Perturbation levels (defaults: 0.01,0.02,0.05,0.1 for "
            + "graphs; noise 0.001,0.003,0.01,0.03; drop 0.05).")
    private double[] levels;

    @Option(names = "--plot-scale", defaultValue = "relative", description = "y of the plots: relative "
            + "(||dPE|| / ||PE(G)||, which compares encodings of different magnitudes, trained or not) or absolute "
            + "(||dPE||) (default: ${DEFAULT-VALUE}).")
    private String plotScale;

    @Option(names = "--graphs", defaultValue = "1000", description = "Graphs to perturb (default: ${DEFAULT-VALUE}).")
    private int graphs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the perturbations and of the untrained "
            + "weights (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private ThreadsOption threadsOption;

    @Option(names = "--neighbours", defaultValue = "10", description = "Points: neighbours of the kNN graph (default: "
            + "${DEFAULT-VALUE}).")
    private int neighbours;

    @Option(names = "--eigenpairs", defaultValue = "16", description = "Points: smallest eigenpairs compared "
            + "(default: ${DEFAULT-VALUE}).")
    private int eigenpairs;

    @Option(names = "--basis", defaultValue = "knn", description = "Points: the basis measured, knn (eigenvectors"
            + " of the kNN graph's L_sym), learned (lapis basis's method, retrained with the same seed on every "
            + "perturbed cloud) or cotangent (meshes, noise only), or a comma list such as knn,learned: one CSV and one "
            + "plot with a series per basis and level (default: ${DEFAULT-VALUE}).")
    private String basis;

    @Option(names = "--basis-steps", defaultValue = "1000", description = "Points, --basis learned: training steps "
            + "per basis (default: ${DEFAULT-VALUE}).")
    private int basisSteps;

    @Option(names = "--group-tolerance", description = "Points: relative tolerance that groups eigenvalues into "
            + "eigenspaces (default: 0.2 for sphere:N, whose sampling splits each multiplicity 2l+1 by up to ~13%; "
            + "0.02 for meshes and files).")
    private Double groupTolerance;

    @Option(names = "--no-cache", description = "Parse the bundled ZINC afresh instead of reading the cache in "
            + "the user's home.")
    private boolean noCache;

    @Option(names = "--out", required = true, description = "Output directory.")
    private Path out;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException, ExecutionException {
        PrintWriter o = spec.commandLine().getOut();
        if (!List.of("relative", "absolute").contains(plotScale)) {
            throw new IllegalArgumentException("--plot-scale must be relative or absolute, not '" + plotScale + "'");
        }
        if (PointStability.isPointDataset(dataset)) {
            PointStabilityOutput.run(new PointStability.Options(dataset, perturb == null ? "noise" : perturb, levels,
                    neighbours, eigenpairs, groupTolerance != null ? groupTolerance
                    : PointStability.defaultGroupTolerance(dataset), seed, out, threadsOption.get(), basis,
                    basisSteps), o);
            return 0;
        }
        if (graphs < 1) {
            throw new IllegalArgumentException("--graphs must be >= 1, got " + graphs);
        }
        perturb = perturb == null ? "edge-drop" : perturb.toLowerCase(Locale.ROOT);
        String kind = perturb;
        double[] lv = GraphStability.levels(kind, levels);
        List<Subject> subjects = subjects();
        List<Graph> gs = loadGraphs();
        Files.createDirectories(out);
        o.printf(Locale.ROOT, "lapis stability: %d graphs from %s, %s at levels %s, encodings %s, seed %d -> %s%n",
                gs.size(), dataset, kind, Arrays.toString(lv), subjects.stream().map(Subject::label).toList(), seed,
                out);
        o.flush();
        List<Row> rows;
        try (ProgressBarListener bar = new ProgressBarListener()) {
            rows = GraphStability.measure(gs, subjects, kind, lv, seed, threadsOption.get(), bar);
        }
        writeCsv(rows);
        Map<GraphStability.Key, StabilitySummary> summaries = summarise(rows, subjects, lv);
        String table = table(summaries);
        AtomicFiles.write(out.resolve("summary.md"), w -> w.write(table));
        o.print(table);
        List<Path> written = new ArrayList<>(List.of(out.resolve("stability.csv"), out.resolve("summary.csv"),
                out.resolve("summary.md")));
        if (kind.equals("node-permute")) {
            o.println("node-permute is the control (||dL|| = 0): read max dPE/PE, which is round-off for an "
                    + "equivariant encoding; no log-log plots.");
        } else {
            written.addAll(plots(rows, subjects));
        }
        o.printf(Locale.ROOT, "wrote %s%n", String.join(", ", written.stream().map(Path::toString).toList()));
        o.flush();
        return 0;
    }

    private List<Subject> subjects() throws IOException {
        List<Subject> s = new ArrayList<>();
        DType type = ModelOptions.dtype(dtype);
        int[] r = ModelOptions.rhoSizes(rho);
        for (String name : pes) {
            PeKind k = PeKind.parse(name.strip());
            if (k == PeKind.NONE) {
                throw new IllegalArgumentException("--pe none has no encoding to measure");
            }
            ModelConfig c = ModelConfig.zinc(k).withDtype(type);
            c = c.withSpe(c.spe().withRho(r[0], r[1], r[2])).withSignNet(c.signNet().withPhi(r[0], r[1], r[2]));
            s.add(new Subject(k.label(), new ZincModel(c, seed).encoding(), GraphStability.roundOff(type)));
        }
        if (!checkpointFile.equals("best") && !checkpointFile.equals("last")) {
            throw new IllegalArgumentException("--checkpoint-file must be best or last, not '" + checkpointFile + "'");
        }
        List<GraphSample> train = checkpoints.isEmpty() || recalibrateBn == 0 ? List.of()
                : ZincSamples.load(!noCache).train();
        for (Path run : checkpoints) {
            Path file = run.resolve(checkpointFile + ".ckpt");
            if (!Files.exists(file)) {
                throw new IllegalArgumentException(run + " is not a lapis train run (no " + file.getFileName() + ")");
            }
            ZincModel m = TrainedRun.load(run, file, train, recalibrateBn, threadsOption.get());
            if (m.config().pe() == PeKind.NONE) {
                throw new IllegalArgumentException(run + " was trained without a positional encoding");
            }
            s.add(new Subject(m.config().pe().label() + "@" + run.getFileName(), m.encoding(),
                    GraphStability.roundOff(m.config().dtype())));
        }
        return s;
    }

    private List<Graph> loadGraphs() throws IOException {
        List<Graph> gs = new ArrayList<>();
        if (dataset.equalsIgnoreCase("zinc")) {
            ZincSamples.Split z = ZincSamples.load(!noCache);
            for (List<GraphSample> part : List.of(z.test(), z.validation(), z.train())) {
                for (GraphSample s : part) {
                    if (gs.size() < graphs) {
                        gs.add(s.graph());
                    }
                }
            }
            return gs;
        }
        Path p = Path.of(dataset);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("--dataset " + dataset + ": no such file or directory (zinc, a graph "
                    + "file, a directory of graph files, sphere:N or a mesh)");
        }
        List<Path> files;
        if (Files.isDirectory(p)) {
            try (Stream<Path> list = Files.list(p)) {
                files = list.filter(Files::isRegularFile).sorted().toList();
            }
        } else {
            files = List.of(p);
        }
        GraphReader reader = new GraphReader(GraphOptions.defaults());
        for (Path f : files) {
            if (gs.size() < graphs) {
                gs.add(reader.read(f, (GraphFormat) null).graph());
            }
        }
        if (gs.isEmpty()) {
            throw new IllegalArgumentException("--dataset " + dataset + " holds no graph files");
        }
        return gs;
    }

    private void writeCsv(List<Row> rows) throws IOException {
        String kind = perturb;
        AtomicFiles.write(out.resolve("stability.csv"), w -> {
            CSVPrinter p = Csv.printer(w, "graph", "nodes", "edges", "perturbation", "level", "pe",
                    "laplacian_distance", "encoding_distance", "encoding_norm", "relative_distance",
                    "sign_aligned_distance", "basis_aligned_distance", "eigengap", "ratio", "sqrt_ratio",
                    "aligned_ratio", "bound", "bound_holds");
            for (Row r : rows) {
                EncodingStability.Measurement m = r.m();
                double aligned = m.laplacianDistance() > 0 ? m.basisAlignedDistance() / m.laplacianDistance()
                        : Double.NaN;
                p.printRecord(r.graph(), r.nodes(), r.edges(), kind, num(r.level()), r.label(),
                        num(m.laplacianDistance()), num(m.encodingDistance()), num(m.encodingNorm()),
                        num(m.relativeDistance()), num(m.signAlignedDistance()), num(m.basisAlignedDistance()),
                        num(m.eigengap()), num(m.ratio()), num(m.sqrtRatio()), num(aligned), num(m.bound()),
                        Double.isNaN(m.bound()) ? "" : String.valueOf(m.boundHolds(r.roundOff())));
            }
            p.flush();
        });
    }

    /** A CSV number with 8 significant digits ({@link Csv#number(double, int)}: NaN is an empty cell). */
    private static String num(double x) {
        return Csv.number(x, 8);
    }

    private Map<GraphStability.Key, StabilitySummary> summarise(List<Row> rows, List<Subject> subjects,
            double[] lv) throws IOException {
        Map<GraphStability.Key, StabilitySummary> out1 = GraphStability.summarise(rows, subjects, lv);
        AtomicFiles.write(out.resolve("summary.csv"), w -> {
            CSVPrinter p = Csv.printer(w, "pe", "level", "pairs", "median_ratio", "p95_ratio", "median_sqrt_ratio",
                    "p95_sqrt_ratio", "median_aligned_ratio", "p95_aligned_ratio", "median_relative_distance",
                    "max_relative_distance", "bound_holds_fraction", "median_bound_slack");
            for (Map.Entry<GraphStability.Key, StabilitySummary> e : out1.entrySet()) {
                StabilitySummary s = e.getValue();
                p.printRecord(e.getKey().label(), level(e.getKey()), s.pairs(), num(s.medianRatio()), num(s.p95Ratio()),
                        num(s.medianSqrtRatio()), num(s.p95SqrtRatio()), num(s.medianAlignedRatio()),
                        num(s.p95AlignedRatio()), num(s.medianRelativeDistance()), num(s.maxRelativeDistance()),
                        num(s.boundFraction()), num(s.medianBoundSlack()));
            }
            p.flush();
        });
        return out1;
    }

    /** The summary as a Markdown table. */
    private static String table(Map<GraphStability.Key, StabilitySummary> summaries) {
        StringBuilder b = new StringBuilder();
        b.append("| pe | level | pairs | dPE/dL median | p95 | dPE/sqrt(dL) median | p95 | LapPE aligned dPE/dL "
                + "median | p95 | dPE/PE median | max | within SPE bound | bound/dPE median |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<GraphStability.Key, StabilitySummary> e : summaries.entrySet()) {
            StabilitySummary s = e.getValue();
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    e.getKey().label(), level(e.getKey()), s.pairs(), cell(s.medianRatio()), cell(s.p95Ratio()), cell(s.medianSqrtRatio()),
                    cell(s.p95SqrtRatio()), cell(s.medianAlignedRatio()), cell(s.p95AlignedRatio()),
                    cell(s.medianRelativeDistance()), cell(s.maxRelativeDistance()), Double.isNaN(s.boundFraction())
                            ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * s.boundFraction()),
                    cell(s.medianBoundSlack())));
        }
        return b.toString();
    }

    /** A summary's level as the tables print it. */
    private static String level(GraphStability.Key key) {
        return Numbers.compact(key.level(), 6);
    }

    private static String cell(double x) {
        return Double.isNaN(x) ? "-" : Numbers.compact(x, 3);
    }

    /**
     * Draws the two log-log plots; returns the files written. Each series keeps its colour in both plots; LapPE's
     * basis-aligned distance is a series of its own, drawn with diamonds.
     */
    private List<Path> plots(List<Row> rows, List<Subject> subjects) throws IOException {
        boolean relative = plotScale.equals("relative");
        String dpe = relative ? "||dPE|| / ||PE(G)||" : "||PE(G) - P^T PE(G')||_F";
        XYChart change = Plots.chart("Encoding change against Laplacian change (" + perturb + ")", "||dL||_F", dpe);
        XYChart gap = Plots.chart("Instability against the smallest eigengap (" + perturb + ")",
                "smallest eigengap among the eigenvalues used", "(" + dpe + ") / ||dL||_F");
        int series = 0;
        for (Subject sub : subjects) {
            Color colour = Plots.colour(series++);
            boolean lap = sub.encoding() instanceof LapPe;
            Color alignedColour = lap ? Plots.colour(series++) : colour;
            ToDoubleFunction<Row> raw = r -> scaled(r.m().encodingDistance(), r, relative);
            ToDoubleFunction<Row> aligned = r -> scaled(r.m().basisAlignedDistance(), r, relative);
            scatter(change, sub.label(), rows, sub.label(), r -> r.m().laplacianDistance(), raw, colour,
                    SeriesMarkers.CIRCLE);
            if (lap) {
                scatter(change, sub.label() + " (basis-aligned)", rows, sub.label(), r -> r.m().laplacianDistance(),
                        aligned, alignedColour, SeriesMarkers.DIAMOND);
            }
            ToDoubleFunction<Row> y = lap ? aligned : raw;
            scatter(gap, lap ? sub.label() + " (basis-aligned)" : sub.label(), rows, sub.label(),
                    r -> r.m().eigengap(), r -> y.applyAsDouble(r) / r.m().laplacianDistance(), alignedColour,
                    lap ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
        }
        for (XYChart c : List.of(change, gap)) {
            c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            c.getStyler().setMarkerSize(4);
            c.getStyler().setXAxisLogarithmic(true);
            c.getStyler().setYAxisLogarithmic(true);
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        }
        List<Path> written = new ArrayList<>();
        if (!change.getSeriesMap().isEmpty()) {
            written.add(out.resolve("change-vs-dL.png"));
            Plots.savePng(change, written.get(written.size() - 1));
        }
        if (!gap.getSeriesMap().isEmpty()) {
            written.add(out.resolve("instability-vs-gap.png"));
            Plots.savePng(gap, written.get(written.size() - 1));
        }
        return written;
    }

    /** A distance divided by ||PE(G)|| when {@code relative}. */
    private static double scaled(double distance, Row r, boolean relative) {
        return relative ? distance / r.m().encodingNorm() : distance;
    }

    /** Adds the rows of one encoding with positive finite x and y (a log-log plot cannot show the others). */
    private static void scatter(XYChart chart, String name, List<Row> rows, String label, ToDoubleFunction<Row> x,
                                ToDoubleFunction<Row> y, Color colour, Marker marker) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Row r : rows) {
            double a = x.applyAsDouble(r);
            double b = y.applyAsDouble(r);
            if (r.label().equals(label) && a > 0 && b > 0 && Double.isFinite(a) && Double.isFinite(b)) {
                xs.add(a);
                ys.add(b);
            }
        }
        if (!xs.isEmpty()) {
            XYSeries series = chart.addSeries(name, xs, ys);
            series.setMarker(marker);
            series.setMarkerColor(colour);
        }
    }
}
