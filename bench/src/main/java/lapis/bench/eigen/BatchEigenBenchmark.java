package lapis.bench.eigen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import lapis.graph.Graph;
import lapis.spectral.dense.ParallelSymmetricEigen;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.EigenResult;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Times all eigenpairs of the Laplacians of many small graphs (the ZINC-12k workload: 12,000 molecules, n 8..37)
 * with {@link ParallelSymmetricEigen}, as the peers do it (numpy/torch {@code eigh} batched by size): the best
 * of several repeats, the graphs per second, and the accuracy of what was computed. Prints nothing; the CLI's
 * {@code lapis bench zinc-eigh} formats the {@link Result}. Stateless.
 *
 * <p>Two times are reported: <i>eigen</i>, the decomposition of prebuilt dense Laplacians (what the peers'
 * {@code eigh} figures measure), and <i>total</i>, building each dense Laplacian from its graph plus the
 * decomposition. Eigenvectors are computed in both, residuals in neither; the accuracy comes from one extra,
 * untimed pass: the largest ||L v - lambda v||_2 and the largest |V^T V - I| entry over all graphs.
 */
public final class BatchEigenBenchmark {
    private BatchEigenBenchmark() {
    }

    /**
     * What one benchmark measured.
     *
     * @param graphs number of graphs
     * @param threads worker threads
     * @param eigenTimes wall time of each repeat, decomposition of prebuilt dense Laplacians
     * @param totalTimes wall time of each repeat, dense Laplacian construction + decomposition
     * @param maxResidual largest ||L v - lambda v||_2 over all pairs of all graphs
     * @param maxOrthogonalityError largest |(V^T V - I)_ij| over all graphs
     */
    public record Result(int graphs, int threads, Duration[] eigenTimes, Duration[] totalTimes, double maxResidual,
            double maxOrthogonalityError) {
        public Result {
            eigenTimes = eigenTimes.clone();
            totalTimes = totalTimes.clone();
        }

        @Override
        public Duration[] eigenTimes() {
            return eigenTimes.clone();
        }

        @Override
        public Duration[] totalTimes() {
            return totalTimes.clone();
        }

        /** The best (smallest) decomposition time. */
        public Duration bestEigenTime() {
            return Arrays.stream(eigenTimes).min(Duration::compareTo).orElse(Duration.ZERO);
        }

        /** The best (smallest) build + decomposition time. */
        public Duration bestTotalTime() {
            return Arrays.stream(totalTimes).min(Duration::compareTo).orElse(Duration.ZERO);
        }

        /** Graphs per second at the best decomposition time. */
        public double eigenGraphsPerSecond() {
            return graphs / seconds(bestEigenTime());
        }

        /** Graphs per second at the best build + decomposition time. */
        public double totalGraphsPerSecond() {
            return graphs / seconds(bestTotalTime());
        }
    }

    /**
     * Runs the benchmark: {@code repeats} timed passes of each kind after one untimed warm-up pass of each.
     *
     * @throws IllegalArgumentException if threads or repeats is below 1, or for {@link Normalization#RANDOM_WALK}
     */
    public static Result run(List<Graph> graphs, Normalization normalization, int threads, int repeats) {
        Objects.requireNonNull(graphs, "graphs");
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        ParallelSymmetricEigen timed = new ParallelSymmetricEigen(ParallelSymmetricEigen.Options.defaults()
                .withThreads(threads).withResiduals(false));
        List<DMatrixRMaj> dense = new ArrayList<>(graphs.size());
        for (Graph g : graphs) {
            dense.add(Laplacian.of(g, normalization).toDense());
        }
        timed.laplacians(graphs, normalization);
        timed.decompose(dense);
        Duration[] eigen = new Duration[repeats];
        Duration[] total = new Duration[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            timed.decompose(dense);
            long t1 = System.nanoTime();
            timed.laplacians(graphs, normalization);
            long t2 = System.nanoTime();
            eigen[r] = Duration.ofNanos(t1 - t0);
            total[r] = Duration.ofNanos(t2 - t1);
        }
        List<EigenResult> checked = new ParallelSymmetricEigen(ParallelSymmetricEigen.Options.defaults()
                .withThreads(threads)).decompose(dense);
        double maxResidual = 0;
        double maxOrthogonality = 0;
        for (EigenResult result : checked) {
            maxResidual = Math.max(maxResidual, result.maxResidualNorm());
            maxOrthogonality = Math.max(maxOrthogonality, orthogonalityError(result.eigenvectors(null)));
        }
        return new Result(graphs.size(), threads, eigen, total, maxResidual, maxOrthogonality);
    }

    /**
     * The baseline the batch solver replaces: EJML's symmetric QR decomposition
     * ({@code DecompositionFactory_DDRM.eig(n, true, true)}, one reused instance per size) on the same prebuilt
     * dense Laplacians in one thread; the wall time of each repeat, after one warm-up pass.
     */
    public static Duration[] ejmlBaseline(List<Graph> graphs, Normalization normalization, int repeats) {
        Objects.requireNonNull(graphs, "graphs");
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        List<DMatrixRMaj> dense = new ArrayList<>(graphs.size());
        int max = 0;
        for (Graph g : graphs) {
            dense.add(Laplacian.of(g, normalization).toDense());
            max = Math.max(max, g.vertexCount());
        }
        List<EigenDecomposition_F64<DMatrixRMaj>> bySize = new ArrayList<>();
        for (int n = 0; n <= max; n++) {
            bySize.add(DecompositionFactory_DDRM.eig(n, true, true));
        }
        Duration[] times = new Duration[repeats];
        for (int r = -1; r < repeats; r++) {
            long t0 = System.nanoTime();
            for (DMatrixRMaj a : dense) {
                if (!bySize.get(a.numRows).decompose(a.copy())) {
                    throw new IllegalStateException("EJML failed on a " + a.numRows + "x" + a.numRows + " matrix");
                }
            }
            if (r >= 0) {
                times[r] = Duration.ofNanos(System.nanoTime() - t0);
            }
        }
        return times;
    }

    private static double orthogonalityError(DMatrixRMaj v) {
        DMatrixRMaj g = new DMatrixRMaj(v.numCols, v.numCols);
        CommonOps_DDRM.multTransA(v, v, g);
        double worst = 0;
        for (int i = 0; i < g.numRows; i++) {
            for (int j = 0; j < g.numCols; j++) {
                worst = Math.max(worst, Math.abs(g.get(i, j) - (i == j ? 1.0 : 0.0)));
            }
        }
        return worst;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
