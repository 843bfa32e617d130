package lapis.experiments.stability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lapis.datasets.ProgressListener;
import lapis.encodings.NodeEncoding;
import lapis.encodings.Spectrum;
import lapis.encodings.stability.EncodingStability;
import lapis.encodings.stability.StabilitySummary;
import lapis.graph.Graph;
import lapis.graph.Normalization;
import lapis.graph.PerturbedGraph;
import lapis.graph.Perturbations;
import lapis.graph.Seeds;
import lapis.nn.DType;

/**
 * The graph part of {@code lapis stability}: how far positional encodings move when a graph is perturbed, against
 * ||L - L'|| (Huang et al., ICLR 2024, Theorem 3.1; {@link EncodingStability}). Each graph is perturbed once per
 * level, with the seed derived from (seed, graph index, level index), and every encoding is measured on the same
 * pair; graphs are measured in parallel, and the rows come back in graph order, so the result does not depend on
 * the thread count. Nothing here prints.
 */
public final class GraphStability {
    /** The perturbations, by their command-line names. */
    public static final List<String> PERTURBATIONS = List.of("edge-drop", "edge-add", "edge-reweight",
            "node-permute");
    private static final double[] DEFAULT_LEVELS = {0.01, 0.02, 0.05, 0.1};

    private GraphStability() {
    }

    /**
     * An encoding under test.
     *
     * @param roundOff the relative round-off allowed when the bound is checked ({@link #roundOff})
     */
    public record Subject(String label, NodeEncoding encoding, double roundOff) {
    }

    /** One measurement: graph index and size, the level, the encoding's label and what was measured. */
    public record Row(int graph, int nodes, int edges, double level, String label,
                      EncodingStability.Measurement m, double roundOff) {
    }

    /** The relative round-off allowed when checking the bound: a few hundred ulps of the model's precision. */
    public static double roundOff(DType type) {
        return type == DType.F64 ? 1e-12 : 1e-5;
    }

    /**
     * The levels a perturbation runs: {0} for node-permute (the control), else the given ones or 1%, 2%, 5% and
     * 10% of the edges, each in (0, 1].
     *
     * @throws IllegalArgumentException naming the perturbation or the level out of range
     */
    public static double[] levels(String perturbation, double[] given) {
        if (!PERTURBATIONS.contains(perturbation)) {
            throw new IllegalArgumentException("--perturb must be edge-drop, edge-add, edge-reweight or node-permute"
                    + " for graphs, not '" + perturbation + "'");
        }
        if (perturbation.equals("node-permute")) {
            return new double[] {0};
        }
        double[] lv = given == null ? DEFAULT_LEVELS.clone() : given.clone();
        for (double l : lv) {
            if (!(l > 0 && l <= 1)) {
                throw new IllegalArgumentException("levels must be in (0, 1], got " + l);
            }
        }
        return lv;
    }

    /**
     * Measures every subject on every graph at every level, on {@code threads} threads; one progress call per
     * finished graph (task "stability", unit "graphs").
     */
    public static List<Row> measure(List<Graph> graphs, List<Subject> subjects, String perturbation, double[] levels,
                                    long seed, int threads, ProgressListener progress)
            throws InterruptedException, ExecutionException {
        Objects.requireNonNull(progress, "progress");
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        Perturbations perturbations = new Perturbations(Normalization.SYMMETRIC);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Row> rows = new ArrayList<>();
        try {
            Object lock = new Object();
            int[] done = {0};
            List<Future<List<Row>>> futures = new ArrayList<>();
            for (int gi = 0; gi < graphs.size(); gi++) {
                int index = gi;
                futures.add(pool.submit(() -> {
                    List<Row> mine = graphRows(index, graphs.get(index), subjects, perturbation, levels, seed,
                            perturbations);
                    synchronized (lock) {
                        progress.progress("stability", ++done[0], graphs.size(), "graphs");
                    }
                    return mine;
                }));
            }
            for (Future<List<Row>> f : futures) {
                rows.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return rows;
    }

    private static List<Row> graphRows(int index, Graph g, List<Subject> subjects, String kind, double[] lv,
                                       long seed, Perturbations perturbations) {
        Spectrum s = Spectrum.of(g);
        List<Row> rows = new ArrayList<>();
        for (int li = 0; li < lv.length; li++) {
            long pseed = Seeds.derive(Seeds.derive(seed, index), li);
            int count = Math.max(1, Perturbations.countOf(g, lv[li]));
            PerturbedGraph p = switch (kind) {
                case "edge-drop" -> perturbations.removeEdges(g, Math.min(count, g.edgeCount()), pseed);
                case "edge-add" -> perturbations.addEdges(g, count, 1.0, pseed);
                case "edge-reweight" -> perturbations.reweightEdges(g, g.edgeCount(), Math.min(lv[li], 0.99), pseed);
                default -> perturbations.permuteNodes(g, pseed);
            };
            Spectrum ps = Spectrum.of(p.graph());
            for (Subject sub : subjects) {
                rows.add(new Row(index, g.vertexCount(), g.edgeCount(), lv[li], sub.label(),
                        EncodingStability.measure(sub.encoding(), g, s, p, ps), sub.roundOff()));
            }
        }
        return rows;
    }

    /** A summary per (subject, level), in subject then level order; the key is the label and the level. */
    public static Map<Key, StabilitySummary> summarise(List<Row> rows, List<Subject> subjects, double[] levels) {
        Map<Key, StabilitySummary> out = new LinkedHashMap<>();
        for (Subject sub : subjects) {
            for (double l : levels) {
                List<EncodingStability.Measurement> ms = rows.stream().filter(r -> r.label().equals(sub.label())
                        && r.level() == l).map(Row::m).toList();
                out.put(new Key(sub.label(), l), StabilitySummary.of(ms, sub.roundOff()));
            }
        }
        return out;
    }

    /** A summary's key: the encoding's label and the level. */
    public record Key(String label, double level) {
    }
}
