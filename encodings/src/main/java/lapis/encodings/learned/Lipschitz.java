package lapis.encodings.learned;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import lapis.nn.Module;
import lapis.nn.Tensor;

/**
 * Upper bounds on Lipschitz constants of trained layers, read from their weights: the estimator of the SPE
 * stability bound (methods.md section 4, Theorem 3.1 of Huang et al. 2024).
 *
 * <p><b>Estimator.</b> For a composition of maps the constants multiply. A linear map x W + b has constant
 * ||W||_2 (largest singular value, by {@link #spectralNorm}); ReLU has 1; a batch norm in evaluation mode is the
 * diagonal map x_j gamma_j / sqrt(runningVar_j + eps), with constant max_j |gamma_j| / sqrt(runningVar_j + eps)
 * (eps = 1e-5, the {@link lapis.nn.layers.BatchNorm} default). So an {@link lapis.nn.layers.Mlp} gets the product
 * over its layers. This is an upper bound, usually loose (it ignores that ReLU zeroes coordinates and that the
 * worst directions of consecutive layers need not align); in training mode batch norm is not a fixed map and no
 * bound is given for it.
 */
public final class Lipschitz {
    private static final double BATCH_NORM_EPS = 1e-5;

    private Lipschitz() {
    }

    /**
     * ||W||_2 of a matrix, by power iteration on W^T W from the all-ones vector until two successive estimates
     * agree to 1e-12 relative (at most 1000 iterations). O(rows cols) per iteration.
     */
    public static double spectralNorm(Tensor w) {
        Objects.requireNonNull(w, "w");
        if (w.rank() != 2) {
            throw new IllegalArgumentException("spectral norm of a matrix, got rank " + w.rank());
        }
        int r = w.dim(0);
        int c = w.dim(1);
        double[] a = w.toDoubleArray();
        double[] x = new double[c];
        Arrays.fill(x, 1 / Math.sqrt(c));
        double[] y = new double[r];
        double sigma = 0;
        for (int it = 0; it < 1000; it++) {
            for (int i = 0; i < r; i++) {
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s += a[i * c + j] * x[j];
                }
                y[i] = s;
            }
            double[] z = new double[c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    z[j] += a[i * c + j] * y[i];
                }
            }
            double norm = 0;
            for (double v : z) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                return 0;
            }
            double next = Math.sqrt(norm);
            for (int j = 0; j < c; j++) {
                x[j] = z[j] / norm;
            }
            boolean done = Math.abs(next - sigma) <= 1e-12 * next;
            sigma = next;
            if (done) {
                break;
            }
        }
        return sigma;
    }

    /**
     * The product bound of an {@link lapis.nn.layers.Mlp}: prod_k ||W_k||_2 times, for each batch norm, max_j
     * |gamma_j| / sqrt(runningVar_j + eps) (its evaluation-mode map).
     */
    public static double mlp(Module mlp) {
        Objects.requireNonNull(mlp, "mlp");
        Map<String, Tensor> p = mlp.namedParameters();
        Map<String, Tensor> b = mlp.namedBuffers();
        double bound = 1;
        for (int k = 0; p.containsKey("linear" + k + ".weight"); k++) {
            bound *= spectralNorm(p.get("linear" + k + ".weight"));
            Tensor gamma = p.get("norm" + k + ".weight");
            if (gamma != null) {
                Tensor var = b.get("norm" + k + ".running_var");
                double worst = 0;
                for (int j = 0; j < gamma.size(); j++) {
                    worst = Math.max(worst, Math.abs(gamma.getFlat(j)) / Math.sqrt(var.getFlat(j) + BATCH_NORM_EPS));
                }
                bound *= worst;
            }
        }
        return bound;
    }
}
