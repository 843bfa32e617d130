package lapis.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * An index array {@code values[k]} in [0, range) together with its inverse grouping: for each target i, the
 * positions k with {@code values[k] == i}, in increasing k. Gather ({@link MessagePassing#gather}) reads through it
 * and scatter ({@link MessagePassing#scatterSum}) writes through it; the grouping lets scatter run in parallel over
 * targets in a fixed summation order, so it is deterministic on any number of threads. Immutable; building costs
 * O(size + range) (a stable counting sort), so build one per batch and reuse it across layers.
 */
public final class Index {
    private final int[] values;
    private final int range;
    private final int[] starts;
    private final int[] order;

    private Index(int[] values, int range) {
        this.values = values;
        this.range = range;
        this.starts = new int[range + 1];
        for (int v : values) {
            starts[v + 1]++;
        }
        for (int i = 0; i < range; i++) {
            starts[i + 1] += starts[i];
        }
        this.order = new int[values.length];
        int[] next = Arrays.copyOf(starts, range);
        for (int k = 0; k < values.length; k++) {
            order[next[values[k]]++] = k;
        }
    }

    /**
     * The index {@code values} into [0, range); the array is copied.
     *
     * @throws IllegalArgumentException naming the first position whose value is outside [0, range)
     */
    public static Index of(int[] values, int range) {
        Objects.requireNonNull(values, "values");
        if (range < 0) {
            throw new IllegalArgumentException("range must be >= 0, got " + range);
        }
        for (int k = 0; k < values.length; k++) {
            if (values[k] < 0 || values[k] >= range) {
                throw new IllegalArgumentException("index value " + values[k] + " at position " + k
                        + " is outside [0, " + range + ")");
            }
        }
        return new Index(values.clone(), range);
    }

    /** The segment index of consecutive blocks: positions offsets[g] .. offsets[g + 1] - 1 map to g. */
    public static Index ofOffsets(int[] offsets) {
        Objects.requireNonNull(offsets, "offsets");
        if (offsets.length == 0 || offsets[0] != 0) {
            throw new IllegalArgumentException("offsets must start with 0");
        }
        int groups = offsets.length - 1;
        int[] v = new int[offsets[groups]];
        for (int g = 0; g < groups; g++) {
            if (offsets[g + 1] < offsets[g]) {
                throw new IllegalArgumentException("offsets decrease at " + g + ": " + offsets[g] + " > "
                        + offsets[g + 1]);
            }
            Arrays.fill(v, offsets[g], offsets[g + 1], g);
        }
        return new Index(v, groups);
    }

    /** Number of positions. */
    public int size() {
        return values.length;
    }

    /** Values lie in [0, range). */
    public int range() {
        return range;
    }

    /** The value at position k. */
    public int get(int k) {
        return values[k];
    }

    /** How many positions hold the value i. */
    public int count(int i) {
        return starts[i + 1] - starts[i];
    }

    /** A copy of the values. */
    public int[] values() {
        return values.clone();
    }

    int[] valuesView() {
        return values;
    }

    int[] startsView() {
        return starts;
    }

    int[] orderView() {
        return order;
    }
}
