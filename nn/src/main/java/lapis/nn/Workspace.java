package lapis.nn;

import java.lang.reflect.Array;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reusable arrays for the results of training steps, so that a steady training loop allocates nothing large.
 *
 * <p>A tape made with a workspace ({@link Tape#train(Threads, long, Workspace)}) takes the arrays of its results
 * from here and gives them all back in {@link Tape#close()}; every result of that tape, the loss and the gradients
 * returned by {@link Tape#gradients} included, is then invalid. Leaf gradients ({@link Tensor#grad()}) are copies
 * and stay valid. Arrays below 4096 elements are not pooled. Capacities are rounded up to 8 steps per octave
 * (at most 12.5% unused).
 *
 * <p><b>Steps of different sizes</b> (mini-batches of different graphs) share the pool: a request is served by
 * the smallest free array of at least its capacity, so a pool filled by a large step serves every smaller one.
 * When a step larger than all before it needs new arrays, the pool ends up holding the old ones as well; after
 * each tape closes, free arrays that the tape did not use are dropped (to the garbage collector) while the pool
 * holds more than 5/4 of the most bytes any tape had in use at once. So the pool stays near one step's worth of
 * arrays over a long run instead of adding a step's worth for every new size.
 *
 * <p>Why pool at all: activations of a ZINC batch are 1.5-3 MB each, above half a G1 region, so every one is a
 * humongous allocation; measured on the GINE benchmark, the collector paused 14-26 ms per step without a
 * workspace. Not thread-safe: one workspace serves one tape at a time.
 */
public final class Workspace {
    private static final int MIN_POOLED = 4096;

    /** A free array and the number of the tape that gave it back. */
    private record Free<A>(A array, long tape) {
    }

    private final TreeMap<Integer, ArrayDeque<Free<float[]>>> floats = new TreeMap<>();
    private final TreeMap<Integer, ArrayDeque<Free<double[]>>> doubles = new TreeMap<>();
    private long bytes;
    private long inUse;
    private long peakInUse;
    private long free;
    private long tapes;

    /** The pooled capacity for {@code size} elements: the next m 2^e with 8 &lt;= m &lt; 16. */
    static int capacity(int size) {
        if (size < MIN_POOLED) {
            return size;
        }
        int e = 31 - Integer.numberOfLeadingZeros(size) - 3;
        int m = (size + (1 << e) - 1) >>> e;
        return m << e;
    }

    float[] takeFloats(int size, boolean zero) {
        if (size < MIN_POOLED) {
            return new float[size];
        }
        int cap = capacity(size);
        float[] a = smallestFree(floats, cap);
        if (a == null) {
            bytes += 4L * cap;
            a = new float[cap];
        } else {
            free -= 4L * a.length;
            if (zero) {
                Arrays.fill(a, 0, size, 0f);
            }
        }
        taken(4L * a.length);
        return a;
    }

    double[] takeDoubles(int size, boolean zero) {
        if (size < MIN_POOLED) {
            return new double[size];
        }
        int cap = capacity(size);
        double[] a = smallestFree(doubles, cap);
        if (a == null) {
            bytes += 8L * cap;
            a = new double[cap];
        } else {
            free -= 8L * a.length;
            if (zero) {
                Arrays.fill(a, 0, size, 0.0);
            }
        }
        taken(8L * a.length);
        return a;
    }

    private void taken(long b) {
        inUse += b;
        peakInUse = Math.max(peakInUse, inUse);
    }

    /** The last-returned free array of the smallest capacity &gt;= cap, removed from the pool; null if none. */
    private static <A> A smallestFree(TreeMap<Integer, ArrayDeque<Free<A>>> pool, int cap) {
        for (Map.Entry<Integer, ArrayDeque<Free<A>>> e : pool.tailMap(cap, true).entrySet()) {
            Free<A> f = e.getValue().pollLast();
            if (f != null) {
                return f.array();
            }
        }
        return null;
    }

    void give(float[] a) {
        if (a.length >= MIN_POOLED) {
            inUse -= 4L * a.length;
            free += 4L * a.length;
            floats.computeIfAbsent(a.length, k -> new ArrayDeque<>()).addLast(new Free<>(a, tapes));
        }
    }

    void give(double[] a) {
        if (a.length >= MIN_POOLED) {
            inUse -= 8L * a.length;
            free += 8L * a.length;
            doubles.computeIfAbsent(a.length, k -> new ArrayDeque<>()).addLast(new Free<>(a, tapes));
        }
    }

    /**
     * Called when a tape has given its arrays back: while the free arrays exceed 5/4 of the peak in use, drops
     * those that this tape did not use, largest capacities first.
     */
    void tapeClosed() {
        long limit = peakInUse + peakInUse / 4;
        if (free > limit) {
            free -= drop(floats, 4, free - limit);
        }
        if (free > limit) {
            free -= drop(doubles, 8, free - limit);
        }
        tapes++;
    }

    /** Drops free arrays not given back by the current tape, largest first, until {@code excess} bytes went. */
    private <A> long drop(TreeMap<Integer, ArrayDeque<Free<A>>> pool, int elementBytes, long excess) {
        long dropped = 0;
        for (ArrayDeque<Free<A>> q : pool.descendingMap().values()) {
            Iterator<Free<A>> it = q.iterator();
            while (it.hasNext() && dropped < excess) {
                Free<A> f = it.next();
                if (f.tape() != tapes) {
                    it.remove();
                    dropped += (long) elementBytes * Array.getLength(f.array());
                }
            }
        }
        return dropped;
    }

    /** Bytes of all pooled arrays ever created (in use, free or dropped). */
    public long bytes() {
        return bytes;
    }

    long freeBytes() {
        return free;
    }

    /** The most bytes of pooled arrays one tape held at once: a training step's activation memory. */
    public long peakBytes() {
        return peakInUse;
    }
}
