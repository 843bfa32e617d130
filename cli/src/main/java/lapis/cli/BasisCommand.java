package lapis.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import lapis.experiments.basis.BasisRun;
import lapis.experiments.points.PointInput;
import lapis.bases.CoordinateNetwork;
import lapis.bases.LearnedBasis;
import lapis.bases.SpectralBasisTrainer;
import lapis.graph.io.AtomicFiles;
import lapis.graph.io.Csv;
import lapis.graph.io.Json;
import lapis.nn.Threads;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis basis}: learn a spectral basis of a point set, score it, and write it with its plots. */
@Command(name = "basis", mixinStandardHelpOptions = true, subcommands = BasisEvalCommand.class,
        description = {"Learns K functions that behave like the first K Laplace-Beltrami eigenfunctions of the "
                + "manifold the points were sampled from, with their eigenvalues and (diffusion probes) the sampling "
                + "density, by a coordinate network trained on probe functions: no eigensolver for the basis "
                + "(Velich et al., CVPR 2026). Then scores it against the reference the input has (spherical "
                + "harmonics, a mesh's cotangent Laplacian with lumped mass, or image labels by k-means) next to "
                + "the classical route (kNN graph + sparse solver) on the same points.",
            "Writes to --out: basis.csv (the functions at the evaluation points), eigenvalues.csv, density.csv "
                + "(diffusion probes), metrics.json, model.lapisbasis (reload with the Java API, LearnedBasis.load), "
                + "and eigenvalues.png, cosines.png, loss.png, functions.png (3-D points) or embedding.png (images).",
            "Example: lapis basis --points sphere:4000 --k 25 --epochs 2000 --out sphere-basis",
            "Then: lapis basis eval sphere-basis --points sphere:4000 --seed 2 (the basis at fresh points, scored)."})
final class BasisCommand implements Callable<Integer> {
    @Option(names = "--points", paramLabel = "SPEC", description = "Required: the points, "
            + PointInput.SPECS + ".")
    private String points;

    @Option(names = "--k", defaultValue = "25", description = "K, the number of functions (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--probes", defaultValue = "diffusion", description = "diffusion (smoothed noise on a kNN graph) "
            + "or fourier (random cosines of the coordinates, no graph) (default: ${DEFAULT-VALUE}).")
    private String probes;

    @Option(names = "--epochs", defaultValue = "2000", description = "Training steps, each over all training points "
            + "(default: ${DEFAULT-VALUE}); with --time-budget, the cap.")
    private int epochs;

    @Option(names = "--time-budget", paramLabel = "DURATION", description = "Fit the steps into this wall time "
            + "(e.g. 5m, 90s): the first steps are timed and the learning-rate schedule is stretched to the rest.")
    private String timeBudget;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the sample, the weights and the probes "
            + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--sample", defaultValue = "4000", description = "Train on a farthest-point sample of this many "
            + "points when there are more (default: ${DEFAULT-VALUE}); meshes are scored at all vertices.")
    private int sample;

    @Option(names = "--neighbors", defaultValue = "256", description = "kNN neighbours searched for the diffusion "
            + "(default: ${DEFAULT-VALUE}); the Gaussian's width is chosen from the kernel sums, entries beyond 4 "
            + "widths dropped.")
    private int neighbors;

    @Option(names = "--kernel-width", defaultValue = "0", paramLabel = "W", description = "The Gaussian's width "
            + "as W times the mean distance to the 32nd neighbour (default: 0 = where the log-log slope of the "
            + "kernel sums is largest).")
    private double kernelWidth;

    @Option(names = "--diffusion-steps", defaultValue = "0", description = "T, diffusion steps per probe (default: "
            + "0 = where the K-th captured variance is about e^-4 of the first).")
    private int diffusionSteps;

    @Option(names = "--probe-count", defaultValue = "-1", description = "Probes per step (default: the expectation "
            + "in closed form for diffusion, 256 for fourier).")
    private int probeCount;

    @Option(names = "--hidden", defaultValue = "128", description = "Hidden units (default: ${DEFAULT-VALUE}).")
    private int hidden;

    @Option(names = "--layers", defaultValue = "4", description = "Linear maps of the MLP (default: ${DEFAULT-VALUE}).")
    private int layers;

    @Option(names = "--fourier-features", defaultValue = "64", description = "Fourier frequencies F (default: "
            + "${DEFAULT-VALUE}).")
    private int fourierFeatures;

    @Option(names = "--feature-scale", defaultValue = "1", description = "Standard deviation of the frequencies, "
            + "per unit of root-mean-square radius (default: ${DEFAULT-VALUE}).")
    private double featureScale;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate of AdamW (default: "
            + "${DEFAULT-VALUE}; cosine decay to 1e-5).")
    private double lr;

    @Option(names = "--intrinsic-dim", defaultValue = "2", description = "Intrinsic dimension d, for the calibration "
            + "of eigenvalues (default: ${DEFAULT-VALUE}, a surface).")
    private int intrinsicDim;

    @Option(names = "--cost-points", defaultValue = "0", description = "Sampled spheres: also time evaluating the "
            + "basis at this many fresh points against the kNN route recomputed for them.")
    private int costPoints;

    @Mixin
    private ThreadsOption threadsOption;

    @Option(names = "--out", paramLabel = "DIR", description = "Required: the output directory; must not exist or "
            + "be empty. Written whole or not at all.")
    private Path out;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (points == null || out == null) {
            throw new IllegalArgumentException("lapis basis needs --points SPEC and --out DIR (or the sub-command "
                    + "eval); see lapis basis --help");
        }
        String family = probes.toLowerCase(Locale.ROOT);
        if (!family.equals("diffusion") && !family.equals("fourier")) {
            throw new IllegalArgumentException("--probes must be diffusion or fourier, not '" + probes + "'");
        }
        if (k < 2 || epochs < 1 || sample < 2 || neighbors < 1 || costPoints < 0) {
            throw new IllegalArgumentException("need --k >= 2, --epochs >= 1, --sample >= 2, --neighbors >= 1, "
                    + "--cost-points >= 0");
        }
        requireFreshDirectory(out);
        Duration budget = timeBudget == null ? null : TrainCommand.parseDuration(timeBudget);
        PointInput input = PointInput.load(points, seed);
        CoordinateNetwork.Options net = new CoordinateNetwork.Options(k, fourierFeatures, featureScale, hidden,
                layers);
        SpectralBasisTrainer.Options training = SpectralBasisTrainer.Options.defaults().withSteps(epochs)
                .withTimeBudget(budget).withLearningRate(lr).withSeed(seed).withIntrinsicDimension(intrinsicDim);
        BasisRun.Settings settings = new BasisRun.Settings(family, k, sample, neighbors, kernelWidth, diffusionSteps,
                probeCount, net, training, costPoints);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s: %d points of dimension %d, K = %d, %s probes, %d threads%n", points,
                input.cloud().size(), input.cloud().dimension(), k, family, threadsOption.get());
        w.flush();
        BasisRun.Outcome o;
        try (Threads th = Threads.of(threadsOption.get());
                ProgressBar bar = new ProgressBarBuilder().setTaskName("training")
                .setInitialMax(epochs).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            o = BasisRun.run(input, settings, th, (step, total, loss, rate) -> {
                bar.maxHint(total);
                bar.stepTo(step);
                bar.setExtraMessage(String.format(Locale.ROOT, "loss %.5f", loss));
            });
        }
        writeDirectory(out, dir -> write(dir, input, o));
        print(w, o);
        return 0;
    }

    /** Refuses an output directory that exists with something in it. */
    static void requireFreshDirectory(Path out) throws IOException {
        if (Files.exists(out)) {
            boolean empty = Files.isDirectory(out);
            if (empty) {
                try (var s = Files.list(out)) {
                    empty = s.findAny().isEmpty();
                }
            }
            if (!empty) {
                throw new IllegalArgumentException(out + ": exists and is not an empty directory; choose another --out");
            }
        }
    }

    /** Writes a directory whole or not at all: into a temporary sibling, then one atomic move onto {@code out}. */
    static void writeDirectory(Path out, AtomicFiles.IOConsumer<Path> body) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, ".lapis-basis-");
        try {
            body.accept(tmp);
            if (Files.exists(out)) {
                Files.delete(out);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(tmp)) {
                try (var s = Files.walk(tmp)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** basis.csv: a row per point, the K function values. */
    static void writeFunctions(Path file, double[] f, int n, int k) throws IOException {
        String[] header = new String[k + 1];
        header[0] = "point";
        for (int j = 0; j < k; j++) {
            header[j + 1] = "psi" + (j + 1);
        }
        AtomicFiles.write(file, wr -> {
            CSVPrinter p = Csv.printer(wr, header);
            for (int i = 0; i < n; i++) {
                p.print(i);
                for (int j = 0; j < k; j++) {
                    p.print(Csv.number(f[i * k + j]));
                }
                p.println();
            }
            p.flush();
        });
    }

    private void write(Path dir, PointInput input, BasisRun.Outcome o) throws IOException {
        LearnedBasis b = o.basis();
        int n = o.evalPoints().size();
        int kk = b.size();
        double[] f = o.evalFunctions();
        writeFunctions(dir.resolve("basis.csv"), f, n, kk);
        double[] ev = b.eigenvalues();
        double[] raw = b.rawEigenvalues();
        double[] mu = b.capturedVariance();
        double[] ref = o.referenceValues();
        AtomicFiles.write(dir.resolve("eigenvalues.csv"), wr -> {
            CSVPrinter p = Csv.printer(wr, "index", "eigenvalue", "raw_eigenvalue", "captured_variance",
                    "reference", "knn_route");
            for (int j = 0; j < kk; j++) {
                p.printRecord(j, Csv.number(ev[j]), Csv.number(raw[j]), Csv.number(mu[j]),
                        ref == null ? "" : Csv.number(ref[j]), Csv.number(o.knnValues()[j]));
            }
            p.flush();
        });
        if (b.measureInFirstFunction()) {
            try (Threads one = Threads.single()) {
                double[] d = b.density(o.evalPoints(), one);
                AtomicFiles.write(dir.resolve("density.csv"), wr -> {
                    CSVPrinter p = Csv.printer(wr, "point", "relative_density");
                    for (int i = 0; i < n; i++) {
                        p.printRecord(i, Csv.number(d[i]));
                    }
                    p.flush();
                });
            }
        }
        Map<String, Object> m = o.metrics();
        m.put("command", "lapis basis " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        AtomicFiles.write(dir.resolve("metrics.json"), wr -> wr.write(Json.write(m)));
        b.save(dir.resolve("model.lapisbasis"));
        List<String> names = new ArrayList<>(List.of("learned"));
        List<double[]> values = new ArrayList<>(List.of(ev));
        names.add("kNN graph + sparse solver");
        values.add(o.knnValues());
        if (ref != null) {
            names.add("reference");
            values.add(ref);
        }
        BasisPlots.eigenvalues(dir.resolve("eigenvalues.png"), names, values);
        if (o.learnedCos() != null) {
            List<String> cn = new ArrayList<>(List.of("learned"));
            List<double[]> cv = new ArrayList<>(List.of(o.learnedCos()));
            if (o.knnCos() != null) {
                cn.add("kNN graph + sparse solver");
                cv.add(o.knnCos());
            }
            BasisPlots.cosines(dir.resolve("cosines.png"), cn, cv);
        }
        BasisPlots.loss(dir.resolve("loss.png"), b.training().lossCurve());
        if (input.labels() != null) {
            BasisPlots.embedding(dir.resolve("embedding.png"), f, kk, 1, 2, input.labels().length == n
                    ? input.labels() : IntStream.range(0, n).map(i -> 0).toArray(), "Learned embedding, by label");
        } else if (o.evalPoints().dimension() == 3) {
            int[] cols = IntStream.of(1, 3, 8, kk - 1).filter(c -> c < kk).distinct().toArray();
            BasisPlots.functions(dir.resolve("functions.png"), o.evalPoints().toRowMajor(), f, kk, cols);
        }
    }

    /** One line per score of the metrics' "scores" map: its numbers, and its eigenspace cosines when it has them. */
    @SuppressWarnings("unchecked")
    static void printScores(PrintWriter w, Map<String, Object> m) {
        Map<String, Object> scores = (Map<String, Object>) m.get("scores");
        for (Map.Entry<String, Object> e : scores.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> sm) {
                StringBuilder line = new StringBuilder(e.getKey() + ":");
                for (Map.Entry<?, ?> x : sm.entrySet()) {
                    if (x.getValue() instanceof Double d) {
                        line.append(' ').append(x.getKey()).append('=').append(Numbers.compact(d, 4));
                    }
                }
                Object spaces = sm.get("eigenspace_cos");
                if (spaces instanceof List<?> l) {
                    line.append(" eigenspace_cos=[");
                    for (int i = 0; i < l.size(); i++) {
                        line.append(i == 0 ? "" : ", ").append(Numbers.compact((Double) ((Map<String, Object>) l.get(i))
                                .get("mean_cos_principal_angles"), 4));
                    }
                    line.append(']');
                }
                w.println(line);
            } else {
                w.println(e.getKey() + ": " + e.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void print(PrintWriter w, BasisRun.Outcome o) {
        Map<String, Object> m = o.metrics();
        Map<String, Object> t = (Map<String, Object>) m.get("training");
        w.printf(Locale.ROOT, "trained %s steps in %.1f s (%.1f ms/step), final loss %.5f%n", t.get("steps"),
                (Double) t.get("seconds"), (Double) t.get("ms_per_step"), (Double) t.get("final_loss"));
        printScores(w, m);
        w.println("eigenvalues: " + java.util.Arrays.toString(java.util.Arrays.stream(o.basis().eigenvalues())
                .mapToObj(x -> Numbers.compact(x, 4)).toArray()));
        w.println("wrote " + out);
        w.flush();
    }
}
