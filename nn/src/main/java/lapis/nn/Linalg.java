package lapis.nn;

/** Small dense factorisations for the orthonormalisation: Cholesky, triangular inverse, triangle masks. O(k^3). */
final class Linalg {
    private Linalg() {
    }

    /**
     * The lower-triangular L with S = L L^T, reading only the lower triangle of the k x k matrix S.
     *
     * @throws IllegalArgumentException naming the pivot if S is not numerically positive definite
     */
    static Tensor cholesky(Tensor s) {
        int k = s.dim(0);
        double[] l = new double[k * k];
        for (int j = 0; j < k; j++) {
            double diag = s.getFlat(j * k + j);
            for (int p = 0; p < j; p++) {
                diag -= l[j * k + p] * l[j * k + p];
            }
            if (!(diag > 0)) {
                throw new IllegalArgumentException("cholesky: matrix is not positive definite, pivot " + j + " is "
                        + diag);
            }
            double ljj = Math.sqrt(diag);
            l[j * k + j] = ljj;
            for (int i = j + 1; i < k; i++) {
                double v = s.getFlat(i * k + j);
                for (int p = 0; p < j; p++) {
                    v -= l[i * k + p] * l[j * k + p];
                }
                l[i * k + j] = v / ljj;
            }
        }
        return Tensor.of(s.dtype(), l, k, k);
    }

    /**
     * The inverse of the lower triangle of L (k x k), lower triangular, by forward substitution per column.
     *
     * @throws IllegalArgumentException naming the diagonal entry if it is zero
     */
    static double[] lowerInverse(Tensor lt) {
        int k = lt.dim(0);
        double[] inv = new double[k * k];
        for (int j = 0; j < k; j++) {
            double ljj = lt.getFlat(j * k + j);
            if (ljj == 0) {
                throw new IllegalArgumentException("triangular solve: diagonal entry " + j + " is zero");
            }
            inv[j * k + j] = 1 / ljj;
            for (int i = j + 1; i < k; i++) {
                double v = 0;
                for (int p = j; p < i; p++) {
                    v -= lt.getFlat(i * k + p) * inv[p * k + j];
                }
                inv[i * k + j] = v / lt.getFlat(i * k + i);
            }
        }
        return inv;
    }

    /** The lower triangle of x with the diagonal multiplied by {@code diagScale}; the upper triangle is zero. */
    static Tensor lowerTriangle(Tensor x, double diagScale) {
        int k = x.dim(0);
        double[] out = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                out[i * k + j] = x.getFlat(i * k + j);
            }
            out[i * k + i] = diagScale * x.getFlat(i * k + i);
        }
        return Tensor.of(x.dtype(), out, k, k);
    }
}
