package lapis.spectral.op;

import java.util.Objects;
import lapis.spectral.SymmetricOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A symmetric operator backed by a dense n x n EJML matrix: y = A x in O(n^2), Y = A X for a block of b vectors
 * in O(n^2 b) through EJML's row-major matrix product.
 *
 * <p>Symmetry is checked once, on construction: every pair must satisfy
 * |a_ij - a_ji| &lt;= tolerance * max_kl |a_kl| ({@link #DEFAULT_SYMMETRY_TOLERANCE} unless given), and the
 * operator then stores the exactly symmetric (A + A^T) / 2, so that solvers see a symmetric map to the last bit.
 * The matrix is copied: later changes to the caller's matrix do not reach the operator. Immutable and safe to
 * share between threads.
 */
public final class DenseMatrixOperator implements SymmetricOperator {
    /** Default relative symmetry tolerance: 1e-10 times the largest entry magnitude. */
    public static final double DEFAULT_SYMMETRY_TOLERANCE = 1e-10;

    private final DMatrixRMaj a;

    private DenseMatrixOperator(DMatrixRMaj symmetric) {
        this.a = symmetric;
    }

    /**
     * The operator of a symmetric matrix, checked with {@link #DEFAULT_SYMMETRY_TOLERANCE}. a: not modified.
     *
     * @throws IllegalArgumentException if a is not square, holds a NaN or infinite entry, or is not symmetric,
     *     naming the worst pair
     */
    public static DenseMatrixOperator of(DMatrixRMaj a) {
        return of(a, DEFAULT_SYMMETRY_TOLERANCE);
    }

    /**
     * The operator of a symmetric matrix, checked with the given relative tolerance (0 demands exact symmetry).
     * a: not modified.
     *
     * @throws IllegalArgumentException as {@link #requireSymmetric}, or if the tolerance is negative or NaN
     */
    public static DenseMatrixOperator of(DMatrixRMaj a, double tolerance) {
        requireSymmetric(a, tolerance);
        int n = a.numRows;
        DMatrixRMaj s = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            s.data[i * n + i] = a.data[i * n + i];
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (a.data[i * n + j] + a.data[j * n + i]);
                s.data[i * n + j] = v;
                s.data[j * n + i] = v;
            }
        }
        return new DenseMatrixOperator(s);
    }

    /**
     * Checks that a is square, finite and symmetric within |a_ij - a_ji| &lt;= tolerance * max_kl |a_kl|.
     * O(n^2). a: not modified.
     *
     * @return a
     * @throws IllegalArgumentException naming the shape, the first entry that is not finite, or the pair (i, j)
     *     with the largest asymmetry, its two values and the bound
     */
    public static DMatrixRMaj requireSymmetric(DMatrixRMaj a, double tolerance) {
        Objects.requireNonNull(a, "a");
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("symmetry tolerance must be >= 0, got " + tolerance);
        }
        if (a.numRows != a.numCols) {
            throw new IllegalArgumentException("matrix is " + a.numRows + "x" + a.numCols + "; expected square");
        }
        int n = a.numRows;
        double max = 0;
        for (int k = 0; k < n * n; k++) {
            double v = a.data[k];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("entry (" + k / n + ", " + k % n + ") is " + v
                        + "; entries must be finite");
            }
            max = Math.max(max, Math.abs(v));
        }
        double worst = 0;
        int wi = 0;
        int wj = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double d = Math.abs(a.data[i * n + j] - a.data[j * n + i]);
                if (d > worst) {
                    worst = d;
                    wi = i;
                    wj = j;
                }
            }
        }
        if (worst > tolerance * max) {
            throw new IllegalArgumentException("matrix is not symmetric: a(" + wi + ", " + wj + ") = "
                    + a.data[wi * n + wj] + " but a(" + wj + ", " + wi + ") = " + a.data[wj * n + wi]
                    + "; allowed difference " + tolerance + " * " + max);
        }
        return a;
    }

    @Override
    public int size() {
        return a.numRows;
    }

    /** y = A x by row dot products. O(n^2). */
    @Override
    public void apply(double[] x, double[] y) {
        int n = a.numRows;
        if (x.length != n || y.length != n) {
            throw new IllegalArgumentException("vectors of length " + x.length + " and " + y.length
                    + " for an operator of size " + n);
        }
        if (x == y) {
            throw new IllegalArgumentException("x and y must be different arrays");
        }
        double[] m = a.data;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s += m[row + j] * x[j];
            }
            y[i] = s;
        }
    }

    /** Y = A X through EJML's dense product. O(n^2 b). X: not modified; Y: reshaped, overwritten, returned. */
    @Override
    public DMatrixRMaj applyBlock(DMatrixRMaj x, DMatrixRMaj y) {
        int n = a.numRows;
        if (x.numRows != n) {
            throw new IllegalArgumentException("block is " + x.numRows + "x" + x.numCols + "; expected " + n
                    + " rows");
        }
        if (y == null) {
            y = new DMatrixRMaj(n, x.numCols);
        } else if (y == x) {
            throw new IllegalArgumentException("x and y must be different matrices");
        }
        CommonOps_DDRM.mult(a, x, y);
        return y;
    }

    /** A copy of the (symmetrised) matrix into out (reshaped; null allocates). */
    public DMatrixRMaj matrix(DMatrixRMaj out) {
        if (out == null) {
            return a.copy();
        }
        out.setTo(a);
        return out;
    }

    /** Entry a_ij of the symmetrised matrix. */
    public double get(int i, int j) {
        return a.get(i, j);
    }
}
