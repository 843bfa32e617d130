package lapis.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lapis.experiments.basis.BasisRun;
import lapis.experiments.points.PointInput;
import lapis.bases.LearnedBasis;
import lapis.graph.io.AtomicFiles;
import lapis.graph.io.Json;
import lapis.graph.knn.PointSet;
import lapis.nn.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis basis eval}: a trained basis at new points, scored against the reference those points have. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluates a basis trained by lapis basis at the given points (no training, no graph) and "
                + "scores it as lapis basis does: against the spherical harmonics (sampled spheres), the mesh's "
                + "cotangent Laplacian with lumped mass (meshes, at all vertices), or the labels by k-means beside "
                + "PCA (images). Other point files are evaluated and written, unscored.",
            "Example: lapis basis eval sphere-basis --points sphere:4000 --seed 2 --out sphere-fresh"})
final class BasisEvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The directory lapis basis wrote, or its "
            + "model.lapisbasis file.")
    private Path model;

    @Option(names = "--points", required = true, paramLabel = "SPEC", description = "The points: " + PointInput.SPECS
            + "; of the dimension the basis was trained in.")
    private String points;

    @Option(names = "--seed", defaultValue = "2", description = "Seed of a sampled sphere (default: ${DEFAULT-VALUE},"
            + " not lapis basis's default 1, so the points are fresh) and of k-means.")
    private long seed;

    @Mixin
    private ThreadsOption threadsOption;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write basis.csv (the functions at the points) "
            + "and metrics.json here; must not exist or be empty. Written whole or not at all.")
    private Path out;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (out != null) {
            BasisCommand.requireFreshDirectory(out);
        }
        Path file = Files.isDirectory(model) ? model.resolve("model.lapisbasis") : model;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file (give the directory lapis basis wrote, or its "
                    + "model.lapisbasis)");
        }
        LearnedBasis basis = LearnedBasis.load(file);
        PointInput input = PointInput.load(points, seed);
        if (input.cloud().dimension() != basis.dimension()) {
            throw new IllegalArgumentException(points + ": points of dimension " + input.cloud().dimension()
                    + ", but " + file + " was trained on dimension " + basis.dimension());
        }
        PointSet p = PointSet.of(input.cloud().dimension(), input.cloud().coordinates());
        int n = p.size();
        int k = basis.size();
        double[] psi;
        long t0 = System.nanoTime();
        try (Threads th = Threads.of(threadsOption.get())) {
            psi = basis.eigenfunctions(p, th);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "lapis basis eval " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        m.put("model", file.toString());
        m.put("points", input.name());
        m.put("n_points", n);
        m.put("k", k);
        m.put("evaluate_seconds", seconds);
        m.put("eigenvalues", basis.eigenvalues());
        m.put("scores", BasisRun.score(input, psi, basis.eigenvalues(), seed));
        if (out != null) {
            BasisCommand.writeDirectory(out, dir -> {
                BasisCommand.writeFunctions(dir.resolve("basis.csv"), psi, n, k);
                AtomicFiles.write(dir.resolve("metrics.json"), w -> w.write(Json.write(m)));
            });
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s: %d functions at %d points in %.3f s%n", input.name(), k, n, seconds);
        BasisCommand.printScores(w, m);
        if (out != null) {
            w.println("wrote " + out);
        }
        w.flush();
        return 0;
    }
}
