package lapis.bases;

import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.Reductions;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * The nested projection loss of methods.md section 5: with B orthonormal in the sampling inner product
 * ((1/N) B^T B = I) and probes g_1..g_P,
 * <pre>
 *   loss = (1/P) sum_p sum_{k=1..K} ||g_p - B_k B_k^T g_p / N||^2 / N   /   (K E||g||^2 / N),
 * </pre>
 * i.e. the fraction of the expected probe energy that the prefixes B_1, ..., B_K miss, averaged over the K
 * prefixes. Since ||g - B_k B_k^T g / N||^2 / N = ||g||^2 / N - sum_{j &lt;= k} a_j^2 with a = B^T g / N, the sum
 * over prefixes is K ||g||^2 / N - sum_j (K - j + 1) a_j^2: column j is weighted by the number of prefixes that
 * contain it, and no N x N projector is formed. The probes' own energy does not depend on B, so its expectation
 * stands in for it (the gradient is unchanged). The minimiser spans the top eigenvectors of the probes' covariance
 * in order, since the weights decrease strictly (Eckart-Young). Cost O(K P) beyond the coefficients.
 */
public final class NestedProjectionLoss {
    private NestedProjectionLoss() {
    }

    /**
     * The loss for the K x P coefficients A = B^T G / N and the probes' mean energy E ||g||^2 / N.
     *
     * @throws IllegalArgumentException if A is not a float64 matrix or the energy is not positive
     */
    public static Tensor of(Tape t, Tensor coefficients, double meanEnergy) {
        if (coefficients.rank() != 2 || coefficients.dtype() != DType.F64 || !(meanEnergy > 0)) {
            throw new IllegalArgumentException("loss: coefficients " + java.util.Arrays.toString(coefficients.shape())
                    + " " + coefficients.dtype() + " (a float64 K x P matrix), mean energy " + meanEnergy);
        }
        int k = coefficients.rows();
        int p = coefficients.cols();
        double[] w = new double[k];
        for (int j = 0; j < k; j++) {
            w[j] = k - j;
        }
        Tensor weighted = Reductions.sum(t,
                Arithmetic.mul(t, Arithmetic.square(t, coefficients), Tensor.of(DType.F64, w, k, 1)));
        return Arithmetic.affine(t, weighted, -1.0 / ((double) k * p * meanEnergy), 1);
    }

    /** mu_k = (1/P) sum_p A_kp^2, the variance each function captures, from coefficient values (K x P). */
    public static double[] capturedVariance(Tensor coefficients) {
        int k = coefficients.rows();
        int p = coefficients.cols();
        double[] a = coefficients.toDoubleArray();
        double[] mu = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int q = 0; q < p; q++) {
                s += a[j * p + q] * a[j * p + q];
            }
            mu[j] = s / p;
        }
        return mu;
    }
}
