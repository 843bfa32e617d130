package lapis.spectral.sparse;

import java.util.SplittableRandom;
import lapis.graph.Seeds;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.krylov.Lanczos;
import lapis.spectral.op.ExplicitMatrix;

/**
 * An estimate of ||A||_2 for the sparse solvers' tolerances and shifts: ||A||_inf (an upper bound) when A is an
 * {@link ExplicitMatrix}, otherwise the largest |Ritz value| of 20 Lanczos steps from a seeded random vector (a
 * lower bound, usually within a few per cent; 20 operator applications). Zero for the zero operator. Stateless.
 */
final class NormEstimate {
    private static final int NORM_LANCZOS_STEPS = 20;

    private NormEstimate() {
    }

    /** The estimate of ||op||_2; the seed fixes the Lanczos start vector of a matrix-free operator. */
    static double of(SymmetricOperator op, long seed) {
        if (op instanceof ExplicitMatrix m) {
            return m.normInf();
        }
        return lanczosNorm(op, seed);
    }

    private static double lanczosNorm(SymmetricOperator op, long seed) {
        int n = op.size();
        if (n == 0) {
            return 0;
        }
        SplittableRandom rnd = new SplittableRandom(Seeds.stream(seed, 0));
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = rnd.nextGaussian();
        }
        return Lanczos.run(op, start, Math.min(NORM_LANCZOS_STEPS, n), false).largestAbsRitzValue();
    }
}
