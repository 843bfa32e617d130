/**
 * Exact k-nearest-neighbour search and kNN graphs of point sets in any dimension.
 *
 * <p>{@link lapis.graph.knn.PointSet} holds the points; {@link lapis.graph.knn.NearestNeighbors} is the search, with
 * {@link lapis.graph.knn.KdTree} (Bentley 1975; Arya and Mount 1993) for low dimension and
 * {@link lapis.graph.knn.BlockedBruteForce} for high dimension, both returning the same
 * {@link lapis.graph.knn.KnnResult}: the k smallest by (distance, index). {@link lapis.graph.knn.KnnGraph} turns the
 * neighbours into a symmetric weighted {@link lapis.graph.Graph} (von Luxburg 2007); {@code lapis bench knn} (the
 * bench module) times it against scipy's cKDTree ({@code bench/peers/knn_ckdtree.py}).
 */
package lapis.graph.knn;
