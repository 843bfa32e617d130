package lapis.graph;

/**
 * Seeds derived from a run seed and keys (epoch, sample id, ...) by SplitMix64 mixing, so that every random draw
 * of an encoding is a pure function of (seed, keys): the same on any thread count and in any batch order.
 */
public final class Seeds {
    private Seeds() {
    }

    /** The seed for (seed, keys[0], keys[1], ...): SplitMix64 applied after folding in each key. */
    public static long derive(long seed, long... keys) {
        long z = mix(seed);
        for (long k : keys) {
            z = mix(z ^ mix(k + 0x9E3779B97F4A7C15L));
        }
        return z;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
