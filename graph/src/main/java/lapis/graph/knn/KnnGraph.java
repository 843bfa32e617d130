package lapis.graph.knn;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;

/**
 * The symmetric k-nearest-neighbour graph of a point set: vertex i is point i, and i links to each of its k nearest
 * other points (von Luxburg, A tutorial on spectral clustering, Stat. Comput. 17(4), 2007, section 2.2).
 *
 * <p>Directed weights: w_ij = 1 ({@link Weighting#UNIT}) or w_ij = exp(-d_ij^2 / (2 sigma^2))
 * ({@link Weighting#GAUSSIAN}) when j is one of i's k nearest, 0 otherwise; sigma defaults to the mean of the n k
 * neighbour distances, as the scipy peer computes it ({@code d.mean()} after a cKDTree query). A duplicate point at
 * distance 0 gets weight 1 under both weightings. Symmetrisation: {@link Symmetrization#UNION} gives
 * W = max(W, W^T) (an edge when either point is among the other's neighbours), {@link Symmetrization#MUTUAL} gives
 * W = min(W, W^T) (an edge only when each is among the other's neighbours; points can become isolated). Because
 * d_ij = d_ji bit for bit, both directions of a mutual pair carry the same weight, and the edge gets it once: never
 * the sum of the two.
 *
 * <p>A Gaussian weight that underflows to 0 (d &gt; about 38.6 sigma) cannot be an edge of a {@link Graph}; such
 * edges are left out and counted in {@link Result#underflowedEdges()}.
 *
 * <p>Cost: the search (see {@link NearestNeighbors#exact}) plus O(n k log k) for the symmetrisation plus the
 * {@link GraphBuilder} build, O(n k log k).
 */
public final class KnnGraph {
    private final Options options;
    private final NearestNeighbors search;

    /** A builder that searches with {@link NearestNeighbors#exact} for the points' dimension. */
    public KnnGraph(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.search = null;
    }

    /** A builder that searches with {@code search}. */
    public KnnGraph(Options options, NearestNeighbors search) {
        this.options = Objects.requireNonNull(options, "options");
        this.search = Objects.requireNonNull(search, "search");
    }

    /**
     * The kNN graph of the points.
     *
     * @throws IllegalArgumentException naming k and n unless k &lt;= n - 1
     */
    public Result build(PointSet points) {
        Objects.requireNonNull(points, "points");
        NearestNeighbors s = search != null ? search : NearestNeighbors.exact(points.dimension());
        KnnResult knn = s.search(points, options.k());
        return build(knn);
    }

    /** The kNN graph from a search already made (its k is used, not the options'), e.g. to set sigma from it. */
    public Result build(KnnResult knn) {
        Objects.requireNonNull(knn, "knn");
        int n = knn.size();
        int k = knn.k();
        double[] d2 = knn.squaredDistances();
        boolean gaussian = options.weighting() == Weighting.GAUSSIAN;
        double sigma = gaussian ? options.sigma().orElse(knn.meanDistance()) : Double.NaN;
        double scale = 1.0 / (2.0 * sigma * sigma);
        long[] sorted = sortedRows(knn);
        boolean union = options.symmetrization() == Symmetrization.UNION;
        GraphBuilder builder = new GraphBuilder(n, GraphOptions.defaults());
        int underflowed = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int j = knn.neighbor(i, r);
                int back = find(sorted, j, k, i);
                if ((back >= 0 && i > j) || (back < 0 && !union)) {
                    continue;
                }
                double dij = d2[i * k + r];
                double wij = gaussian ? gaussian(dij, scale) : 1.0;
                double weight = wij;
                if (back >= 0) {
                    double dji = d2[j * k + back];
                    double wji = !gaussian || dji == dij ? wij : gaussian(dji, scale);
                    weight = union ? Math.max(wij, wji) : Math.min(wij, wji);
                }
                if (weight > 0) {
                    builder.addEdge(i, j, weight);
                } else {
                    underflowed++;
                }
            }
        }
        return new Result(builder.build(), knn, sigma, underflowed);
    }

    /** exp(-d2 scale), and 1 at distance 0 whatever the scale (sigma = 0 when every point is a duplicate). */
    private static double gaussian(double d2, double scale) {
        return d2 == 0 ? 1.0 : Math.exp(-d2 * scale);
    }

    /** Row i of the result as keys (neighbour &lt;&lt; 32 | rank), sorted, for binary search by neighbour. */
    private static long[] sortedRows(KnnResult knn) {
        int n = knn.size();
        int k = knn.k();
        long[] keys = new long[n * k];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                keys[i * k + r] = ((long) knn.neighbor(i, r) << 32) | r;
            }
            Arrays.sort(keys, i * k, (i + 1) * k);
        }
        return keys;
    }

    /** The rank of {@code target} among row j's neighbours, or -1 when it is not one of them. */
    private static int find(long[] sorted, int j, int k, int target) {
        int pos = Arrays.binarySearch(sorted, j * k, (j + 1) * k, (long) target << 32);
        int at = pos >= 0 ? pos : -pos - 1;
        if (at < (j + 1) * k && (int) (sorted[at] >>> 32) == target) {
            return (int) sorted[at];
        }
        return -1;
    }

    /** How a directed kNN pair is weighted. */
    public enum Weighting {
        /** w = 1. */
        UNIT,
        /** w = exp(-d^2 / (2 sigma^2)). */
        GAUSSIAN
    }

    /** How the directed kNN relation becomes an undirected graph. */
    public enum Symmetrization {
        /** W = max(W, W^T): an edge when either is a neighbour of the other. */
        UNION,
        /** W = min(W, W^T): an edge only when each is a neighbour of the other. */
        MUTUAL
    }

    /**
     * @param k neighbours per point, at least 1 (and at most n - 1, checked when the points are known)
     * @param weighting unit or Gaussian weights
     * @param sigma the Gaussian width, finite and &gt; 0; empty for the mean kNN distance. Ignored under UNIT
     * @param symmetrization union or mutual
     */
    public record Options(int k, Weighting weighting, OptionalDouble sigma, Symmetrization symmetrization) {
        /** @throws IllegalArgumentException naming k if k &lt; 1, or sigma if it is not finite and &gt; 0 */
        public Options {
            if (k < 1) {
                throw new IllegalArgumentException("k = " + k + " is out of range: k must be >= 1");
            }
            Objects.requireNonNull(weighting, "weighting");
            Objects.requireNonNull(sigma, "sigma");
            Objects.requireNonNull(symmetrization, "symmetrization");
            if (sigma.isPresent() && !(sigma.getAsDouble() > 0 && sigma.getAsDouble() < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("sigma = " + sigma.getAsDouble() + "; it must be finite and > 0");
            }
        }

        /** k neighbours, Gaussian weights with sigma the mean kNN distance, union: the scipy peer's graph. */
        public static Options of(int k) {
            return new Options(k, Weighting.GAUSSIAN, OptionalDouble.empty(), Symmetrization.UNION);
        }

        public Options withK(int newK) {
            return new Options(newK, weighting, sigma, symmetrization);
        }

        public Options withWeighting(Weighting w) {
            return new Options(k, w, sigma, symmetrization);
        }

        /** Gaussian width sigma instead of the mean kNN distance. */
        public Options withSigma(double s) {
            return new Options(k, weighting, OptionalDouble.of(s), symmetrization);
        }

        public Options withSymmetrization(Symmetrization s) {
            return new Options(k, weighting, sigma, s);
        }
    }

    /**
     * The graph and how it was made.
     *
     * @param graph the symmetric kNN graph, no self-loops
     * @param neighbors the k nearest neighbours it was built from
     * @param sigma the Gaussian width used; NaN under UNIT weights
     * @param underflowedEdges edges left out because their Gaussian weight underflowed to 0
     */
    public record Result(Graph graph, KnnResult neighbors, double sigma, int underflowedEdges) {
        public Result {
            Objects.requireNonNull(graph, "graph");
            Objects.requireNonNull(neighbors, "neighbors");
        }
    }
}
