package lapis.graph;

import java.util.SplittableRandom;

/** Checks and draws permutations of 0..n-1. Stateless. */
public final class Permutations {
    private Permutations() {
    }

    /**
     * Checks that p is a permutation of 0..n-1 and returns it.
     *
     * @throws IllegalArgumentException naming the first position that breaks it
     */
    public static int[] check(int[] p, int n) {
        if (p.length != n) {
            throw new IllegalArgumentException("permutation has length " + p.length + "; expected " + n);
        }
        boolean[] seen = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (p[i] < 0 || p[i] >= n || seen[p[i]]) {
                throw new IllegalArgumentException("not a permutation: position " + i + " holds " + p[i]
                        + (p[i] >= 0 && p[i] < n ? ", which appeared before" : ", outside 0.." + (n - 1)));
            }
            seen[p[i]] = true;
        }
        return p;
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates) drawn from {@code random}. */
    public static int[] random(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The inverse permutation q with q[p[i]] = i. */
    public static int[] inverse(int[] p) {
        int[] q = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            q[p[i]] = i;
        }
        return q;
    }
}
