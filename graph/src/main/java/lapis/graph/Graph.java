package lapis.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable weighted undirected graph on vertices 0..n-1, stored as compressed sparse rows (CSR).
 *
 * <p>Row i lists the neighbours of i in increasing order with the edge weights: an edge {u, v} with u != v is
 * stored twice, as (u, v) and (v, u); a kept self-loop (see {@link GraphOptions}) once, as (u, u). Every weight
 * is finite and positive. The CSR arrays are the adjacency matrix A in the layout of a sparse matrix, which is
 * what Laplacians, batching and message passing read.
 *
 * <p>Build one with {@link GraphBuilder}, {@link #fromEdges}, {@link JGraphTGraphs#fromJGraphT} or
 * {@code lapis.graph.io.GraphReader}. Memory: 4(n + 1) + 12 nnz bytes, nnz = 2|E| less the loops.
 */
public final class Graph {
    private final int n;
    private final int[] offsets;
    private final int[] columns;
    private final double[] weights;
    private final int edgeCount;
    private final int selfLoopCount;

    /** Takes ownership of the arrays, which {@link GraphBuilder} has checked: sorted rows, symmetric, w &gt; 0. */
    Graph(int n, int[] offsets, int[] columns, double[] weights) {
        this.n = n;
        this.offsets = offsets;
        this.columns = columns;
        this.weights = weights;
        int loops = 0;
        for (int i = 0; i < n; i++) {
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                if (columns[k] == i) {
                    loops++;
                }
            }
        }
        this.selfLoopCount = loops;
        this.edgeCount = (columns.length - loops) / 2 + loops;
    }

    /**
     * The graph with the undirected edges {u[e], v[e]} of weight w[e] (w may be null for unit weights).
     *
     * @throws IllegalArgumentException naming the first bad edge: vertex out of range, weight not finite and
     *     positive, or a self-loop that the options refuse
     */
    public static Graph fromEdges(int n, int[] u, int[] v, double[] w, GraphOptions options) {
        Objects.requireNonNull(u, "u");
        Objects.requireNonNull(v, "v");
        if (u.length != v.length || (w != null && w.length != u.length)) {
            throw new IllegalArgumentException("edge arrays differ in length: u " + u.length + ", v " + v.length
                    + (w == null ? "" : ", w " + w.length));
        }
        GraphBuilder b = new GraphBuilder(n, options);
        for (int e = 0; e < u.length; e++) {
            b.addEdge(u[e], v[e], w == null ? 1.0 : w[e]);
        }
        return b.build();
    }

    /** Number of vertices n. */
    public int vertexCount() {
        return n;
    }

    /** Number of undirected edges, each self-loop counted once, after parallel edges were merged. */
    public int edgeCount() {
        return edgeCount;
    }

    /** Number of self-loops (zero unless kept on request). */
    public int selfLoopCount() {
        return selfLoopCount;
    }

    /** Number of stored adjacency entries: 2|E| less the loops. */
    public int entryCount() {
        return columns.length;
    }

    /** Number of distinct neighbours of i (a loop counts i itself). */
    public int degree(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** Weighted degree: the sum of row i of A, a loop's weight included once. */
    public double weightedDegree(int i) {
        double d = 0;
        for (int k = offsets[i]; k < offsets[i + 1]; k++) {
            d += weights[k];
        }
        return d;
    }

    /** All weighted degrees, A 1. */
    public double[] weightedDegrees() {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = weightedDegree(i);
        }
        return d;
    }

    /** The first position of row i in the CSR arrays; row i ends at {@code rowStart(i + 1)}. */
    public int rowStart(int i) {
        return offsets[i];
    }

    /** The column (neighbour) stored at CSR position k. */
    public int column(int k) {
        return columns[k];
    }

    /** The weight stored at CSR position k. */
    public double weight(int k) {
        return weights[k];
    }

    /** The weight of edge {u, v}, or 0 when there is none. O(log deg u). */
    public double weight(int u, int v) {
        int k = Arrays.binarySearch(columns, offsets[u], offsets[u + 1], v);
        return k >= 0 ? weights[k] : 0.0;
    }

    /**
     * ||A - B||_F for the weighted adjacency matrices of two graphs on the same vertices (both triangles counted,
     * a self-loop once): the change of the aggregation of a message-passing network. O(|E_a| + |E_b|).
     *
     * @throws IllegalArgumentException if the vertex counts differ
     */
    public static double adjacencyDistance(Graph a, Graph b) {
        if (a.n != b.n) {
            throw new IllegalArgumentException("graphs of " + a.n + " and " + b.n + " vertices");
        }
        return Math.sqrt(CsrProducts.squaredDistance(a.n, a.offsets, a.columns, a.weights, b.offsets, b.columns,
                b.weights));
    }

    /** True when {u, v} is an edge. */
    public boolean hasEdge(int u, int v) {
        return Arrays.binarySearch(columns, offsets[u], offsets[u + 1], v) >= 0;
    }

    /** A copy of the row offsets, length n + 1. */
    public int[] rowOffsets() {
        return offsets.clone();
    }

    /** A copy of the column indices, length {@link #entryCount()}. */
    public int[] columnIndices() {
        return columns.clone();
    }

    /** A copy of the stored weights, length {@link #entryCount()}. */
    public double[] entryWeights() {
        return weights.clone();
    }

    /** Calls {@code action} once per undirected edge {u, v} with u &lt;= v, in row order. */
    public void forEachEdge(EdgeConsumer action) {
        for (int u = 0; u < n; u++) {
            for (int k = offsets[u]; k < offsets[u + 1]; k++) {
                int v = columns[k];
                if (u <= v) {
                    action.accept(u, v, weights[k]);
                }
            }
        }
    }

    /** Smallest and largest edge weight, {NaN, NaN} for a graph with no edge. */
    public double[] weightRange() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double w : weights) {
            min = Math.min(min, w);
            max = Math.max(max, w);
        }
        return weights.length == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {min, max};
    }

    /**
     * The graph with vertex i renamed to {@code permutation[i]}: A'[p(i), p(j)] = A[i, j], i.e. P A P^T. O(n + nnz log).
     *
     * @throws IllegalArgumentException if {@code permutation} is not a permutation of 0..n-1
     */
    public Graph relabel(int[] permutation) {
        Permutations.check(permutation, n);
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults().withKeepSelfLoops(true));
        forEachEdge((u, v, w) -> b.addEdge(permutation[u], permutation[v], w));
        return b.build();
    }

    int[] offsetsView() {
        return offsets;
    }

    int[] columnsView() {
        return columns;
    }

    double[] weightsView() {
        return weights;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Graph g && n == g.n && Arrays.equals(offsets, g.offsets)
                && Arrays.equals(columns, g.columns) && Arrays.equals(weights, g.weights);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * n + Arrays.hashCode(columns)) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "Graph[n=" + n + ", edges=" + edgeCount + (selfLoopCount > 0 ? ", selfLoops=" + selfLoopCount : "")
                + "]";
    }

    /** Receives one undirected edge. */
    @FunctionalInterface
    public interface EdgeConsumer {
        void accept(int u, int v, double weight);
    }
}
