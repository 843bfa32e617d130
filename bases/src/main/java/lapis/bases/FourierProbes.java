package lapis.bases;

import java.util.Objects;
import java.util.SplittableRandom;
import lapis.graph.knn.PointSet;
import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.LinearAlgebra;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * Operator-free probes: random smooth functions of the ambient coordinates, g(x) = sqrt(2) cos(w . x + b) with
 * w ~ N(0, I / s^2) and b uniform on [0, 2 pi). By Bochner's theorem one such cosine already has the Gaussian
 * covariance E[g(x) g(y)] = exp(-|x - y|^2 / (2 s^2)) (Rahimi and Recht, NIPS 2007), so C is the Gaussian kernel
 * matrix of the points and no graph is built at all.
 *
 * <p>The learned functions are then the top eigenfunctions of the kernel's integral operator in L^2 of the sampling
 * measure: on a uniformly sampled sphere these are exactly the spherical harmonics, with Funk-Hecke coefficients
 * decreasing in l; on other shapes and samplings they approach the Laplace-Beltrami eigenfunctions weighted by the
 * density (the measure is not carried by the first function). For small s the kernel acts as the heat kernel at
 * time s^2 / 2, so mu_k / mu_1 ~ exp(-s^2 lambda_k / 2) and lambda_k reads back as -2 log(mu_k / mu_1) / s^2.
 *
 * <p>Cost: p probes are n p (D + 1) flops and n p cosines, and 2 n K p flops for their coefficients.
 */
public final class FourierProbes implements ProbeDistribution {
    private final double[] coordinates;
    private final int dimension;
    private final int n;
    private final double bandwidth;

    private FourierProbes(double[] coordinates, int dimension, double bandwidth) {
        this.coordinates = coordinates;
        this.dimension = dimension;
        this.n = coordinates.length / dimension;
        this.bandwidth = bandwidth;
    }

    /**
     * Probes of kernel width s on the given points.
     *
     * @throws IllegalArgumentException unless s is finite and &gt; 0
     */
    public static FourierProbes of(PointSet points, double bandwidth) {
        Objects.requireNonNull(points, "points");
        if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
            throw new IllegalArgumentException("kernel width s must be finite and > 0, got " + bandwidth);
        }
        return new FourierProbes(points.toRowMajor(), points.dimension(), bandwidth);
    }

    /**
     * The width matching {@link DiffusionProbes} of the same points: the Gaussian kernel of width s is the heat
     * kernel at time s^2 / 2, and C = S^{2T} is the heat kernel at time T sigma^2, so s = sigma sqrt(2 T).
     */
    public static double matchingBandwidth(DiffusionProbes diffusion) {
        return diffusion.sigma() * Math.sqrt(2.0 * diffusion.options().steps());
    }

    /** The kernel width s. */
    public double bandwidth() {
        return bandwidth;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public String name() {
        return "fourier";
    }

    @Override
    public Tensor coefficients(Tape t, Tensor basis, int count, long seed) {
        ProbeDistribution.check(this, basis, count);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[count * dimension];
        double[] b = new double[count];
        for (int p = 0; p < count; p++) {
            for (int a = 0; a < dimension; a++) {
                w[p * dimension + a] = rng.nextGaussian() / bandwidth;
            }
            b[p] = 2 * Math.PI * rng.nextDouble();
        }
        double[] g = new double[n * count];
        double amp = Math.sqrt(2);
        for (int i = 0; i < n; i++) {
            int xi = i * dimension;
            for (int p = 0; p < count; p++) {
                double phase = b[p];
                int wp = p * dimension;
                for (int a = 0; a < dimension; a++) {
                    phase += w[wp + a] * coordinates[xi + a];
                }
                g[i * count + p] = amp * Math.cos(phase);
            }
        }
        return Arithmetic.scale(t, LinearAlgebra.matmul(t, basis, Tensor.of(DType.F64, g, n, count), true, false),
                1.0 / n);
    }

    /** False: the expectation is the N x N Gaussian kernel matrix, which is not formed. */
    @Override
    public boolean hasExactExpectation() {
        return false;
    }

    /** E g(x)^2 = 2 E cos^2 = 1 at every point. */
    @Override
    public double meanEnergy() {
        return 1;
    }

    /** lambda_k = -2 log(mu_k / mu_1) / s^2 (the ratio clipped to (0, 1]), the heat-kernel reading. */
    @Override
    public double[] eigenvaluesFromVariance(double[] captured) {
        double[] out = new double[captured.length];
        for (int k = 1; k < captured.length; k++) {
            double ratio = Math.max(Double.MIN_NORMAL, Math.min(1, captured[k] / captured[0]));
            out[k] = -2 * Math.log(ratio) / (bandwidth * bandwidth);
        }
        return out;
    }

    @Override
    public boolean firstFunctionCarriesMeasure() {
        return false;
    }
}
