package lapis.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import lapis.graph.Seeds;

/**
 * The order in which samples are visited: a Fisher-Yates shuffle of 0..n-1 for each epoch, from a generator
 * seeded by SplitMix64 of (seed, epoch). So epoch e has the same order whether or not the run was restarted from a
 * checkpoint in between, and on any number of threads. O(n) per epoch.
 */
public final class BatchOrder {
    private BatchOrder() {
    }

    /** A permutation of 0..n-1 for this (seed, epoch). */
    public static int[] permutation(int n, long seed, int epoch) {
        if (n < 0 || epoch < 0) {
            throw new IllegalArgumentException("need n >= 0 and epoch >= 0, got " + n + ", " + epoch);
        }
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed ^ Seeds.mix(epoch + 1L)));
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * The shuffled samples of this epoch cut into batches of {@code batchSize}; the last, shorter batch is dropped
     * when {@code dropLast}.
     */
    public static List<int[]> batches(int n, int batchSize, long seed, int epoch, boolean dropLast) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        int[] p = permutation(n, seed, epoch);
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            if (to - from < batchSize && dropLast) {
                break;
            }
            out.add(Arrays.copyOfRange(p, from, to));
        }
        return out;
    }
}
