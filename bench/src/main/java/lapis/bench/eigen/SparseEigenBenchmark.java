package lapis.bench.eigen;

import java.time.Duration;
import java.util.Objects;
import lapis.graph.ConnectedComponents;
import lapis.graph.Graph;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.graph.SymmetricSparseMatrix;
import lapis.spectral.EigenResult;
import lapis.spectral.SymmetricEigensolver;
import lapis.spectral.sparse.Lobpcg;
import lapis.spectral.sparse.ThickRestartLanczos;
import lapis.spectral.op.IncompleteCholesky;
import lapis.spectral.op.ShiftInvertOperator;
import lapis.spectral.op.SparseMatrixOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * Times the k smallest eigenpairs of a sparse symmetric matrix with one of the sparse solvers, the way the peer
 * script times scipy's {@code eigsh}: the clock covers everything from the matrix to the eigenpairs (ordering,
 * factorisation or preconditioner set-up, iterations, residual checks) and excludes building the matrix. The run
 * is repeated and the best time kept; the accuracy figures are those of the last run. The residual is
 * max_i ||A v_i - lambda_i v_i||_2 with unit v_i, as in the peer script, also given relative to ||A||_inf.
 * Nothing is printed; the CLI's {@code lapis bench sparse} formats the {@link Measurement}.
 */
public final class SparseEigenBenchmark {
    private SparseEigenBenchmark() {
    }

    /** The solver configurations that can be timed. */
    public enum Solver {
        /** {@link ThickRestartLanczos} with its defaults (shift-invert, block 4). */
        LANCZOS_SHIFT_INVERT,
        /** {@link Lobpcg} preconditioned by the exact (A - sigma I)^-1, sigma = -1e-4 ||A||. */
        LOBPCG_SHIFT_INVERT,
        /** {@link Lobpcg} preconditioned by IC(0) of A - sigma I, sigma = -1e-4 ||A||. */
        LOBPCG_INCOMPLETE_CHOLESKY
    }

    /**
     * One timing.
     *
     * @param solver the solver's own description
     * @param k number of pairs
     * @param bestTime the best wall time over the repeats
     * @param times every repeat's wall time
     * @param iterations the solver's iterations (restarts for Lanczos)
     * @param applications the solver's operator applications (solves for Lanczos, products with A for LOBPCG)
     * @param maxResidual max_i ||A v_i - lambda_i v_i||_2
     * @param relativeMaxResidual maxResidual / ||A||_inf
     * @param converged whether the solver's test passed
     * @param eigenvalues the k eigenvalues, ascending
     */
    public record Measurement(String solver, int k, Duration bestTime, Duration[] times, int iterations,
            long applications, double maxResidual, double relativeMaxResidual, boolean converged,
            double[] eigenvalues) {

        public Measurement {
            times = times.clone();
            eigenvalues = eigenvalues.clone();
        }

        @Override
        public Duration[] times() {
            return times.clone();
        }

        @Override
        public double[] eigenvalues() {
            return eigenvalues.clone();
        }
    }

    /**
     * Times the k smallest eigenpairs of a graph's Laplacian, deflating its null space (one vector per component).
     *
     * @throws IllegalArgumentException for the random-walk kind (not symmetric), or if repeats &lt; 1
     */
    public static Measurement run(Graph g, Normalization kind, int k, Solver solver, double tolerance,
            int repeats) {
        Objects.requireNonNull(g, "g");
        Laplacian l = Laplacian.of(g, kind);
        return run(SymmetricSparseMatrix.of(l), l.nullSpace(ConnectedComponents.of(g)), k, solver, tolerance,
                repeats);
    }

    /**
     * Times the k smallest eigenpairs of A (standard problem), deflating the given null-space basis (may be null).
     *
     * @throws IllegalArgumentException if repeats &lt; 1 or an argument is rejected by the solver
     */
    public static Measurement run(SymmetricSparseMatrix a, DMatrixRMaj nullSpace, int k, Solver solver,
            double tolerance, int repeats) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(solver, "solver");
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        Duration[] times = new Duration[repeats];
        Duration best = null;
        EigenResult last = null;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            last = solverFor(a, nullSpace, solver, tolerance).smallest(SparseMatrixOperator.of(a), null, k);
            times[r] = Duration.ofNanos(System.nanoTime() - t0);
            if (best == null || times[r].compareTo(best) < 0) {
                best = times[r];
            }
        }
        double worst = unitResidual(a, last);
        return new Measurement(last.solver(), k, best, times, last.iterations(), last.operatorApplications(), worst,
                worst / a.normInf(), last.converged(), last.eigenvalues());
    }

    /** Builds the solver; the set-up it does (factorisations) is inside the timed region. */
    private static SymmetricEigensolver solverFor(SymmetricSparseMatrix a, DMatrixRMaj z, Solver solver,
            double tol) {
        double sigma = -1e-4 * a.normInf();
        return switch (solver) {
            case LANCZOS_SHIFT_INVERT -> new ThickRestartLanczos(ThickRestartLanczos.Options.defaults()
                    .withTolerance(tol).withNullSpace(z));
            case LOBPCG_SHIFT_INVERT -> new Lobpcg(Lobpcg.Options.defaults().withTolerance(tol).withNullSpace(z)
                    .withPreconditioner(ShiftInvertOperator.of(a, null, sigma)));
            case LOBPCG_INCOMPLETE_CHOLESKY -> new Lobpcg(Lobpcg.Options.defaults().withTolerance(tol)
                    .withNullSpace(z).withPreconditioner(IncompleteCholesky.of(a, sigma)));
        };
    }

    /** max_i ||A v_i - lambda_i v_i|| with v_i scaled to unit length (the result's vectors are unit already). */
    private static double unitResidual(SymmetricSparseMatrix a, EigenResult r) {
        DMatrixRMaj v = r.eigenvectors(null);
        DMatrixRMaj av = a.multiply(v, null);
        int k = v.numCols;
        double[] res = new double[k];
        double[] norm = new double[k];
        for (int i = 0; i < v.numRows; i++) {
            for (int j = 0; j < k; j++) {
                double x = v.data[i * k + j];
                double d = av.data[i * k + j] - r.eigenvalue(j) * x;
                res[j] += d * d;
                norm[j] += x * x;
            }
        }
        double worst = 0;
        for (int j = 0; j < k; j++) {
            worst = Math.max(worst, Math.sqrt(res[j] / norm[j]));
        }
        return worst;
    }
}
