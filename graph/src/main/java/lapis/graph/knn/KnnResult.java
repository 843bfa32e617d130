package lapis.graph.knn;

/**
 * The k nearest neighbours of each of n points, the point itself excluded. Immutable.
 *
 * <p>Row i lists point i's neighbours in ascending order of (squared distance, index): equal distances are broken
 * by the smaller index, so the result is a function of the points alone, the same for every exact search and every
 * thread count. A duplicate of point i is a neighbour at distance 0. Squared distances are the sums
 * {@link PointSet#squaredDistance} computes, so they are symmetric to the last bit.
 *
 * <p>Diagnostics: {@link #distanceEvaluations()} counts the point-to-point distances the search computed (exact ones,
 * plus for {@link BlockedBruteForce} the approximate ones from the product), a measure of how much pruning helped.
 */
public final class KnnResult {
    private final int n;
    private final int k;
    private final int[] indices;
    private final double[] squaredDistances;
    private final long distanceEvaluations;

    /** Takes ownership of the arrays, which hold n rows of k entries each, sorted as stated above. */
    KnnResult(int n, int k, int[] indices, double[] squaredDistances, long distanceEvaluations) {
        this.n = n;
        this.k = k;
        this.indices = indices;
        this.squaredDistances = squaredDistances;
        this.distanceEvaluations = distanceEvaluations;
    }

    /**
     * Checks 1 &lt;= k &lt;= n - 1 for the searches.
     *
     * @throws IllegalArgumentException naming k and n
     */
    static void requireValidK(int k, int n) {
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k = " + k + " is out of range: k must be in 1..n-1 = 1.." + (n - 1)
                    + " for n = " + n + " points (a point is not its own neighbour)");
        }
    }

    /** Number of points n. */
    public int size() {
        return n;
    }

    /** Number of neighbours per point k. */
    public int k() {
        return k;
    }

    /** The index of point i's r-th nearest neighbour, r = 0..k-1. */
    public int neighbor(int i, int r) {
        return indices[i * k + r];
    }

    /** The squared Euclidean distance from point i to its r-th nearest neighbour. */
    public double squaredDistance(int i, int r) {
        return squaredDistances[i * k + r];
    }

    /** The Euclidean distance from point i to its r-th nearest neighbour. */
    public double distance(int i, int r) {
        return Math.sqrt(squaredDistances[i * k + r]);
    }

    /** A copy of the neighbour indices, row-major n x k. */
    public int[] indices() {
        return indices.clone();
    }

    /** A copy of the squared distances, row-major n x k. */
    public double[] squaredDistances() {
        return squaredDistances.clone();
    }

    /** The Euclidean distances, row-major n x k. */
    public double[] distances() {
        double[] d = new double[squaredDistances.length];
        for (int e = 0; e < d.length; e++) {
            d[e] = Math.sqrt(squaredDistances[e]);
        }
        return d;
    }

    /** The mean of the n k Euclidean distances, summed in row order; scipy's {@code d.mean()} of a kNN query. */
    public double meanDistance() {
        double s = 0;
        for (double d2 : squaredDistances) {
            s += Math.sqrt(d2);
        }
        return s / squaredDistances.length;
    }

    /** How many point-to-point distances the search computed. */
    public long distanceEvaluations() {
        return distanceEvaluations;
    }

    @Override
    public String toString() {
        return "KnnResult[n=" + n + ", k=" + k + ", distanceEvaluations=" + distanceEvaluations + "]";
    }
}
