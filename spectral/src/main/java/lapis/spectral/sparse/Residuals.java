package lapis.spectral.sparse;

import org.ejml.data.DMatrixRMaj;

/** Rayleigh quotients and residual norms of a block of approximate eigenvectors, from its products with A and B. */
final class Residuals {
    private Residuals() {
    }

    /** Per column i: ||A x_i - lambda_i B x_i||_2 given AX and BX (n x k row-major). */
    static double[] norms(DMatrixRMaj ax, DMatrixRMaj bx, double[] lambda) {
        int n = ax.numRows;
        int k = ax.numCols;
        double[] r = new double[k];
        for (int i = 0; i < n; i++) {
            int row = i * k;
            for (int j = 0; j < k; j++) {
                double d = ax.data[row + j] - lambda[j] * bx.data[row + j];
                r[j] += d * d;
            }
        }
        for (int j = 0; j < k; j++) {
            r[j] = Math.sqrt(r[j]);
        }
        return r;
    }

    /** Rayleigh quotients x_i^T A x_i / x_i^T B x_i per column. */
    static double[] rayleighQuotients(DMatrixRMaj x, DMatrixRMaj ax, DMatrixRMaj bx) {
        int n = x.numRows;
        int k = x.numCols;
        double[] num = new double[k];
        double[] den = new double[k];
        for (int i = 0; i < n; i++) {
            int row = i * k;
            for (int j = 0; j < k; j++) {
                num[j] += x.data[row + j] * ax.data[row + j];
                den[j] += x.data[row + j] * bx.data[row + j];
            }
        }
        for (int j = 0; j < k; j++) {
            num[j] /= den[j];
        }
        return num;
    }
}
