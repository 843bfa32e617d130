package lapis.spectral.krylov;

import lapis.spectral.dense.BatchSymmetricEigen;
import org.ejml.data.DMatrixRMaj;

/**
 * The Lanczos tridiagonal T_j after j steps, and what is read from it through its one eigen-decomposition
 * T_j = Y diag(theta) Y^T (Householder + implicit QL, O(j^3)): the Ritz values theta, the Gauss quadrature rule
 * and Ritz error bounds. Immutable once built by {@link Lanczos#run}.
 *
 * @param alpha the diagonal, length j
 * @param beta the couplings, length j: beta[i] couples i and i + 1, beta[j - 1] is the residual norm (0 after a
 *     breakdown, where the Ritz values are exact)
 * @param steps j, which is also the number of operator applications
 */
public record Tridiagonal(double[] alpha, double[] beta, int steps) {

    /** The Ritz values theta ascending and the unit eigenvectors Y (columns) of T. */
    public record Ritz(double[] values, DMatrixRMaj vectors) {
    }

    /** The eigen-decomposition of T. O(j^3). */
    public Ritz ritz() {
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
        return new Ritz(theta, y);
    }

    /**
     * The Gauss rule of T (Golub and Meurant, Matrices, Moments and Quadrature, 2010): [nodes ascending, weights],
     * nodes the Ritz values, weights the squared first components of the eigenvectors, summing to 1.
     */
    public double[][] gaussRule() {
        Ritz r = ritz();
        double[] weights = new double[steps];
        for (int k = 0; k < steps; k++) {
            weights[k] = r.vectors().get(0, k) * r.vectors().get(0, k);
        }
        return new double[][] {r.values(), weights};
    }

    /**
     * [smallest Ritz value - its residual bound, largest Ritz value + its residual bound], the residual bound of
     * Ritz pair k being |beta_{j-1} y_k(j-1)| (0 after a breakdown, where the Ritz values are exact).
     */
    public double[] ritzInterval() {
        Ritz r = ritz();
        double[] theta = r.values();
        DMatrixRMaj y = r.vectors();
        int j = steps;
        double last = beta[j - 1];
        return new double[] {theta[0] - Math.abs(last * y.get(j - 1, 0)),
            theta[j - 1] + Math.abs(last * y.get(j - 1, j - 1))};
    }

    /** The largest |Ritz value|, max(|theta_min|, |theta_max|): a lower bound on ||A||_2. */
    public double largestAbsRitzValue() {
        double[] theta = ritz().values();
        return Math.max(Math.abs(theta[0]), Math.abs(theta[steps - 1]));
    }
}
