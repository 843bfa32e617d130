package lapis.spectral.sparse;

import java.util.SplittableRandom;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.op.ExplicitMatrix;
import org.ejml.data.DMatrixRMaj;

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
        int steps = Math.min(NORM_LANCZOS_STEPS, n);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = rnd.nextGaussian();
        }
        Vectors.scale(q, 1.0 / Vectors.norm(q));
        double[] qPrev = new double[n];
        double[] w = new double[n];
        double[] alpha = new double[steps];
        double[] beta = new double[steps];
        int used = 0;
        for (int s = 0; s < steps; s++) {
            op.apply(q, w);
            double al = Vectors.dot(w, q);
            for (int i = 0; i < n; i++) {
                w[i] -= al * q[i] + (s > 0 ? beta[s - 1] * qPrev[i] : 0.0);
            }
            alpha[s] = al;
            used = s + 1;
            double b = Vectors.norm(w);
            beta[s] = b;
            if (!(b > 1e-12 * Math.abs(al)) || s == steps - 1) {
                break;
            }
            double[] t = qPrev;
            qPrev = q;
            q = t;
            for (int i = 0; i < n; i++) {
                q[i] = w[i] / b;
            }
        }
        DMatrixRMaj t = new DMatrixRMaj(used, used);
        for (int s = 0; s < used; s++) {
            t.set(s, s, alpha[s]);
            if (s + 1 < used) {
                t.set(s, s + 1, beta[s]);
                t.set(s + 1, s, beta[s]);
            }
        }
        double[] ev = DenseSymmetric.eigenvalues(t);
        return Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
    }
}
