package lapis.nn.optim;

/**
 * The learning rate of each step, counted from 0. Warm-up ramps linearly from peak / warmup at step 0 to the peak at
 * step warmup - 1 (so no step is wasted at rate 0), then the rate decays to the end value at step {@code total}
 * and stays there.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    double rate(long step);

    /** The same rate for every step. */
    static LearningRateSchedule constant(double rate) {
        check(rate, 0, 1);
        return s -> rate;
    }

    /** Warm-up, then linear decay from {@code peak} to 0 at step {@code total} (the SPE reference schedule). */
    static LearningRateSchedule warmupLinear(double peak, long warmup, long total) {
        check(peak, warmup, total);
        return s -> {
            if (s < warmup) {
                return peak * (s + 1) / warmup;
            }
            return s >= total ? 0 : peak * (double) (total - s) / (total - warmup);
        };
    }

    /** Warm-up, then cosine decay from {@code peak} to {@code end}: end + (peak - end) (1 + cos(pi u)) / 2. */
    static LearningRateSchedule warmupCosine(double peak, long warmup, long total, double end) {
        check(peak, warmup, total);
        if (!(end >= 0 && end <= peak)) {
            throw new IllegalArgumentException("cosine end rate must be in [0, peak], got " + end);
        }
        return s -> {
            if (s < warmup) {
                return peak * (s + 1) / warmup;
            }
            if (s >= total) {
                return end;
            }
            double u = (double) (s - warmup) / (total - warmup);
            return end + (peak - end) * 0.5 * (1 + Math.cos(Math.PI * u));
        };
    }

    private static void check(double peak, long warmup, long total) {
        if (!(peak >= 0) || Double.isInfinite(peak)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + peak);
        }
        if (warmup < 0 || total < warmup || (total == warmup && total > 1)) {
            throw new IllegalArgumentException("need 0 <= warmup < total, got warmup " + warmup + ", total "
                    + total);
        }
    }
}
