package lapis.spectral;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * k eigenpairs of A v = lambda B v (B = I for the standard problem), eigenvalues ascending, with the evidence that
 * they are right: the residual norm ||A v_i - lambda_i B v_i||_2 of each pair (v_i B-normalised), the iterations
 * and operator applications spent, the wall time, the solver's name and whether every pair passed the solver's
 * stated convergence test. Immutable: arrays are copied in and out.
 */
public final class EigenResult {
    private final double[] values;
    private final DMatrixRMaj vectors;
    private final double[] residuals;
    private final int iterations;
    private final long operatorApplications;
    private final Duration wallTime;
    private final boolean converged;
    private final String solver;

    /**
     * @param values eigenvalues, ascending (checked)
     * @param vectors n x k, column i the eigenvector of values[i]; may be null when only values were computed
     * @param residuals per-pair residual norms, length k
     */
    public EigenResult(double[] values, DMatrixRMaj vectors, double[] residuals, int iterations,
            long operatorApplications, Duration wallTime, boolean converged, String solver) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(residuals, "residuals");
        if (residuals.length != values.length) {
            throw new IllegalArgumentException(values.length + " eigenvalues but " + residuals.length + " residuals");
        }
        if (vectors != null && vectors.numCols != values.length) {
            throw new IllegalArgumentException(values.length + " eigenvalues but " + vectors.numCols + " vectors");
        }
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[i - 1]) {
                throw new IllegalArgumentException("eigenvalues not ascending at " + i + ": " + values[i - 1]
                        + " > " + values[i]);
            }
        }
        this.values = values.clone();
        this.vectors = vectors == null ? null : vectors.copy();
        this.residuals = residuals.clone();
        this.iterations = iterations;
        this.operatorApplications = operatorApplications;
        this.wallTime = Objects.requireNonNull(wallTime, "wallTime");
        this.converged = converged;
        this.solver = Objects.requireNonNull(solver, "solver");
    }

    /** Number of pairs k. */
    public int count() {
        return values.length;
    }

    /** The i-th smallest computed eigenvalue. */
    public double eigenvalue(int i) {
        return values[i];
    }

    /** A copy of the eigenvalues, ascending. */
    public double[] eigenvalues() {
        return values.clone();
    }

    /** True when eigenvectors were computed. */
    public boolean hasVectors() {
        return vectors != null;
    }

    /**
     * The eigenvectors as columns of an n x k matrix, copied into {@code out} (reshaped; null allocates).
     *
     * @throws IllegalStateException if only eigenvalues were computed
     */
    public DMatrixRMaj eigenvectors(DMatrixRMaj out) {
        if (vectors == null) {
            throw new IllegalStateException("this result holds eigenvalues only");
        }
        if (out == null) {
            return vectors.copy();
        }
        out.setTo(vectors);
        return out;
    }

    /** ||A v_i - lambda_i B v_i||_2. */
    public double residualNorm(int i) {
        return residuals[i];
    }

    /** A copy of the residual norms. */
    public double[] residualNorms() {
        return residuals.clone();
    }

    /** The largest residual norm, 0 for an empty result. */
    public double maxResidualNorm() {
        return Arrays.stream(residuals).max().orElse(0.0);
    }

    /** Iterations (restarts, sweeps or outer steps, as the solver's Javadoc defines them). */
    public int iterations() {
        return iterations;
    }

    /**
     * Applications of the solver's main operator to a vector (a block of b counts b): products with A, or solves
     * with A - sigma B for a shift-invert solver, as the solver's Javadoc states.
     */
    public long operatorApplications() {
        return operatorApplications;
    }

    /** Wall time of the solve, setup (factorisations) included. */
    public Duration wallTime() {
        return wallTime;
    }

    /** True when every pair passed the solver's convergence test. */
    public boolean converged() {
        return converged;
    }

    /** The solver's name and main settings, for reports. */
    public String solver() {
        return solver;
    }

    /**
     * This result if it converged.
     *
     * @throws NotConvergedException naming k, the worst residual and the iterations, carrying this result
     */
    public EigenResult orThrow() {
        if (!converged) {
            throw new NotConvergedException(solver + " did not converge: k=" + count() + ", worst residual "
                    + maxResidualNorm() + " after " + iterations + " iterations", this);
        }
        return this;
    }
}
