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
     * Largest dimension for which {@link #exact} picks the {@link KdTree}. Provisional, from one noisy run on
     * 20,000 points uniform in the unit cube, k = 10, 2 threads: KD-tree 1.18 s and brute force 4.37 s at dim 12,
     * 6.6 s and 4.5 s at dim 16.
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
