package lapis.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded perturbations of a graph for stability studies: remove, add or reweight edges (by count, or by a fraction
 * of the edge count rounded to the nearest integer), or relabel the vertices. Each returns the new graph with the
 * Laplacian change ||L - P^T L' P||_F in the normalization given here. The same seed gives the same perturbation on
 * any machine and thread. Costs are O(n + |E|) plus the sampling.
 */
public final class Perturbations {
    private final Normalization normalization;

    /** Perturbations whose reported Laplacian distance uses {@code normalization}. */
    public Perturbations(Normalization normalization) {
        this.normalization = Objects.requireNonNull(normalization, "normalization");
    }

    /** The number of edges a fraction in [0, 1] of g's edges stands for, rounded. */
    public static int countOf(Graph g, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
        }
        return (int) Math.round(fraction * g.edgeCount());
    }

    /**
     * g without {@code count} edges drawn uniformly without replacement.
     *
     * @throws IllegalArgumentException if count is negative or above the edge count
     */
    public PerturbedGraph removeEdges(Graph g, int count, long seed) {
        List<int[]> edges = edgeList(g);
        checkCount(count, edges.size(), "remove");
        boolean[] removed = chooseSubset(edges.size(), count, new SplittableRandom(seed));
        GraphBuilder b = new GraphBuilder(g.vertexCount(), GraphOptions.defaults().withKeepSelfLoops(true));
        for (int e = 0; e < edges.size(); e++) {
            if (!removed[e]) {
                int[] uv = edges.get(e);
                b.addEdge(uv[0], uv[1], g.weight(uv[0], uv[1]));
            }
        }
        return sameVertices(g, b.build());
    }

    /**
     * g with {@code count} new edges of weight {@code weight} between distinct non-adjacent vertex pairs drawn
     * uniformly (rejection sampling).
     *
     * @throws IllegalArgumentException if count exceeds the number of non-adjacent pairs or weight is not &gt; 0
     */
    public PerturbedGraph addEdges(Graph g, int count, double weight, long seed) {
        long n = g.vertexCount();
        long free = n * (n - 1) / 2 - (g.edgeCount() - g.selfLoopCount());
        checkCount(count, free, "add");
        SplittableRandom random = new SplittableRandom(seed);
        GraphBuilder b = new GraphBuilder(g.vertexCount(), GraphOptions.defaults().withKeepSelfLoops(true));
        g.forEachEdge(b::addEdge);
        java.util.Set<Long> added = new java.util.HashSet<>();
        while (added.size() < count) {
            int u = random.nextInt((int) n);
            int v = random.nextInt((int) n);
            if (u == v || g.hasEdge(u, v)) {
                continue;
            }
            long key = (long) Math.min(u, v) * n + Math.max(u, v);
            if (added.add(key)) {
                b.addEdge(u, v, weight);
            }
        }
        return sameVertices(g, b.build());
    }

    /**
     * g with {@code count} edges, drawn uniformly without replacement, reweighted w' = w (1 + scale u), u uniform
     * in [-1, 1].
     *
     * @throws IllegalArgumentException if scale is not in [0, 1) (weights must stay positive)
     */
    public PerturbedGraph reweightEdges(Graph g, int count, double scale, long seed) {
        if (!(scale >= 0 && scale < 1)) {
            throw new IllegalArgumentException("reweighting scale must be in [0, 1), got " + scale);
        }
        List<int[]> edges = edgeList(g);
        checkCount(count, edges.size(), "reweight");
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] chosen = chooseSubset(edges.size(), count, random);
        GraphBuilder b = new GraphBuilder(g.vertexCount(), GraphOptions.defaults().withKeepSelfLoops(true));
        for (int e = 0; e < edges.size(); e++) {
            int[] uv = edges.get(e);
            double w = g.weight(uv[0], uv[1]);
            b.addEdge(uv[0], uv[1], chosen[e] ? w * (1 + scale * (2 * random.nextDouble() - 1)) : w);
        }
        return sameVertices(g, b.build());
    }

    /** g relabelled by a uniformly random permutation; its aligned Laplacian distance is 0 by construction. */
    public PerturbedGraph permuteNodes(Graph g, long seed) {
        int[] p = Permutations.random(g.vertexCount(), new SplittableRandom(seed));
        Graph relabelled = g.relabel(p);
        return new PerturbedGraph(relabelled, p, alignedDistance(g, relabelled, p));
    }

    private PerturbedGraph sameVertices(Graph original, Graph perturbed) {
        int[] identity = new int[original.vertexCount()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        return new PerturbedGraph(perturbed, identity, Laplacian.frobeniusDistance(
                Laplacian.of(original, normalization), Laplacian.of(perturbed, normalization)));
    }

    private double alignedDistance(Graph original, Graph perturbed, int[] correspondence) {
        Graph back = perturbed.relabel(Permutations.inverse(correspondence));
        return Laplacian.frobeniusDistance(Laplacian.of(original, normalization), Laplacian.of(back, normalization));
    }

    private static List<int[]> edgeList(Graph g) {
        List<int[]> edges = new ArrayList<>(g.edgeCount());
        g.forEachEdge((u, v, w) -> edges.add(new int[] {u, v}));
        return edges;
    }

    private static void checkCount(long count, long available, String what) {
        if (count < 0 || count > available) {
            throw new IllegalArgumentException("cannot " + what + " " + count + " edges; between 0 and " + available
                    + " are possible");
        }
    }

    /** A uniform subset of size k of 0..m-1, by a partial Fisher-Yates shuffle. */
    private static boolean[] chooseSubset(int m, int k, SplittableRandom random) {
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        boolean[] chosen = new boolean[m];
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(m - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            chosen[idx[i]] = true;
        }
        return chosen;
    }
}
