package lapis.encodings.transform;

import java.util.stream.IntStream;
import lapis.encodings.GraphData;
import lapis.encodings.GraphTransform;
import lapis.graph.Graph;
import org.ejml.data.DMatrixRMaj;

/**
 * PyG's {@code AddRandomWalkPE(walk_length, attr_name="random_walk_pe")}: the random-walk structural encoding of
 * Dwivedi et al., "Graph neural networks with learnable structural and positional representations" (ICLR 2022,
 * arXiv 2110.07875). Node i gets PE[i, t - 1] = (P^t)_ii, t = 1..walkLength, with P = D^-1 A, the probability that
 * the simple random walk from i is back at i after t steps. The same numbers as {@link lapis.encodings.fixed.Rwse},
 * computed without an n x n matrix, so a graph of 10^5 or more vertices is fine.
 *
 * <p><b>Computation.</b> (P^t)_ii = (S^t)_ii with S = D^-1/2 A D^-1/2 (P = D^-1/2 S D^1/2), and
 * (S^t)_ii = &lt;S^a e_i, S^b e_i&gt; for a = floor(t/2), b = t - a, so each vertex needs the vectors S^j e_i for
 * j &lt;= h = ceil(walkLength / 2) only, each supported on the ball of radius j around i, kept sparse. Cost
 * O(sum_i sum_{j &lt; h} edges(ball_j(i))): on a 2-D grid O(n h^3), independent of n per vertex. Vertices are
 * independent and processed in parallel chunks (the common fork-join pool); each vertex's numbers do not depend
 * on the chunking, so the result is the same on any thread count.
 *
 * <p><b>Where this differs from PyG, and why.</b> PyG (as read at commit 1a7096d) builds the matrix with entries
 * 1 / max(d_i, 1) on the edges, d_i the weighted degree: for unit weights that is D^-1 A, as here; for weighted
 * edges it drops the weight from the numerator and clamps degrees below 1, so its rows need not sum to 1. Here P
 * is the row-stochastic D^-1 A with the weights (a kept self-loop included), the walk the encoding is defined by.
 * An isolated vertex gets zeros, as in PyG. PyG multiplies sparse matrices P^t for the whole graph; the half-walk
 * products here need only balls of radius walkLength / 2. Immutable; safe to share between threads.
 */
public final class AddRandomWalkPE implements GraphTransform {
    /** PyG's default attribute name. */
    public static final String DEFAULT_ATTR_NAME = "random_walk_pe";

    private static final int CHUNK = 256;

    private final int walkLength;
    private final String attrName;

    /**
     * walkLength steps into {@value #DEFAULT_ATTR_NAME}.
     *
     * @throws IllegalArgumentException if walkLength &lt; 1
     */
    public AddRandomWalkPE(int walkLength) {
        this(walkLength, DEFAULT_ATTR_NAME);
    }

    /**
     * @param attrName the feature to write, or null to append the columns to {@link GraphData#X} (PyG's None)
     * @throws IllegalArgumentException if walkLength &lt; 1
     */
    public AddRandomWalkPE(int walkLength, String attrName) {
        if (walkLength < 1) {
            throw new IllegalArgumentException("AddRandomWalkPE needs walkLength >= 1, got " + walkLength);
        }
        this.walkLength = walkLength;
        this.attrName = attrName;
    }

    @Override
    public GraphData apply(GraphData data) {
        DMatrixRMaj pe = returnProbabilities(data.graph(), walkLength);
        return attrName == null ? data.withAppended(GraphData.X, pe) : data.with(attrName, pe);
    }

    /** The n x steps matrix (P^t)_ii, t = 1..steps. */
    static DMatrixRMaj returnProbabilities(Graph g, int steps) {
        int n = g.vertexCount();
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            double d = g.weightedDegree(i);
            scale[i] = d > 0 ? 1 / Math.sqrt(d) : 0;
        }
        double[] s = new double[g.entryCount()];
        for (int i = 0; i < n; i++) {
            for (int e = g.rowStart(i); e < g.rowStart(i + 1); e++) {
                s[e] = g.weight(e) * (scale[i] * scale[g.column(e)]);
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(n, steps);
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            Walks w = new Walks(n, (steps + 1) / 2);
            for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) {
                w.from(g, s, i);
                for (int t = 1; t <= steps; t++) {
                    out.data[i * steps + t - 1] = w.dot(t / 2, t - t / 2);
                }
            }
        });
        return out;
    }

    /** The sparse vectors x_j = S^j e_i, j = 0..h, for one source at a time. One per thread. */
    private static final class Walks {
        private final int h;
        private final double[][] x;
        private final int[][] stamp;
        private final int[][] support;
        private final int[] size;
        private int mark;

        Walks(int n, int h) {
            this.h = h;
            x = new double[h + 1][n];
            stamp = new int[h + 1][n];
            support = new int[h + 1][n];
            size = new int[h + 1];
        }

        void from(Graph g, double[] s, int source) {
            mark = source + 1;
            x[0][source] = 1;
            stamp[0][source] = mark;
            support[0][0] = source;
            size[0] = 1;
            for (int j = 1; j <= h; j++) {
                double[] prev = x[j - 1];
                double[] cur = x[j];
                int[] st = stamp[j];
                int[] sup = support[j];
                int m = 0;
                for (int q = 0; q < size[j - 1]; q++) {
                    int u = support[j - 1][q];
                    double xu = prev[u];
                    for (int e = g.rowStart(u); e < g.rowStart(u + 1); e++) {
                        int v = g.column(e);
                        if (st[v] != mark) {
                            st[v] = mark;
                            cur[v] = 0;
                            sup[m++] = v;
                        }
                        cur[v] += s[e] * xu;
                    }
                }
                size[j] = m;
            }
        }

        /** &lt;x_a, x_b&gt;. */
        double dot(int a, int b) {
            double sum = 0;
            for (int q = 0; q < size[a]; q++) {
                int v = support[a][q];
                if (stamp[b][v] == mark) {
                    sum += x[a][v] * x[b][v];
                }
            }
            return sum;
        }
    }
}
