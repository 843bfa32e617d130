package lapis.nn;

import lapis.graph.Seeds;

/**
 * Inverted dropout (Srivastava et al., JMLR 2014): each element kept with probability 1 - p and scaled by
 * 1 / (1 - p). The coins come from a seed (usually {@link Tape#nextSeed()}), never from a global generator.
 */
public final class Regularization {
    private Regularization() {
    }

    /**
     * Inverted dropout: each element is kept with probability 1 - p and scaled by 1 / (1 - p). Element i's coin is
     * SplitMix64 of (seed, i), so the mask does not depend on threads or on other calls.
     */
    public static Tensor dropout(Tape tape, Tensor x, double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        if (p == 0) {
            return x;
        }
        double keep = 1 / (1 - p);
        double[] mask = new double[x.size()];
        for (int i = 0; i < mask.length; i++) {
            double u = (Seeds.mix(Seeds.stream(seed, i)) >>> 11) * 0x1.0p-53;
            mask[i] = u < p ? 0 : keep;
        }
        return Arithmetic.mul(tape, x, Tensor.of(x.dtype(), mask, x.shapeView()));
    }
}
