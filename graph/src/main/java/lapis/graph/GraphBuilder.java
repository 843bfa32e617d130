package lapis.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * Collects undirected weighted edges, checks each as it arrives, and builds an immutable {@link Graph}.
 *
 * <p>{@link #addEdge} rejects a bad edge at once, naming it, so a reader can attach the file line; a builder that
 * threw stays usable and holds only the good edges. Parallel edges sum (see {@link GraphOptions}).
 * {@link #build} costs O(n + |E| log maxdeg). Not thread-safe.
 */
public final class GraphBuilder {
    private final int n;
    private final GraphOptions options;
    private int[] us = new int[16];
    private int[] vs = new int[16];
    private double[] ws = new double[16];
    private int size;

    /** A builder for a graph on vertices 0..n-1. */
    public GraphBuilder(int n, GraphOptions options) {
        if (n < 0) {
            throw new IllegalArgumentException("vertex count must be >= 0, got " + n);
        }
        this.n = n;
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Number of vertices of the graph being built. */
    public int vertexCount() {
        return n;
    }

    /** Number of edges added so far, before parallel edges merge. */
    public int addedEdgeCount() {
        return size;
    }

    /**
     * Adds the undirected edge {u, v} with weight w.
     *
     * @return this builder
     * @throws IllegalArgumentException naming the edge if u or v is outside 0..n-1, w is not finite and &gt; 0,
     *     or u == v while self-loops are refused
     */
    public GraphBuilder addEdge(int u, int v, double w) {
        if (u < 0 || u >= n || v < 0 || v >= n) {
            throw new IllegalArgumentException("edge (" + u + ", " + v + "): vertex " + (u < 0 || u >= n ? u : v)
                    + " is out of range 0.." + (n - 1));
        }
        if (!(w > 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("edge (" + u + ", " + v + ") has weight " + w
                    + "; weights must be finite and > 0");
        }
        if (u == v && !options.keepSelfLoops()) {
            throw new IllegalArgumentException("edge (" + u + ", " + v + ") is a self-loop; self-loops are refused"
                    + " unless kept on request (--keep-self-loops)");
        }
        if (size == us.length) {
            int cap = Math.max(16, 2 * size);
            us = Arrays.copyOf(us, cap);
            vs = Arrays.copyOf(vs, cap);
            ws = Arrays.copyOf(ws, cap);
        }
        us[size] = u;
        vs[size] = v;
        ws[size] = w;
        size++;
        return this;
    }

    /** The graph of the edges added so far; the builder can go on collecting. */
    public Graph build() {
        int[] counts = new int[n + 1];
        for (int e = 0; e < size; e++) {
            counts[us[e] + 1]++;
            if (us[e] != vs[e]) {
                counts[vs[e] + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            counts[i + 1] += counts[i];
        }
        int[] fill = Arrays.copyOf(counts, n);
        int[] cols = new int[counts[n]];
        double[] vals = new double[counts[n]];
        for (int e = 0; e < size; e++) {
            int u = us[e];
            int v = vs[e];
            cols[fill[u]] = v;
            vals[fill[u]++] = ws[e];
            if (u != v) {
                cols[fill[v]] = u;
                vals[fill[v]++] = ws[e];
            }
        }
        int[] offsets = new int[n + 1];
        int out = 0;
        for (int i = 0; i < n; i++) {
            int start = counts[i];
            int end = counts[i + 1];
            sortRow(cols, vals, start, end);
            offsets[i] = out;
            for (int k = start; k < end; k++) {
                if (out > offsets[i] && cols[out - 1] == cols[k]) {
                    vals[out - 1] += vals[k];
                } else {
                    cols[out] = cols[k];
                    vals[out++] = vals[k];
                }
            }
        }
        offsets[n] = out;
        return new Graph(n, offsets, Arrays.copyOf(cols, out), Arrays.copyOf(vals, out));
    }

    /** Sorts cols[start..end) ascending, carrying vals along: insertion sort for short rows, else a key sort. */
    private static void sortRow(int[] cols, double[] vals, int start, int end) {
        int len = end - start;
        if (len <= 32) {
            for (int i = start + 1; i < end; i++) {
                int c = cols[i];
                double w = vals[i];
                int j = i - 1;
                while (j >= start && cols[j] > c) {
                    cols[j + 1] = cols[j];
                    vals[j + 1] = vals[j];
                    j--;
                }
                cols[j + 1] = c;
                vals[j + 1] = w;
            }
            return;
        }
        long[] keys = new long[len];
        for (int k = 0; k < len; k++) {
            keys[k] = ((long) cols[start + k] << 32) | k;
        }
        Arrays.sort(keys);
        double[] w = Arrays.copyOfRange(vals, start, end);
        for (int k = 0; k < len; k++) {
            cols[start + k] = (int) (keys[k] >>> 32);
            vals[start + k] = w[(int) keys[k]];
        }
    }
}
