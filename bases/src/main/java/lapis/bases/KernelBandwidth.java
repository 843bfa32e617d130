package lapis.bases;

import java.util.Objects;
import lapis.graph.knn.KnnResult;

/**
 * The width of a Gaussian kernel on sampled points, chosen from the kernel sum
 * S(sigma) = sum_ij exp(-d_ij^2 / (2 sigma^2)): on a d-dimensional manifold S grows like sigma^d while sigma is large
 * against the sampling gaps and small against the curvature radii, flattening below (only the self terms) and above
 * (the manifold is exhausted); the width where the slope d log S / d log sigma is largest sits in the middle of that
 * range, and the largest slope itself estimates d (Coifman et al., "Graph Laplacian tomography from unknown random
 * projections", IEEE Trans. Image Process. 17, 2008; Berry and Harlim, Appl. Comput. Harmon. Anal. 40, 2016). Why
 * not a fixed fraction of the k-th neighbour distance: that fraction is a bias-variance choice that depends on the
 * shape. Measured 2026-12-03 with our eigensolver on the operator of {@link DiffusionProbes}: a third of the 32nd
 * distance is right for spot (thin legs, ears) and four times too noisy for the non-uniform sphere (eigenspace
 * cosines 0.99 / 0.91 / 0.77 / 0.68 for l = 1..4 against 0.999 / 0.996 / 0.991 / 0.978 at the selected width);
 * the rule picks about a third on spot and about 0.6 of the 32nd distance on that sphere.
 *
 * <p>Grid: {@value #GRID} widths, log-spaced from {@value #LOWEST} to 1 times the mean distance to the k-th
 * (last searched) neighbour, the sum over the searched neighbours plus the n self terms; slopes by central
 * differences in log sigma. Cost O(GRID n k).
 */
public final class KernelBandwidth {
    static final int GRID = 48;
    static final double LOWEST = 0.02;

    /**
     * The selection.
     *
     * @param sigma the selected width
     * @param dimension the largest slope, an estimate of the intrinsic dimension
     * @param meanLastDistance the mean distance to the last searched neighbour
     * @param neighbors the neighbours searched
     */
    public record Result(double sigma, double dimension, double meanLastDistance, int neighbors) {
    }

    private KernelBandwidth() {
    }

    /**
     * The width of largest kernel-sum slope over the searched neighbours.
     *
     * @throws IllegalArgumentException if the points all coincide (every distance is 0)
     */
    public static Result select(KnnResult knn) {
        Objects.requireNonNull(knn, "knn");
        int n = knn.size();
        int k = knn.k();
        double last = meanDistance(knn, k);
        if (!(last > 0)) {
            throw new IllegalArgumentException("the points coincide: every neighbour distance is 0");
        }
        double step = Math.log(1 / LOWEST) / (GRID - 1);
        double[] logSum = new double[GRID];
        for (int g = 0; g < GRID; g++) {
            double sigma = last * LOWEST * Math.exp(g * step);
            double c = -1 / (2 * sigma * sigma);
            double sum = n;
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < k; r++) {
                    double d = knn.distance(i, r);
                    sum += Math.exp(c * d * d);
                }
            }
            logSum[g] = Math.log(sum);
        }
        int best = 1;
        double bestSlope = Double.NEGATIVE_INFINITY;
        for (int g = 1; g < GRID - 1; g++) {
            double slope = (logSum[g + 1] - logSum[g - 1]) / (2 * step);
            if (slope > bestSlope) {
                bestSlope = slope;
                best = g;
            }
        }
        return new Result(last * LOWEST * Math.exp(best * step), bestSlope, last, k);
    }

    /** A width given by hand: sigma = width times the mean distance to the r-th neighbour; no dimension (NaN). */
    public static Result scaled(KnnResult knn, double width, int r) {
        Objects.requireNonNull(knn, "knn");
        return new Result(width * meanDistance(knn, r), Double.NaN, meanDistance(knn, knn.k()), knn.k());
    }

    /** The mean over the points of the distance to their r-th neighbour (1-based). */
    static double meanDistance(KnnResult knn, int r) {
        double mean = 0;
        for (int i = 0; i < knn.size(); i++) {
            mean += knn.distance(i, r - 1) / knn.size();
        }
        return mean;
    }
}
