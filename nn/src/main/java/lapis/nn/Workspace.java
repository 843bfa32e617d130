package lapis.nn;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reusable arrays for the results of training steps, so that a steady training loop allocates nothing large.
 *
 * <p>A tape made with a workspace ({@link Tape#train(Threads, long, Workspace)}) takes the arrays of its results
 * from here and gives them all back in {@link Tape#close()}; every result of that tape, the loss and the gradients
 * returned by {@link Tape#gradients} included, is then invalid. Leaf gradients ({@link Tensor#grad()}) are copies
 * and stay valid. Arrays below 4096 elements are not pooled. Capacities are rounded up to 8 steps per octave
 * (at most 12.5% unused), and a request is served by the smallest free array of at least its capacity, so
 * batches of different sizes share arrays and the pool never grows beyond what the largest step holds at once
 * (without the second rule, every new capacity class of a long training run added a whole step's worth of
 * arrays).
 *
 * <p>Why: activations of a ZINC batch are 1.5-3 MB each, above half a G1 region, so every one is a humongous
 * allocation; measured on the GINE benchmark, the collector paused 14-26 ms per step without a workspace.
 * Not thread-safe: one workspace serves one tape at a time.
 */
public final class Workspace {
    private static final int MIN_POOLED = 4096;
    private final TreeMap<Integer, ArrayDeque<float[]>> floats = new TreeMap<>();
    private final TreeMap<Integer, ArrayDeque<double[]>> doubles = new TreeMap<>();
    private long bytes;

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
            return new float[cap];
        }
        if (zero) {
            Arrays.fill(a, 0, size, 0f);
        }
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
            return new double[cap];
        }
        if (zero) {
            Arrays.fill(a, 0, size, 0.0);
        }
        return a;
    }

    /** The last-returned free array of the smallest capacity &gt;= cap, removed from the pool; null if none. */
    private static <A> A smallestFree(TreeMap<Integer, ArrayDeque<A>> pool, int cap) {
        for (Map.Entry<Integer, ArrayDeque<A>> e : pool.tailMap(cap, true).entrySet()) {
            A a = e.getValue().pollLast();
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    void give(float[] a) {
        if (a.length >= MIN_POOLED) {
            floats.computeIfAbsent(a.length, k -> new ArrayDeque<>()).addLast(a);
        }
    }

    void give(double[] a) {
        if (a.length >= MIN_POOLED) {
            doubles.computeIfAbsent(a.length, k -> new ArrayDeque<>()).addLast(a);
        }
    }

    /** Bytes of all pooled arrays ever created (in use or free). */
    public long bytes() {
        return bytes;
    }
}
