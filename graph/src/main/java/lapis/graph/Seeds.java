package lapis.graph;

/**
 * The one place Lapis derives seeds: from a run seed and keys (epoch, sample id, probe, call number, ...) by
 * SplitMix64 mixing (Steele, Lea and Flood, OOPSLA 2014), so that every random draw is a pure function of (seed,
 * keys): the same on any thread count and in any order of evaluation. Generators are {@link
 * java.util.SplittableRandom}s seeded from here.
 */
public final class Seeds {
    /** The golden-ratio increment of SplitMix64, 2^64 / phi. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** The seed of the {@code index}-th of a family of streams: seed XOR (index + 1) x {@link #GOLDEN_GAMMA}. */
    public static long stream(long seed, long index) {
        return seed ^ (GOLDEN_GAMMA * (index + 1));
    }

    /** The seed for (seed, keys[0], keys[1], ...): SplitMix64 applied after folding in each key. */
    public static long derive(long seed, long... keys) {
        long z = mix(seed);
        for (long k : keys) {
            z = mix(z ^ mix(k + GOLDEN_GAMMA));
        }
        return z;
    }

    /** SplitMix64's output function: a bijection of 64-bit values that spreads every input bit. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
