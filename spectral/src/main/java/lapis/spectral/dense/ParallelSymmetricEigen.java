package lapis.spectral.dense;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import lapis.graph.Graph;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.EigenResult;
import lapis.spectral.NotConvergedException;
import org.ejml.data.DMatrixRMaj;

/**
 * All eigenpairs of many small symmetric matrices (molecules: n &lt;= 40), or of the Laplacians of many small
 * graphs, on a fixed number of worker threads, each with its own {@link BatchSymmetricEigen} workspace.
 *
 * <p><b>Streaming and order.</b> The input iterator is read by the calling thread only, in chunks of
 * {@link Options#chunkSize()} items; at most {@code 2 * threads} chunks are in flight, so memory stays bounded for
 * any input length. Results come out in input order, and each is computed by the same deterministic code
 * whichever thread runs it, so the output is bit-identical for every thread count. With one thread nothing is
 * started: the items are decomposed lazily in the calling thread. Worker threads are daemons that end when the
 * input is exhausted (or one second after an abandoned iterator was last used).
 *
 * <p><b>Results.</b> One {@link EigenResult} per item: all n pairs, eigenvalues ascending, the sign convention of
 * {@link SymmetricEigen}, iterations = QL sweeps, operator applications 0, the item's own wall time. Residuals
 * ||A v - lambda v||_2 are computed when {@link Options#residuals()} is set (2 n^3 more flops each), and are NaN
 * otherwise; with {@link Options#vectors()} off the results hold eigenvalues only.
 *
 * <p><b>Errors.</b> A bad item (not square, not finite, not symmetric) or a QL failure stops the iteration with
 * the item's exception, its message prefixed by the item's index.
 *
 * <p>Cost: O(sum n^3) / threads. Immutable; each call is independent and may run concurrently with others.
 */
public final class ParallelSymmetricEigen {
    private final Options options;

    /**
     * Settings. threads: worker threads (&gt;= 1); vectors: compute eigenvectors; residuals: compute residual
     * norms (needs vectors); chunkSize: items per task (&gt;= 1).
     */
    public record Options(int threads, boolean vectors, boolean residuals, int chunkSize) {
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
            }
            if (residuals && !vectors) {
                throw new IllegalArgumentException("residuals need eigenvectors: set vectors too");
            }
        }

        /** All available processors, eigenvectors and residuals, chunks of 64 items. */
        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), true, true, 64);
        }

        public Options withThreads(int threads) {
            return new Options(threads, vectors, residuals, chunkSize);
        }

        /** Turning vectors off turns residuals off too. */
        public Options withVectors(boolean vectors) {
            return new Options(threads, vectors, residuals && vectors, chunkSize);
        }

        public Options withResiduals(boolean residuals) {
            return new Options(threads, vectors, residuals, chunkSize);
        }

        public Options withChunkSize(int chunkSize) {
            return new Options(threads, vectors, residuals, chunkSize);
        }
    }

    public ParallelSymmetricEigen(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The settings. */
    public Options options() {
        return options;
    }

    /** The eigenpairs of each symmetric matrix, in input order, computed as the iterator is read. */
    public Iterator<EigenResult> decompose(Iterator<DMatrixRMaj> matrices) {
        Objects.requireNonNull(matrices, "matrices");
        return new Ordered<>(matrices, (worker, a) -> worker.solve(a));
    }

    /** The eigenpairs of each symmetric matrix, in input order. */
    public List<EigenResult> decompose(List<DMatrixRMaj> matrices) {
        return drain(decompose(matrices.iterator()), matrices.size());
    }

    /**
     * The eigenpairs of the Laplacian of each graph, in input order, computed as the iterator is read. Each
     * worker builds the dense n x n Laplacian ({@link Laplacian#of}) into its own reused matrix.
     *
     * @throws IllegalArgumentException for {@link Normalization#RANDOM_WALK}, which is not symmetric (its
     *     eigenvalues are those of {@link Normalization#SYMMETRIC})
     */
    public Iterator<EigenResult> laplacians(Iterator<Graph> graphs, Normalization normalization) {
        Objects.requireNonNull(graphs, "graphs");
        Objects.requireNonNull(normalization, "normalization");
        normalization.requireSymmetric();
        return new Ordered<>(graphs, (worker, g) -> worker.solve(worker.laplacian(g, normalization)));
    }

    /** The eigenpairs of the Laplacian of each graph, in input order. */
    public List<EigenResult> laplacians(List<Graph> graphs, Normalization normalization) {
        return drain(laplacians(graphs.iterator(), normalization), graphs.size());
    }

    private static List<EigenResult> drain(Iterator<EigenResult> it, int size) {
        List<EigenResult> out = new ArrayList<>(size);
        it.forEachRemaining(out::add);
        return out;
    }

    /** What a worker does with one item. */
    @FunctionalInterface
    private interface Task<T> {
        EigenResult run(Worker worker, T item);
    }

    /** One thread's workspaces. */
    private final class Worker {
        private final BatchSymmetricEigen solver = new BatchSymmetricEigen(40);
        private final DMatrixRMaj dense = new DMatrixRMaj(1, 1);
        private final DMatrixRMaj vectors = new DMatrixRMaj(1, 1);
        private double[] values = new double[40];

        DMatrixRMaj laplacian(Graph g, Normalization normalization) {
            int n = g.vertexCount();
            dense.reshape(n, n);
            Arrays.fill(dense.data, 0, n * n, 0.0);
            double[] data = dense.data;
            Laplacian.of(g, normalization).forEachEntry((i, j, v) -> data[i * n + j] = v);
            return dense;
        }

        EigenResult solve(DMatrixRMaj a) {
            long start = System.nanoTime();
            int n = a.numRows;
            if (values.length < n) {
                values = new double[n];
            }
            DMatrixRMaj out = solver.decompose(a, values, options.vectors() ? vectors : null);
            double[] v = Arrays.copyOf(values, n);
            double[] residuals;
            if (options.residuals()) {
                residuals = SymmetricEigen.residualNorms(a, v, out, null);
            } else {
                residuals = new double[n];
                Arrays.fill(residuals, Double.NaN);
            }
            return new EigenResult(v, out, residuals, solver.sweeps(), 0,
                    Duration.ofNanos(System.nanoTime() - start), true, SymmetricEigen.SOLVER);
        }
    }

    /** Runs a chunk of items, numbered from first, in one worker. */
    private static <T> List<EigenResult> runChunk(Task<T> task, Worker worker, List<T> chunk, long first) {
        List<EigenResult> out = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            try {
                out.add(task.run(worker, chunk.get(i)));
            } catch (NotConvergedException ex) {
                throw new NotConvergedException("item " + (first + i) + ": " + ex.getMessage(), ex.partial());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("item " + (first + i) + ": " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    /** The ordered, bounded, lazily filled result iterator. */
    private final class Ordered<T> implements Iterator<EigenResult> {
        private final Iterator<T> source;
        private final Task<T> task;
        private final ThreadPoolExecutor pool;
        private final ThreadLocal<Worker> workers;
        private final ArrayDeque<Future<List<EigenResult>>> pending = new ArrayDeque<>();
        private final Worker local;
        private Iterator<EigenResult> current = Collections.emptyIterator();
        private long submitted;

        Ordered(Iterator<T> source, Task<T> task) {
            this.source = source;
            this.task = task;
            if (options.threads() == 1) {
                pool = null;
                workers = null;
                local = new Worker();
            } else {
                local = null;
                workers = ThreadLocal.withInitial(Worker::new);
                pool = new ThreadPoolExecutor(options.threads(), options.threads(), 1, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), r -> {
                            Thread t = new Thread(r, "lapis-eigen-batch");
                            t.setDaemon(true);
                            return t;
                        });
                pool.allowCoreThreadTimeOut(true);
            }
        }

        private List<T> nextChunk() {
            List<T> chunk = new ArrayList<>(options.chunkSize());
            while (chunk.size() < options.chunkSize() && source.hasNext()) {
                chunk.add(source.next());
            }
            return chunk;
        }

        private void refill() {
            while (pending.size() < 2 * options.threads() && source.hasNext()) {
                List<T> chunk = nextChunk();
                long first = submitted;
                submitted += chunk.size();
                pending.add(pool.submit(() -> runChunk(task, workers.get(), chunk, first)));
            }
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                if (pool == null) {
                    if (!source.hasNext()) {
                        return false;
                    }
                    List<T> chunk = nextChunk();
                    long first = submitted;
                    submitted += chunk.size();
                    current = runChunk(task, local, chunk, first).iterator();
                    continue;
                }
                refill();
                Future<List<EigenResult>> next = pending.poll();
                if (next == null) {
                    pool.shutdown();
                    return false;
                }
                current = await(next).iterator();
                refill();
            }
            return true;
        }

        private List<EigenResult> await(Future<List<EigenResult>> future) {
            try {
                return future.get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                throw new IllegalStateException("interrupted while waiting for eigendecompositions", ex);
            } catch (ExecutionException ex) {
                pool.shutdownNow();
                Throwable cause = ex.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }

        @Override
        public EigenResult next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
