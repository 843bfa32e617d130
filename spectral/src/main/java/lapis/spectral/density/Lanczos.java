package lapis.spectral.density;

import java.util.Arrays;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.dense.BatchSymmetricEigen;
import org.ejml.data.DMatrixRMaj;

/**
 * The symmetric Lanczos process, A Q_j = Q_j T_j + beta_j q_{j+1} e_j^T, with optional full reorthogonalisation
 * (two classical Gram-Schmidt passes against every earlier vector, O(n j) per step and O(n m) memory), and the
 * Gauss quadrature rule it defines: nodes the eigenvalues of T_j, weights the squared first components of its
 * eigenvectors (Golub and Meurant, Matrices, Moments and Quadrature, 2010). Stops early at an invariant
 * subspace (beta_j &lt;= 1e-12 * max_i (|alpha_i| + beta_i)), where the rule becomes exact. Stateless.
 */
final class Lanczos {
    private static final double BREAKDOWN = 1e-12;

    private Lanczos() {
    }

    /**
     * The tridiagonal T_j after j &lt;= m steps: alpha (diagonal, length j), beta (length j; beta[i] couples i and
     * i+1, beta[j-1] the last, the residual norm), and the operator applications (= j).
     */
    record Tridiagonal(double[] alpha, double[] beta, int steps) {
        /** Gauss rule of T: [nodes ascending, weights] with the weights summing to 1. */
        double[][] gaussRule() {
            int j = steps;
            DMatrixRMaj t = new DMatrixRMaj(j, j);
            for (int i = 0; i < j; i++) {
                t.set(i, i, alpha[i]);
                if (i + 1 < j) {
                    t.set(i, i + 1, beta[i]);
                    t.set(i + 1, i, beta[i]);
                }
            }
            double[] nodes = new double[j];
            DMatrixRMaj y = new DMatrixRMaj(j, j);
            new BatchSymmetricEigen(j).decompose(t, nodes, y);
            double[] weights = new double[j];
            for (int k = 0; k < j; k++) {
                weights[k] = y.get(0, k) * y.get(0, k);
            }
            return new double[][] {nodes, weights};
        }

        /**
         * [smallest Ritz value - its residual bound, largest Ritz value + its residual bound], the residual bound
         * of Ritz pair k being |beta_{j-1} y_k(j-1)| (0 after a breakdown, where the Ritz values are exact).
         */
        double[] ritzInterval() {
            int j = steps;
            DMatrixRMaj t = new DMatrixRMaj(j, j);
            for (int i = 0; i < j; i++) {
                t.set(i, i, alpha[i]);
                if (i + 1 < j) {
                    t.set(i, i + 1, beta[i]);
                    t.set(i + 1, i, beta[i]);
                }
            }
            double[] theta = new double[j];
            DMatrixRMaj y = new DMatrixRMaj(j, j);
            new BatchSymmetricEigen(j).decompose(t, theta, y);
            double last = beta[j - 1];
            return new double[] {theta[0] - Math.abs(last * y.get(j - 1, 0)),
                theta[j - 1] + Math.abs(last * y.get(j - 1, j - 1))};
        }
    }

    /**
     * Runs up to m steps from start (normalised here; not modified).
     *
     * @throws IllegalArgumentException if start is zero or not finite, or its length is not a.size()
     */
    static Tridiagonal run(SymmetricOperator a, double[] start, int m, boolean reorthogonalize) {
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

    static double dot(double[] x, double[] y, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
