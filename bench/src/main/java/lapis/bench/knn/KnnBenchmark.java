package lapis.bench.knn;

import java.util.concurrent.ForkJoinPool;
import lapis.datasets.points.SphereSampler;
import lapis.graph.knn.KdTree;
import lapis.graph.knn.KnnGraph;
import lapis.graph.knn.KnnResult;
import lapis.graph.knn.PointSet;

/**
 * The kNN benchmark against scipy's cKDTree ({@code bench/peers/knn_ckdtree.py}): n points uniform on the unit
 * sphere S^2 ({@link SphereSampler#uniform}), k neighbours, timed as the peer times them. It prints nothing: the CLI's {@code lapis bench knn}
 * is meant to run it and print the result.
 *
 * <p>Two wall-clock times, each the best of {@code repeats} runs after {@code repeats} warm-up runs (the JIT
 * compiles the hot loops during the warm-up): the {@link KdTree} build plus the query of every point (the peer's
 * {@code cKDTree(X)} plus {@code query(X, k + 1)}), and the whole {@link KnnGraph} with the peer's options
 * ({@link KnnGraph.Options#of}: Gaussian weights, sigma the mean kNN distance, W = max(W, W^T)). Queries run on the
 * common fork-join pool and the calling thread.
 */
public final class KnnBenchmark {
    private KnnBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param n number of points, at least 2
     * @param k neighbours per point, 1..n-1
     * @param repeats timed runs (and as many warm-up runs), at least 1
     * @param seed seed of the point generator
     * @throws IllegalArgumentException naming the bad argument
     */
    public static Result run(int n, int k, int repeats, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("n = " + n + "; the benchmark needs at least 2 points");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats = " + repeats + "; it must be >= 1");
        }
        PointSet points = PointSet.of(3, SphereSampler.uniform().sample(n, seed).coordinates());
        KdTree tree = new KdTree();
        KnnGraph graphBuilder = new KnnGraph(KnnGraph.Options.of(k), tree);
        KnnResult knn = null;
        KnnGraph.Result graph = null;
        double bestSearch = Double.POSITIVE_INFINITY;
        double bestGraph = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 2 * repeats; run++) {
            long t0 = System.nanoTime();
            knn = tree.search(points, k);
            long t1 = System.nanoTime();
            graph = graphBuilder.build(points);
            long t2 = System.nanoTime();
            if (run >= repeats) {
                bestSearch = Math.min(bestSearch, (t1 - t0) * 1e-9);
                bestGraph = Math.min(bestGraph, (t2 - t1) * 1e-9);
            }
        }
        return new Result(n, k, repeats, ForkJoinPool.getCommonPoolParallelism() + 1, bestSearch, bestGraph,
                graph.sigma(), graph.graph().edgeCount(), knn.distanceEvaluations());
    }

    /**
     * What one benchmark run measured.
     *
     * @param n points
     * @param k neighbours per point
     * @param repeats timed runs per measurement (after as many warm-up runs)
     * @param threads threads the queries could use: the common pool's workers plus the caller
     * @param buildQuerySeconds best wall time of the KD-tree build plus the query of all points
     * @param graphSeconds best wall time of the whole kNN graph (search, weights, symmetrisation, CSR)
     * @param sigma the Gaussian width, the mean kNN distance
     * @param edges undirected edges of the graph
     * @param distanceEvaluations point-to-point distances one search computed
     */
    public record Result(int n, int k, int repeats, int threads, double buildQuerySeconds, double graphSeconds,
            double sigma, int edges, long distanceEvaluations) {
    }
}
