package lapis.bases;

import lapis.graph.Seeds;
import lapis.graph.knn.PointSet;
import lapis.nn.DType;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;

/**
 * Eigenvalues and density read back from a trained basis, without an operator or an eigensolver.
 *
 * <p><b>Eigenvalues.</b> The variance each function captures, mu_k = E[(b_k^T g / N)^2], is estimated on fresh probes
 * and mapped to raw eigenvalues by the probe family ({@link ProbeDistribution#eigenvaluesFromVariance}); those are
 * proportional to Laplace-Beltrami eigenvalues with a constant that depends on the kernel width. The constant is
 * calibrated by an identity that holds on every embedded manifold of intrinsic dimension d: the coordinate
 * functions have Dirichlet energy sum_a int |grad x_a|^2 = d area, because the gradients are the projections of the
 * unit vectors onto the tangent plane. So the Rayleigh quotient of the centred coordinates is
 * R = d / E_m[|x - x_bar|^2] (E_m the mean in the sampling measure; 2 on the unit sphere, exactly l(l+1) for l = 1),
 * and the calibration c makes the learned spectrum give that quotient: c = R / (sum_{a,k} lambda_k c_ak^2 /
 * sum_{a,k} c_ak^2), c_ak = &lt;x_a - x_bar, psi_k&gt;_m. This needs only the points, the learned functions and d;
 * the coordinates' energy beyond the first K functions is left out on both sides of the quotient.
 *
 * <p><b>Density.</b> When the family puts the measure into the first function (diffusion probes), q_1^2 is
 * proportional to the point mass 1 / density and (1/N) sum q_1^2 = 1, so 1 / q_1^2 is the density relative to
 * uniform sampling. |q_1| is floored at 1e-3 where a poorly trained q_1 crosses zero.
 */
public final class SpectrumReadout {
    static final double FIRST_FUNCTION_FLOOR = 1e-3;

    /** The read-back: captured variances, raw eigenvalues, the calibration and calibrated eigenvalues. */
    public record Result(double[] captured, double[] rawEigenvalues, double calibration, double[] eigenvalues) {
    }

    private SpectrumReadout() {
    }

    /**
     * Reads eigenvalues from basis values q (n x K row-major, orthonormal in the sampling measure) at the training
     * points, with {@code probeCount} fresh probes drawn in batches of {@code batch}; batch 0 takes the expectation in
     * closed form.
     */
    public static Result read(ProbeDistribution probes, double[] q, PointSet points, int intrinsicDimension,
                              int probeCount, int batch, long seed, Threads threads) {
        int n = points.size();
        int k = q.length / n;
        if (intrinsicDimension < 1) {
            throw new IllegalArgumentException("intrinsic dimension must be >= 1, got " + intrinsicDimension);
        }
        double[] mu = new double[k];
        int draws = batch == 0 ? 1 : Math.max(1, (probeCount + batch - 1) / batch);
        Tensor basis = Tensor.of(DType.F64, q, n, k);
        for (int d = 0; d < draws; d++) {
            double[] part;
            try (Tape t = Tape.inference(threads)) {
                part = NestedProjectionLoss.capturedVariance(probes.coefficients(t, basis, batch,
                        Seeds.derive(seed, d)));
            }
            for (int j = 0; j < k; j++) {
                mu[j] += part[j] / draws;
            }
        }
        double[] raw = probes.eigenvaluesFromVariance(mu);
        double c = calibration(points, q, raw, probes.firstFunctionCarriesMeasure(), intrinsicDimension);
        double[] lambda = new double[k];
        for (int j = 0; j < k; j++) {
            lambda[j] = c * raw[j];
        }
        return new Result(mu, raw, c, lambda);
    }

    /**
     * The calibration factor of the class comment for basis values q (n x K, orthonormal in the sampling measure) and
     * raw eigenvalues; 1 when the coordinates have no component beyond psi_1.
     */
    public static double calibration(PointSet points, double[] q, double[] raw, boolean measureInFirst, int d) {
        int n = points.size();
        int k = raw.length;
        int dim = points.dimension();
        double[] psi = measureInFirst ? divideByFirst(q, n, k) : q;
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double q1 = measureInFirst ? Math.max(FIRST_FUNCTION_FLOOR, Math.abs(q[i * k])) : 1;
            m[i] = q1 * q1 / n;
        }
        double total = 0;
        for (double x : m) {
            total += x;
        }
        double spread = 0;
        double num = 0;
        double den = 0;
        for (int a = 0; a < dim; a++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += m[i] * points.coordinate(i, a) / total;
            }
            for (int i = 0; i < n; i++) {
                double z = points.coordinate(i, a) - mean;
                spread += m[i] * z * z / total;
            }
            for (int j = 1; j < k; j++) {
                double c = 0;
                for (int i = 0; i < n; i++) {
                    c += m[i] * (points.coordinate(i, a) - mean) * psi[i * k + j];
                }
                num += raw[j] * c * c;
                den += c * c;
            }
        }
        if (!(num > 0) || !(spread > 0)) {
            return 1;
        }
        double rayleigh = d / spread;
        return rayleigh / (num / den);
    }

    /** psi_k = q_k / q_1 row by row, |q_1| floored (keeping its sign). */
    static double[] divideByFirst(double[] q, int n, int k) {
        double[] out = new double[q.length];
        for (int i = 0; i < n; i++) {
            double q1 = q[i * k];
            double safe = Math.copySign(Math.max(FIRST_FUNCTION_FLOOR, Math.abs(q1)), q1);
            for (int j = 0; j < k; j++) {
                out[i * k + j] = q[i * k + j] / safe;
            }
        }
        return out;
    }

    /** 1 / q_1^2 row by row, |q_1| floored. */
    static double[] relativeDensity(double[] q, int n, int k) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double q1 = Math.max(FIRST_FUNCTION_FLOOR, Math.abs(q[i * k]));
            out[i] = 1 / (q1 * q1);
        }
        return out;
    }
}
