package lapis.bases;

import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * A distribution of probe functions g on the N training points, with covariance C = E[g g^T]. The nested loss
 * makes the learned B_k span the top-k eigenvectors of C, in order (Eckart-Young); the family decides which
 * operator C is and so which eigenfunctions are learned, and how the captured variance mu_k = E[(b_k^T g / N)^2]
 * maps back to an eigenvalue.
 *
 * <p>The loss sees the probes only through their coefficients a = B^T g / N in the basis, so a family returns those
 * (recorded on the tape, differentiable in B) and is free to compute them the cheapest way: a family with a cheap
 * g forms it; the diffusion family applies its smoothing to the K basis columns instead of the P probes, since
 * b^T (S^T u) = (S^T b)^T u for symmetric S: the same numbers for the same noise u.
 */
public interface ProbeDistribution {
    /** N, the number of points the probes are defined on. */
    int size();

    /** A short name for reports, e.g. "diffusion" or "fourier". */
    String name();

    /**
     * The K x count coefficients A = B^T G / N of {@code count} fresh probes G (a pure function of {@code seed}) in
     * the N x K float64 basis B, recorded on {@code t}. With count = 0, where {@link #hasExactExpectation()}, the
     * expectation over probes in closed form instead: the K x N coefficients of the N probes sqrt(N) S^T e_i, whose
     * mean (1/N) sum_i u_i u_i^T = I is exactly the noise covariance, so every mean over columns of A equals the
     * expectation over the distribution (infinitely many probes, no sampling noise).
     *
     * @throws IllegalArgumentException if B does not have N rows, count &lt; 0, or count = 0 without an exact form
     */
    Tensor coefficients(Tape t, Tensor basis, int count, long seed);

    /** Whether {@link #coefficients} with count = 0 gives the expectation in closed form. */
    boolean hasExactExpectation();

    /** E ||g||^2 / N, the mean energy of a probe, which normalises the loss. */
    double meanEnergy();

    /**
     * Raw eigenvalues from the captured variances mu_1 &gt;= mu_2 &gt;= ..., in this family's own units
     * (proportional to Laplace-Beltrami units; {@link SpectrumReadout} calibrates the constant). The first is 0.
     */
    double[] eigenvaluesFromVariance(double[] captured);

    /**
     * Whether the top eigenvector of C is the square root of the point masses, so that the first learned function
     * carries the sampling measure (q_1^2 proportional to 1 / density) and the eigenfunctions proper are q_k / q_1.
     */
    boolean firstFunctionCarriesMeasure();

    /** Checks the basis and the count for {@link #coefficients}. */
    static void check(ProbeDistribution p, Tensor basis, int count) {
        if (basis.rank() != 2 || basis.rows() != p.size() || count < 0 || (count == 0 && !p.hasExactExpectation())) {
            throw new IllegalArgumentException(p.name() + " probes on " + p.size() + " points: basis of shape "
                    + java.util.Arrays.toString(basis.shape()) + ", " + count + " probes" + (count == 0
                    ? " (this family has no closed-form expectation: give at least one probe)" : ""));
        }
    }
}
