package lapis.spectral.linalg;

import java.util.Arrays;
import java.util.Objects;
import lapis.graph.CsrProducts;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.SymmetricOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;

/**
 * An immutable real symmetric sparse matrix in compressed sparse row form, both triangles stored, columns sorted
 * within each row. It is an operator (y = A x) and the input of {@link SparseCholesky} and
 * {@link IncompleteCholesky}.
 *
 * <p>Costs: {@link #apply} O(nnz); {@link #applyBlock} with b vectors O(nnz b), run in parallel over row ranges
 * when large (rows are independent, so the result does not depend on the number of threads). Memory 4(n + 1) +
 * 12 nnz bytes.
 */
public final class SymmetricSparseMatrix implements SymmetricOperator {
    private final int n;
    private final int[] offsets;
    private final int[] columns;
    private final double[] values;

    private SymmetricSparseMatrix(int n, int[] offsets, int[] columns, double[] values) {
        this.n = n;
        this.offsets = offsets;
        this.columns = columns;
        this.values = values;
    }

    /**
     * The matrix of a symmetric Laplacian (combinatorial or symmetric-normalised). O(n + nnz).
     *
     * @throws IllegalArgumentException for the random-walk Laplacian, which is not symmetric
     */
    public static SymmetricSparseMatrix of(Laplacian laplacian) {
        Objects.requireNonNull(laplacian, "laplacian");
        if (laplacian.normalization() == Normalization.RANDOM_WALK) {
            throw new IllegalArgumentException("the random-walk Laplacian I - D^-1 A is not symmetric; use "
                    + "SYMMETRIC (same eigenvalues, eigenvectors scaled by D^1/2) or COMBINATORIAL");
        }
        int n = laplacian.size();
        int nnz = laplacian.nonZeroCount();
        int[] offsets = new int[n + 1];
        int[] cols = new int[nnz];
        double[] vals = new double[nnz];
        int[] pos = {0};
        laplacian.forEachEntry((i, j, v) -> {
            offsets[i + 1]++;
            cols[pos[0]] = j;
            vals[pos[0]++] = v;
        });
        for (int i = 0; i < n; i++) {
            offsets[i + 1] += offsets[i];
        }
        return new SymmetricSparseMatrix(n, offsets, cols, vals);
    }

    /**
     * The matrix from CSR arrays (copied). Rows may list columns in any order and repeat a column (repeats are
     * summed).
     *
     * @throws IllegalArgumentException naming the first entry out of range or not finite, or the first pair with
     *     a_ij != a_ji beyond a relative 1e-12 of the larger magnitude (the stored value is then their mean)
     */
    public static SymmetricSparseMatrix fromCsr(int n, int[] offsets, int[] columns, double[] values) {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(values, "values");
        if (n < 0 || offsets.length != n + 1) {
            throw new IllegalArgumentException("offsets has length " + offsets.length + "; expected n + 1 = "
                    + (n + 1));
        }
        int nnz = offsets[n];
        if (offsets[0] != 0 || columns.length < nnz || values.length < nnz) {
            throw new IllegalArgumentException("offsets[0] = " + offsets[0] + ", offsets[n] = " + nnz + ", "
                    + columns.length + " columns and " + values.length + " values");
        }
        int[] rowOf = new int[nnz];
        for (int i = 0; i < n; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new IllegalArgumentException("offsets decrease at row " + i);
            }
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                int j = columns[k];
                if (j < 0 || j >= n) {
                    throw new IllegalArgumentException("entry (" + i + ", " + j + ") outside a " + n + "x" + n
                            + " matrix");
                }
                if (!Double.isFinite(values[k])) {
                    throw new IllegalArgumentException("entry (" + i + ", " + j + ") is " + values[k]);
                }
                rowOf[k] = i;
            }
        }
        return fromTriplets(n, rowOf, columns, values, nnz);
    }

    /**
     * The matrix of an EJML compressed sparse column matrix, checked for symmetry as in {@link #fromCsr}.
     *
     * @throws IllegalArgumentException if a is not square or not symmetric
     */
    public static SymmetricSparseMatrix of(DMatrixSparseCSC a) {
        Objects.requireNonNull(a, "a");
        if (a.numRows != a.numCols) {
            throw new IllegalArgumentException("matrix is " + a.numRows + "x" + a.numCols + "; expected square");
        }
        int n = a.numCols;
        int nnz = a.nz_length;
        int[] rows = new int[nnz];
        int[] cols = new int[nnz];
        for (int j = 0; j < n; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                cols[k] = j;
                rows[k] = a.nz_rows[k];
                if (!Double.isFinite(a.nz_values[k])) {
                    throw new IllegalArgumentException("entry (" + rows[k] + ", " + j + ") is " + a.nz_values[k]);
                }
            }
        }
        return fromTriplets(n, rows, cols, a.nz_values, nnz);
    }

    /** The diagonal matrix diag(d), for example a lumped mass matrix. */
    public static SymmetricSparseMatrix diagonal(double[] d) {
        int n = d.length;
        int[] offsets = new int[n + 1];
        int[] cols = new int[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("diagonal entry " + i + " is " + d[i]);
            }
            offsets[i + 1] = i + 1;
            cols[i] = i;
        }
        return new SymmetricSparseMatrix(n, offsets, cols, d.clone());
    }

    /** The n x n identity. */
    public static SymmetricSparseMatrix identity(int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        return diagonal(ones);
    }

    private static SymmetricSparseMatrix fromTriplets(int n, int[] rows, int[] cols, double[] vals, int nnz) {
        int[] count = new int[n + 1];
        for (int k = 0; k < nnz; k++) {
            count[rows[k] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            count[i + 1] += count[i];
        }
        int[] next = Arrays.copyOf(count, n);
        int[] c = new int[nnz];
        double[] v = new double[nnz];
        for (int k = 0; k < nnz; k++) {
            int p = next[rows[k]]++;
            c[p] = cols[k];
            v[p] = vals[k];
        }
        int[] offsets = new int[n + 1];
        int out = 0;
        long[] keys = new long[0];
        for (int i = 0; i < n; i++) {
            int len = count[i + 1] - count[i];
            if (keys.length < len) {
                keys = new long[Math.max(len, 2 * keys.length)];
            }
            for (int t = 0; t < len; t++) {
                keys[t] = ((long) c[count[i] + t] << 32) | t;
            }
            Arrays.sort(keys, 0, len);
            offsets[i] = out;
            double[] rowVals = Arrays.copyOfRange(v, count[i], count[i + 1]);
            int last = -1;
            for (int t = 0; t < len; t++) {
                int col = (int) (keys[t] >>> 32);
                double val = rowVals[(int) keys[t]];
                if (col == last) {
                    v[out - 1] += val;
                } else {
                    c[out] = col;
                    v[out++] = val;
                    last = col;
                }
            }
        }
        offsets[n] = out;
        SymmetricSparseMatrix m = new SymmetricSparseMatrix(n, offsets, Arrays.copyOf(c, out),
                Arrays.copyOf(v, out));
        m.checkSymmetric();
        return m;
    }

    private void checkSymmetric() {
        for (int i = 0; i < n; i++) {
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                int j = columns[k];
                if (j <= i) {
                    continue;
                }
                int t = Arrays.binarySearch(columns, offsets[j], offsets[j + 1], i);
                double aji = t >= 0 ? values[t] : 0.0;
                double aij = values[k];
                if (Math.abs(aij - aji) > 1e-12 * Math.max(Math.abs(aij), Math.abs(aji))) {
                    throw new IllegalArgumentException("not symmetric: a(" + i + ", " + j + ") = " + aij + " but a("
                            + j + ", " + i + ") = " + aji);
                }
                double mean = 0.5 * (aij + aji);
                values[k] = mean;
                values[t] = mean;
            }
        }
    }

    /**
     * this + alpha b, for example the shifted matrix A - sigma B. The pattern is the union. O(nnz(this) +
     * nnz(b)).
     *
     * @throws IllegalArgumentException if the sizes differ or alpha is not finite
     */
    public SymmetricSparseMatrix plus(double alpha, SymmetricSparseMatrix b) {
        Objects.requireNonNull(b, "b");
        if (b.n != n) {
            throw new IllegalArgumentException("sizes " + n + " and " + b.n);
        }
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha = " + alpha);
        }
        int[] off = new int[n + 1];
        int[] cols = new int[columns.length + b.columns.length];
        double[] vals = new double[cols.length];
        int out = 0;
        for (int i = 0; i < n; i++) {
            off[i] = out;
            int p = offsets[i];
            int q = b.offsets[i];
            while (p < offsets[i + 1] || q < b.offsets[i + 1]) {
                int ca = p < offsets[i + 1] ? columns[p] : Integer.MAX_VALUE;
                int cb = q < b.offsets[i + 1] ? b.columns[q] : Integer.MAX_VALUE;
                if (ca == cb) {
                    cols[out] = ca;
                    vals[out++] = values[p++] + alpha * b.values[q++];
                } else if (ca < cb) {
                    cols[out] = ca;
                    vals[out++] = values[p++];
                } else {
                    cols[out] = cb;
                    vals[out++] = alpha * b.values[q++];
                }
            }
        }
        off[n] = out;
        return new SymmetricSparseMatrix(n, off, Arrays.copyOf(cols, out), Arrays.copyOf(vals, out));
    }

    @Override
    public int size() {
        return n;
    }

    /** Number of stored entries (both triangles and the diagonal). */
    public int nonZeroCount() {
        return columns.length;
    }

    /** Entry a_ij, 0 when not stored. O(log row length). */
    public double get(int i, int j) {
        int k = Arrays.binarySearch(columns, offsets[i], offsets[i + 1], j);
        return k >= 0 ? values[k] : 0.0;
    }

    /** The diagonal, a fresh array. */
    public double[] diagonal() {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = get(i, i);
        }
        return d;
    }

    /** True when every off-diagonal entry is zero. */
    public boolean isDiagonal() {
        for (int i = 0; i < n; i++) {
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                if (columns[k] != i && values[k] != 0.0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** ||A||_inf = max_i sum_j |a_ij|, an upper bound on the spectral norm ||A||_2 of a symmetric matrix. */
    public double normInf() {
        double best = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                s += Math.abs(values[k]);
            }
            best = Math.max(best, s);
        }
        return best;
    }

    /** First CSR position of row i; the row ends at {@code rowStart(i + 1)}. */
    public int rowStart(int i) {
        return offsets[i];
    }

    /** Column index at CSR position k. */
    public int column(int k) {
        return columns[k];
    }

    /** Value at CSR position k. */
    public double value(int k) {
        return values[k];
    }

    int[] offsetsView() {
        return offsets;
    }

    int[] columnsView() {
        return columns;
    }

    double[] valuesView() {
        return values;
    }

    @Override
    public void apply(double[] x, double[] y) {
        CsrProducts.multiply(n, offsets, columns, values, x, y, "a matrix");
    }

    @Override
    public DMatrixRMaj applyBlock(DMatrixRMaj x, DMatrixRMaj y) {
        return CsrProducts.multiply(n, offsets, columns, values, x, y);
    }

}
