package lapis.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lapis.datasets.ProgressListener;
import lapis.datasets.molecules.Molecule;
import lapis.datasets.molecules.MoleculeCache;
import lapis.datasets.molecules.ZincDataset;
import lapis.graph.Graph;
import lapis.graph.Normalization;
import lapis.graph.io.AtomicFiles;
import lapis.bench.eigen.BatchEigenBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis bench zinc-eigh}: all eigenpairs of the 12,000 ZINC Laplacians. */
@Command(name = "zinc-eigh", mixinStandardHelpOptions = true,
        description = {"All eigenpairs of the symmetric-normalised Laplacians of the 12,000 ZINC molecules "
                + "(n = 8..37), best of several repeats, per thread count; the peer is numpy/torch eigh "
                + "batched by size (bench/peers/zinc_eigh.py, run by bench/compare.sh zinc-eigh)."})
final class BenchZincEighCommand implements Callable<Integer> {
    @Option(names = "--threads", split = ",", defaultValue = "1,2", paramLabel = "T",
            description = "Thread counts to time (default: ${DEFAULT-VALUE}).")
    private List<Integer> threads;

    @Option(names = "--repeats", defaultValue = "7", description = "Timed repeats; the best counts (default: "
            + "${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--export-graphs", paramLabel = "FILE",
            description = "Also write the graphs, one per line as 'n u1 v1 u2 v2 ...', for the peer script.")
    private Path exportGraphs;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Dataset cache (default: ~/.cache/lapis).")
    private Path cacheDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        }
        MoleculeCache cache = cacheDir == null ? MoleculeCache.inUserHome() : new MoleculeCache(cacheDir);
        List<Graph> graphs = new ArrayList<>();
        for (Molecule m : ZincDataset.load(cache, ProgressListener.NONE).molecules()) {
            graphs.add(m.graph());
        }
        if (exportGraphs != null) {
            AtomicFiles.write(exportGraphs, w -> {
                for (Graph g : graphs) {
                    StringBuilder line = new StringBuilder().append(g.vertexCount());
                    g.forEachEdge((u, v, x) -> line.append(' ').append(u).append(' ').append(v));
                    w.write(line.append('\n').toString());
                }
            });
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d ZINC graphs, L_sym, all eigenpairs, best of %d (after one warm-up)%n",
                graphs.size(), repeats);
        out.printf(Locale.ROOT, "%-8s %12s %14s %12s %14s%n", "threads", "eigen s", "graphs/s", "build+eig s",
                "max residual");
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int t : threads) {
            BatchEigenBenchmark.run(graphs, Normalization.SYMMETRIC, t, 1);
            BatchEigenBenchmark.Result r = BatchEigenBenchmark.run(graphs, Normalization.SYMMETRIC, t, repeats);
            double eig = r.bestEigenTime().toNanos() / 1e9;
            double total = r.bestTotalTime().toNanos() / 1e9;
            out.printf(Locale.ROOT, "%-8d %12.3f %14.0f %12.3f %14.2e%n", t, eig, graphs.size() / eig, total,
                    r.maxResidual());
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("threads", t);
            run.put("eigen_s", eig);
            run.put("build_eigen_s", total);
            run.put("max_residual", r.maxResidual());
            runs.add(run);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("graphs", graphs.size());
        m.put("runs", runs);
        out.println(BenchCommand.resultLine(m));
        out.flush();
        return 0;
    }
}
