package lapis.nn;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The worker threads that tensor operations split their work over; the caller owns and closes them.
 *
 * <p>Determinism: every parallel loop in this module partitions its <em>outputs</em>, and each output element
 * is computed by one thread in a fixed order, so results are bit-identical for any thread count. No reduction
 * adds partial sums whose grouping depends on the number of threads.
 */
public final class Threads implements AutoCloseable {
    private final int count;
    private final ForkJoinPool pool;

    private Threads(int count) {
        this.count = count;
        this.pool = count == 1 ? null : new ForkJoinPool(count);
    }

    /** {@code count} worker threads, count &gt;= 1; with 1 every loop runs on the calling thread. */
    public static Threads of(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + count);
        }
        return new Threads(count);
    }

    /** Everything on the calling thread. */
    public static Threads single() {
        return new Threads(1);
    }

    /** Number of threads. */
    public int count() {
        return count;
    }

    /** A body over the index range [from, to). */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over [0, n) split into pieces of at least {@code grain} indices; inline when there is one
     * piece or one thread. Pieces must write disjoint outputs.
     */
    void forRange(int n, int grain, Range body) {
        if (n <= 0) {
            return;
        }
        int pieces = Math.min(count * 4, Math.max(1, n / Math.max(1, grain)));
        if (pool == null || pieces <= 1) {
            body.run(0, n);
            return;
        }
        pool.invoke(new Split(body, n, pieces, 0, pieces));
    }

    private static final class Split extends RecursiveAction {
        private final Range body;
        private final int n;
        private final int pieces;
        private final int lo;
        private final int hi;

        Split(Range body, int n, int pieces, int lo, int hi) {
            this.body = body;
            this.n = n;
            this.pieces = pieces;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                body.run((int) ((long) n * lo / pieces), (int) ((long) n * hi / pieces));
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Split(body, n, pieces, lo, mid), new Split(body, n, pieces, mid, hi));
        }
    }

    /** Shuts the pool down; running tasks finish. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    @Override
    public String toString() {
        return "Threads(" + count + ")";
    }
}
