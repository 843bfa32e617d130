package lapis.spectral.dense;

import java.time.Duration;
import java.util.Objects;
import lapis.spectral.EigenResult;
import lapis.spectral.SymmetricOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * All eigenpairs of one dense symmetric matrix (or of a small operator, formed densely), with their residuals:
 * the entry point for single matrices. The work is done by {@link BatchSymmetricEigen} (Householder
 * tridiagonalisation + implicit QL, O(n^3)); this class adds the residuals and wraps the pairs in an
 * {@link EigenResult}. Stateless.
 *
 * <p><b>Sign convention.</b> An eigenvector is defined up to sign (and, for a repeated eigenvalue, up to a basis
 * of its eigenspace). Lapis fixes the sign: in each eigenvector the entry of largest magnitude is positive; when
 * several entries share the largest magnitude exactly, the one with the lowest index decides. The basis of a
 * repeated eigenspace is whatever the QL iteration produces, which is deterministic (the same input gives the
 * same bits) but not canonical: compare eigenspaces with {@link lapis.spectral.subspace.Subspaces}, not vector
 * by vector.
 */
public final class SymmetricEigen {
    /** The name recorded in results. */
    public static final String SOLVER = "dense Householder tridiagonalisation + implicit QL";

    private SymmetricEigen() {
    }

    /**
     * All n eigenpairs of a symmetric matrix, eigenvalues ascending, with residual norms ||A v - lambda v||_2.
     * O(n^3) (the residuals add 2 n^3). a: not modified.
     *
     * @throws IllegalArgumentException if a is not square, finite and symmetric (see {@link BatchSymmetricEigen})
     * @throws lapis.spectral.NotConvergedException in the (never observed) case that QL exceeds 30 n sweeps
     */
    public static EigenResult of(DMatrixRMaj a) {
        Objects.requireNonNull(a, "a");
        return decompose(a, 0);
    }

    /**
     * All n eigenpairs of an operator, formed as the dense matrix A = op(I) by one block application (n
     * operator applications, counted in the result), then decomposed as {@link #of(DMatrixRMaj)}. For small
     * operators only: O(n^2) memory.
     */
    public static EigenResult of(SymmetricOperator op) {
        Objects.requireNonNull(op, "op");
        int n = op.size();
        DMatrixRMaj a = op.applyBlock(CommonOps_DDRM.identity(n), null);
        return decompose(a, n);
    }

    /** The eigenvalues of a symmetric matrix, ascending. O(n^3) with a small constant (4/3 n^3). */
    public static double[] eigenvalues(DMatrixRMaj a) {
        Objects.requireNonNull(a, "a");
        double[] values = new double[a.numRows];
        new BatchSymmetricEigen(a.numRows).decompose(a, values, null);
        return values;
    }

    private static EigenResult decompose(DMatrixRMaj a, long applications) {
        long start = System.nanoTime();
        int n = a.numRows;
        BatchSymmetricEigen solver = new BatchSymmetricEigen(n);
        double[] values = new double[n];
        DMatrixRMaj vectors = solver.decompose(a, values, new DMatrixRMaj(n, n));
        double[] residuals = residualNorms(a, values, vectors, null);
        return new EigenResult(values, vectors, residuals, solver.sweeps(), applications,
                Duration.ofNanos(System.nanoTime() - start), true, SOLVER);
    }

    /**
     * r_k = ||A v_k - lambda_k v_k||_2 for every column v_k of vectors. O(n^2 k). Nothing is modified but out.
     *
     * @param out length &gt;= k, or null to allocate
     * @return out
     * @throws IllegalArgumentException if the shapes do not match
     */
    public static double[] residualNorms(DMatrixRMaj a, double[] values, DMatrixRMaj vectors, double[] out) {
        int n = a.numRows;
        int k = vectors.numCols;
        if (a.numCols != n || vectors.numRows != n || values.length < k) {
            throw new IllegalArgumentException("shapes do not match: A " + a.numRows + "x" + a.numCols
                    + ", V " + vectors.numRows + "x" + vectors.numCols + ", " + values.length + " values");
        }
        if (out == null) {
            out = new double[k];
        }
        DMatrixRMaj av = new DMatrixRMaj(n, k);
        CommonOps_DDRM.mult(a, vectors, av);
        double[] sums = new double[k];
        for (int r = 0; r < n; r++) {
            int o = r * k;
            for (int c = 0; c < k; c++) {
                double x = av.data[o + c] - values[c] * vectors.data[o + c];
                sums[c] += x * x;
            }
        }
        for (int c = 0; c < k; c++) {
            out[c] = Math.sqrt(sums[c]);
        }
        return out;
    }
}
