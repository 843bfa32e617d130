package lapis.spectral.krylov;

import java.util.Arrays;
import lapis.spectral.SymmetricOperator;

/**
 * The symmetric Lanczos process, A Q_j = Q_j T_j + beta_j q_{j+1} e_j^T (Lanczos 1950), with optional full
 * reorthogonalisation (two classical Gram-Schmidt passes against every earlier vector, O(n j) per step and O(n m)
 * memory). One step costs one operator application and O(n). Stops early at an invariant subspace
 * (beta_j &lt;= 1e-12 * max_i (|alpha_i| + beta_i + beta_{i-1})), where the Ritz values of the
 * {@link Tridiagonal} become exact. Stateless.
 */
public final class Lanczos {
    private static final double BREAKDOWN = 1e-12;

    private Lanczos() {
    }

    /**
     * Runs up to m steps from start (normalised here; not modified), without reorthogonalisation when
     * {@code reorthogonalize} is false (O(n) memory).
     *
     * @throws IllegalArgumentException if start is zero or not finite, or its length is not a.size()
     */
    public static Tridiagonal run(SymmetricOperator a, double[] start, int m, boolean reorthogonalize) {
        int n = a.size();
        if (start.length != n) {
            throw new IllegalArgumentException("start vector of length " + start.length + " for an operator of size "
                    + n);
        }
        double norm = Math.sqrt(dot(start, start, n));
        if (!(norm > 0) || Double.isInfinite(norm)) {
            throw new IllegalArgumentException("start vector has norm " + norm);
        }
        double[][] basis = reorthogonalize ? new double[m][] : null;
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = start[i] / norm;
        }
        double[] previous = new double[n];
        double[] w = new double[n];
        double[] alpha = new double[m];
        double[] beta = new double[m];
        double scale = 0;
        int steps = 0;
        for (int j = 0; j < m; j++) {
            if (reorthogonalize) {
                basis[j] = q.clone();
            }
            a.apply(q, w);
            steps++;
            double aj = dot(q, w, n);
            double bPrev = j > 0 ? beta[j - 1] : 0.0;
            for (int i = 0; i < n; i++) {
                w[i] -= aj * q[i] + bPrev * previous[i];
            }
            if (reorthogonalize) {
                for (int pass = 0; pass < 2; pass++) {
                    for (int i = 0; i <= j; i++) {
                        double c = dot(basis[i], w, n);
                        double[] b = basis[i];
                        for (int r = 0; r < n; r++) {
                            w[r] -= c * b[r];
                        }
                    }
                }
            }
            double bj = Math.sqrt(dot(w, w, n));
            alpha[j] = aj;
            beta[j] = bj;
            scale = Math.max(scale, Math.abs(aj) + bj + bPrev);
            if (bj <= BREAKDOWN * scale) {
                beta[j] = 0.0;
                break;
            }
            double[] t = previous;
            previous = q;
            q = t;
            for (int i = 0; i < n; i++) {
                q[i] = w[i] / bj;
            }
        }
        return new Tridiagonal(Arrays.copyOf(alpha, steps), Arrays.copyOf(beta, steps), steps);
    }

    private static double dot(double[] x, double[] y, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
