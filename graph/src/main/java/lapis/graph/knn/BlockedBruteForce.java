package lapis.graph.knn;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Exact k-nearest-neighbour search by comparing every pair, in blocks, for high dimension (images in R^784, say),
 * where a KD-tree visits nearly every leaf anyway.
 *
 * <p>The points are centred (distances do not change; the rounding error below shrinks), then for a block of
 * queries and a block of points the squared distances are estimated as a_ij = ||x_i||^2 + ||x_j||^2 - 2 x_i.x_j
 * from a dense product tile (a 4 x 4 register-blocked kernel). Each query keeps every point whose estimate is within
 * 2 delta_i of its running k-th smallest estimate, where delta_i = 8 (dim + 8) u (||x_i||^2 + max_j ||x_j||^2),
 * u = 2^-53, bounds |a_ij - e_ij| for the exact sum e_ij with a factor 2 to spare (Higham, Accuracy and Stability of
 * Numerical Algorithms, 2002, section 3.1: the norms and the product err by at most 2 dim u (||x_i||^2 + ||x_j||^2),
 * the exact sum by 2 (dim + 1) u times the same, the centring and the final additions by 10 u times it).
 * Whatever is kept then gets its exact squared distance e_ij, summed as
 * {@link PointSet#squaredDistance} does, and the k smallest by (e, index) are the answer: no true neighbour can have
 * an estimate above the k-th estimate plus 2 delta_i, so the result is exact and identical to a KD-tree's.
 *
 * <p>Cost: n^2 dim flops for the products plus O(n (k + c)) exact distances, c the candidates within the error band
 * (a handful, more on exact ties); memory O(n dim) for the centred copy, O(block^2) per thread. Query blocks run
 * in parallel on the common fork-join pool unless asked otherwise; each writes only its own rows.
 */
public final class BlockedBruteForce implements NearestNeighbors {
    private static final int QUERY_BLOCK = 32;
    private static final int POINT_BLOCK = 128;

    private final boolean parallel;

    /** A search whose query blocks run in parallel. */
    public BlockedBruteForce() {
        this(true);
    }

    /** @param parallel run the query blocks on the common fork-join pool (the caller's thread joins in) */
    public BlockedBruteForce(boolean parallel) {
        this.parallel = parallel;
    }

    @Override
    public KnnResult search(PointSet points, int k) {
        Objects.requireNonNull(points, "points");
        int n = points.size();
        KnnResult.requireValidK(k, n);
        int dim = points.dimension();
        double[] x = points.view();
        double[] centred = centred(x, n, dim);
        double[] norms = new double[n];
        double maxNorm = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < dim; c++) {
                double v = centred[i * dim + c];
                s += v * v;
            }
            norms[i] = s;
            maxNorm = Math.max(maxNorm, s);
        }
        double gamma = 8.0 * (dim + 8) * 0x1p-53;
        double maxNormFinal = maxNorm;
        int[] indices = new int[Math.multiplyExact(n, k)];
        double[] squared = new double[n * k];
        int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
        IntStream range = IntStream.range(0, blocks);
        if (parallel) {
            range = range.parallel();
        }
        long evaluations = range.mapToLong(b -> {
            QueryBlock block = new QueryBlock(x, centred, norms, n, dim, k);
            int q0 = b * QUERY_BLOCK;
            int qn = Math.min(QUERY_BLOCK, n - q0);
            return block.run(q0, qn, gamma, maxNormFinal, indices, squared);
        }).sum();
        return new KnnResult(n, k, indices, squared, evaluations);
    }

    @Override
    public String toString() {
        return "BlockedBruteForce[parallel=" + parallel + "]";
    }

    private static double[] centred(double[] x, int n, int dim) {
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dim; c++) {
                mean[c] += x[i * dim + c];
            }
        }
        for (int c = 0; c < dim; c++) {
            mean[c] /= n;
        }
        double[] out = new double[n * dim];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dim; c++) {
                out[i * dim + c] = x[i * dim + c] - mean[c];
            }
        }
        return out;
    }

    /**
     * tile[qi * ld + pj] = x_(q0 + qi) . x_(p0 + pj) for qi &lt; qn, pj &lt; pn, rows of length dim in x. Four by
     * four tiles keep 16 sums in registers and read each coordinate once per four products.
     */
    static void dotTile(double[] x, int dim, int q0, int qn, int p0, int pn, double[] tile, int ld) {
        int qi = 0;
        for (; qi + 4 <= qn; qi += 4) {
            int a0 = (q0 + qi) * dim;
            int a1 = a0 + dim;
            int a2 = a1 + dim;
            int a3 = a2 + dim;
            int pj = 0;
            for (; pj + 4 <= pn; pj += 4) {
                int b0 = (p0 + pj) * dim;
                int b1 = b0 + dim;
                int b2 = b1 + dim;
                int b3 = b2 + dim;
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0;
                double s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                double s20 = 0, s21 = 0, s22 = 0, s23 = 0;
                double s30 = 0, s31 = 0, s32 = 0, s33 = 0;
                for (int c = 0; c < dim; c++) {
                    double u0 = x[a0 + c];
                    double u1 = x[a1 + c];
                    double u2 = x[a2 + c];
                    double u3 = x[a3 + c];
                    double v0 = x[b0 + c];
                    double v1 = x[b1 + c];
                    double v2 = x[b2 + c];
                    double v3 = x[b3 + c];
                    s00 += u0 * v0;
                    s01 += u0 * v1;
                    s02 += u0 * v2;
                    s03 += u0 * v3;
                    s10 += u1 * v0;
                    s11 += u1 * v1;
                    s12 += u1 * v2;
                    s13 += u1 * v3;
                    s20 += u2 * v0;
                    s21 += u2 * v1;
                    s22 += u2 * v2;
                    s23 += u2 * v3;
                    s30 += u3 * v0;
                    s31 += u3 * v1;
                    s32 += u3 * v2;
                    s33 += u3 * v3;
                }
                int t = qi * ld + pj;
                tile[t] = s00;
                tile[t + 1] = s01;
                tile[t + 2] = s02;
                tile[t + 3] = s03;
                tile[t + ld] = s10;
                tile[t + ld + 1] = s11;
                tile[t + ld + 2] = s12;
                tile[t + ld + 3] = s13;
                tile[t + 2 * ld] = s20;
                tile[t + 2 * ld + 1] = s21;
                tile[t + 2 * ld + 2] = s22;
                tile[t + 2 * ld + 3] = s23;
                tile[t + 3 * ld] = s30;
                tile[t + 3 * ld + 1] = s31;
                tile[t + 3 * ld + 2] = s32;
                tile[t + 3 * ld + 3] = s33;
            }
            for (; pj < pn; pj++) {
                for (int r = 0; r < 4; r++) {
                    tile[(qi + r) * ld + pj] = dot(x, (q0 + qi + r) * dim, (p0 + pj) * dim, dim);
                }
            }
        }
        for (; qi < qn; qi++) {
            for (int pj = 0; pj < pn; pj++) {
                tile[qi * ld + pj] = dot(x, (q0 + qi) * dim, (p0 + pj) * dim, dim);
            }
        }
    }

    private static double dot(double[] x, int a, int b, int dim) {
        double s = 0;
        for (int c = 0; c < dim; c++) {
            s += x[a + c] * x[b + c];
        }
        return s;
    }

    /** One task's workspace: the product tile and the candidate lists of up to QUERY_BLOCK queries. */
    private static final class QueryBlock {
        private final double[] x;
        private final double[] centred;
        private final double[] norms;
        private final int n;
        private final int dim;
        private final int k;
        private final double[] tile = new double[QUERY_BLOCK * POINT_BLOCK];
        private final Candidates[] candidates = new Candidates[QUERY_BLOCK];

        QueryBlock(double[] x, double[] centred, double[] norms, int n, int dim, int k) {
            this.x = x;
            this.centred = centred;
            this.norms = norms;
            this.n = n;
            this.dim = dim;
            this.k = k;
        }

        long run(int q0, int qn, double gamma, double maxNorm, int[] indices, double[] squared) {
            for (int qi = 0; qi < qn; qi++) {
                candidates[qi] = new Candidates(k, 2 * gamma * (norms[q0 + qi] + maxNorm));
            }
            long evaluations = 0;
            for (int p0 = 0; p0 < n; p0 += POINT_BLOCK) {
                int pn = Math.min(POINT_BLOCK, n - p0);
                dotTile(centred, dim, q0, qn, p0, pn, tile, POINT_BLOCK);
                evaluations += (long) qn * pn;
                for (int qi = 0; qi < qn; qi++) {
                    int i = q0 + qi;
                    double nq = norms[i];
                    Candidates cand = candidates[qi];
                    double threshold = cand.threshold;
                    int t = qi * POINT_BLOCK;
                    for (int pj = 0; pj < pn; pj++) {
                        double a = nq + norms[p0 + pj] - 2 * tile[t + pj];
                        if (a <= threshold && p0 + pj != i) {
                            cand.add(p0 + pj, a);
                            threshold = cand.threshold;
                        }
                    }
                }
            }
            NeighborHeap heap = new NeighborHeap(k);
            for (int qi = 0; qi < qn; qi++) {
                int i = q0 + qi;
                Candidates cand = candidates[qi];
                cand.compact();
                for (int e = 0; e < cand.size; e++) {
                    int j = cand.ids[e];
                    heap.offer(PointSet.squaredDistance(x, i * dim, x, j * dim, dim), j);
                }
                evaluations += cand.size;
                heap.drainInto(i, indices, squared);
            }
            return evaluations;
        }
    }

    /**
     * The points one query still considers: estimates within {@code band} of the k-th smallest estimate seen so far.
     * The list is pruned each time it fills, and grows when pruning frees less than half of it (many near ties).
     */
    private static final class Candidates {
        private final int k;
        private final double band;
        private int[] ids;
        private double[] estimates;
        private double[] scratch;
        private int size;
        double threshold = Double.POSITIVE_INFINITY;

        Candidates(int k, double band) {
            this.k = k;
            this.band = band;
            int capacity = 2 * k + 32;
            ids = new int[capacity];
            estimates = new double[capacity];
            scratch = new double[capacity];
        }

        void add(int id, double estimate) {
            ids[size] = id;
            estimates[size++] = estimate;
            if (size == ids.length) {
                compact();
                if (size > ids.length / 2) {
                    ids = Arrays.copyOf(ids, 2 * ids.length);
                    estimates = Arrays.copyOf(estimates, 2 * estimates.length);
                    scratch = new double[ids.length];
                }
            }
        }

        /** Lowers the threshold to the k-th smallest estimate plus the band and drops what lies above it. */
        void compact() {
            if (size <= k) {
                return;
            }
            System.arraycopy(estimates, 0, scratch, 0, size);
            threshold = Math.min(threshold, kthSmallest(scratch, size, k - 1) + band);
            int kept = 0;
            for (int e = 0; e < size; e++) {
                if (estimates[e] <= threshold) {
                    ids[kept] = ids[e];
                    estimates[kept++] = estimates[e];
                }
            }
            size = kept;
        }

        /** The value that would sit at position kth of a[0..size) sorted; reorders a. Wirth's selection. */
        private static double kthSmallest(double[] a, int size, int kth) {
            int l = 0;
            int r = size - 1;
            while (l < r) {
                double pivot = a[kth];
                int i = l;
                int j = r;
                do {
                    while (a[i] < pivot) {
                        i++;
                    }
                    while (pivot < a[j]) {
                        j--;
                    }
                    if (i <= j) {
                        double t = a[i];
                        a[i] = a[j];
                        a[j] = t;
                        i++;
                        j--;
                    }
                } while (i <= j);
                if (j < kth) {
                    l = i;
                }
                if (kth < i) {
                    r = j;
                }
            }
            return a[kth];
        }
    }
}
