package lapis.graph.knn;

/**
 * Exact k-nearest-neighbour search over a point set: the k nearest other points of every point.
 *
 * <p>Every implementation returns the same {@link KnnResult} for the same points: the k smallest by (squared
 * distance, index), distances summed as {@link PointSet#squaredDistance} does. Implementations are stateless
 * between calls and safe to share between threads.
 */
public interface NearestNeighbors {

    /**
     * Largest dimension for which {@link #exact} picks the {@link KdTree}: 12. Measured 2026-11-23 on points uniform
     * in the unit cube (the tree's worst case: intrinsic dimension = dimension), k = 10, best of 3, 2 threads on a
     * loaded 2-core machine (times in s, KD-tree / brute force):
     * <pre>
     * dim          8            10           12           14           16           20
     * n = 5,000    0.09 / 0.24  0.15 / 0.17  0.26 / 0.17  0.34 / 0.18  0.37 / 0.20  1.00 / 0.54
     * n = 20,000   0.94 / 4.18  1.92 / 5.97  4.12 / 4.09  8.50 / 5.08  12.1 / 6.60  14.5 / 5.96
     * </pre>
     * The tree's cost grows more slowly in n than the brute force's n^2, so the cut-over rises with n; 12 is the
     * tie at n = 20,000. Data of low intrinsic dimension in a high ambient dimension (points near a surface) favour
     * the tree further: pass a {@link KdTree} explicitly there.
     */
    int KD_TREE_MAX_DIMENSION = 12;

    /**
     * The k nearest neighbours of every point, the point itself excluded (a duplicate of it is a neighbour at
     * distance 0).
     *
     * @throws IllegalArgumentException naming k and n unless 1 &lt;= k &lt;= n - 1
     */
    KnnResult search(PointSet points, int k);

    /**
     * The exact search suited to dimension dim: a {@link KdTree} up to {@link #KD_TREE_MAX_DIMENSION}, a
     * {@link BlockedBruteForce} above.
     *
     * @throws IllegalArgumentException if dim &lt; 1
     */
    static NearestNeighbors exact(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dim);
        }
        return dim <= KD_TREE_MAX_DIMENSION ? new KdTree() : new BlockedBruteForce();
    }
}
