package lapis.spectral.density;

import java.util.SplittableRandom;
import lapis.graph.Seeds;

/** Random probe vectors. Probe i depends on (seed, i) only, so results do not depend on evaluation order. */
final class Probes {
    private Probes() {
    }

    /** A Rademacher vector: independent entries +1 or -1 with probability 1/2 each. */
    static double[] rademacher(long seed, int probe, int n) {
        SplittableRandom random = new SplittableRandom(Seeds.stream(seed, probe));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextBoolean() ? 1.0 : -1.0;
        }
        return v;
    }

    /**
     * A standard Gaussian vector. Unlike a Rademacher vector, it is orthogonal to no fixed eigenvector with
     * positive probability (a Rademacher vector is, for instance, to the alternating vector of an even cycle half
     * the time it sums to zero), so Lanczos from it sees the whole spectrum.
     */
    static double[] gaussian(long seed, int probe, int n) {
        SplittableRandom random = new SplittableRandom(Seeds.stream(seed, probe));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}
