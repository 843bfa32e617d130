package lapis.graph;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;

/**
 * An immutable real symmetric sparse n x n matrix in compressed sparse rows, both triangles stored, columns
 * ascending in each row (the layout of {@link Laplacian}): a finite-element stiffness matrix ({@link #assemble}),
 * a symmetric Laplacian ({@link #of(Laplacian)}), a mass matrix ({@link #diagonal(double[])}), a shifted matrix
 * A - sigma B ({@link #plus}), and the input of the spectral module's sparse factorisations, which read it through
 * {@link #rowStart}, {@link #column} and {@link #value}. The spectral module views it as an operator.
 *
 * <p>Costs: {@link #multiply(double[], double[])} O(nnz); a block of b vectors O(nnz b), run in parallel over row
 * ranges when large (rows are independent, so the result does not depend on the number of threads). Memory
 * 4(n + 1) + 12 nnz bytes.
 */
public final class SymmetricSparseMatrix {
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
     * Finite-element assembly: S_ij = S_ji = the sum of v over the triplets (i, j, v) and (j, i, v). Each
     * off-diagonal triplet (i, j, v) adds v at (i, j) and at (j, i); a diagonal triplet (i, i, v) adds v to S_ii
     * once. Duplicates sum in the order given, so elements can be added one by one. Symmetric by construction.
     * Arrays: not modified. O(n + t log t) for t triplets.
     *
     * @throws IllegalArgumentException naming the first triplet with an index out of range or a value not finite
     */
    public static SymmetricSparseMatrix assemble(int n, int[] rows, int[] cols, double[] vals, int count) {
        if (n < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + n);
        }
        if (count > rows.length || count > cols.length || count > vals.length) {
            throw new IllegalArgumentException(count + " triplets requested from arrays of lengths " + rows.length
                    + ", " + cols.length + ", " + vals.length);
        }
        for (int t = 0; t < count; t++) {
            int i = rows[t];
            int j = cols[t];
            if (i < 0 || i >= n || j < 0 || j >= n) {
                throw new IllegalArgumentException("triplet " + t + " (" + i + ", " + j + ") is out of range for a "
                        + n + "x" + n + " matrix");
            }
            if (!Double.isFinite(vals[t])) {
                throw new IllegalArgumentException("triplet " + t + " (" + i + ", " + j + ") has value " + vals[t]);
            }
        }
        return sortedRows(n, rows, cols, vals, count, true);
    }

    /**
     * The matrix of a symmetric Laplacian (combinatorial or symmetric-normalised). O(n + nnz).
     *
     * @throws IllegalArgumentException for the random-walk Laplacian, which is not symmetric
     */
    public static SymmetricSparseMatrix of(Laplacian laplacian) {
        Objects.requireNonNull(laplacian, "laplacian");
        laplacian.normalization().requireSymmetric();
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
        return sortedRows(n, rowOf, columns, values, nnz, false).checkedSymmetric();
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
        return sortedRows(n, rows, cols, a.nz_values, nnz, false).checkedSymmetric();
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

    /**
     * Sorted CSR rows from the first count triplets (i, j, v), already checked: each row sorted by column, a
     * repeated (i, j) summed in input order. With mirror, an off-diagonal triplet is also entered at (j, i), right
     * after (i, j). O(n + t log t).
     */
    private static SymmetricSparseMatrix sortedRows(int n, int[] rows, int[] cols, double[] vals, int count,
            boolean mirror) {
        int[] start = new int[n + 1];
        for (int t = 0; t < count; t++) {
            start[rows[t] + 1]++;
            if (mirror && rows[t] != cols[t]) {
                start[cols[t] + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        long[] keys = new long[start[n]];
        double[] entry = new double[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int t = 0; t < count; t++) {
            int i = rows[t];
            int j = cols[t];
            int p = fill[i]++;
            keys[p] = (long) j << 32 | p;
            entry[p] = vals[t];
            if (mirror && i != j) {
                int q = fill[j]++;
                keys[q] = (long) i << 32 | q;
                entry[q] = vals[t];
            }
        }
        int[] offsets = new int[n + 1];
        int[] columns = new int[keys.length];
        double[] values = new double[keys.length];
        int out = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = out;
            Arrays.sort(keys, start[i], start[i + 1]);
            for (int p = start[i]; p < start[i + 1]; p++) {
                int j = (int) (keys[p] >>> 32);
                double v = entry[(int) keys[p]];
                if (out > offsets[i] && columns[out - 1] == j) {
                    values[out - 1] += v;
                } else {
                    columns[out] = j;
                    values[out++] = v;
                }
            }
        }
        offsets[n] = out;
        return new SymmetricSparseMatrix(n, offsets, Arrays.copyOf(columns, out), Arrays.copyOf(values, out));
    }

    /**
     * This matrix after replacing each pair a_ij, a_ji by their mean, once checked to agree within 1e-12 of the
     * larger magnitude. An off-diagonal entry whose mirror is not stored must be 0 (an explicit zero), and is then
     * dropped, so the pattern stays symmetric as the factorisations expect.
     */
    private SymmetricSparseMatrix checkedSymmetric() {
        boolean[] unmirrored = null;
        for (int i = 0; i < n; i++) {
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                int j = columns[k];
                if (j == i) {
                    continue;
                }
                int t = Arrays.binarySearch(columns, offsets[j], offsets[j + 1], i);
                double aij = values[k];
                double aji = t >= 0 ? values[t] : 0.0;
                if (Math.abs(aij - aji) > 1e-12 * Math.max(Math.abs(aij), Math.abs(aji))) {
                    throw new IllegalArgumentException("not symmetric: a(" + i + ", " + j + ") = " + aij + " but a("
                            + j + ", " + i + ") = " + aji + (t >= 0 ? "" : " (not stored)"));
                }
                if (t < 0) {
                    unmirrored = unmirrored == null ? new boolean[columns.length] : unmirrored;
                    unmirrored[k] = true;
                } else if (j > i) {
                    double mean = 0.5 * (aij + aji);
                    values[k] = mean;
                    values[t] = mean;
                }
            }
        }
        return unmirrored == null ? this : without(unmirrored);
    }

    /** This matrix without the stored positions marked in {@code drop}. O(nnz). */
    private SymmetricSparseMatrix without(boolean[] drop) {
        int[] off = new int[n + 1];
        int[] cols = new int[columns.length];
        double[] vals = new double[columns.length];
        int out = 0;
        for (int i = 0; i < n; i++) {
            off[i] = out;
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                if (!drop[k]) {
                    cols[out] = columns[k];
                    vals[out++] = values[k];
                }
            }
        }
        off[n] = out;
        return new SymmetricSparseMatrix(n, off, Arrays.copyOf(cols, out), Arrays.copyOf(vals, out));
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

    /** The dimension n. */
    public int size() {
        return n;
    }

    /** Number of stored entries, both triangles and the diagonal counted. */
    public int nonZeroCount() {
        return columns.length;
    }

    /** Entry S_ij, 0 when not stored. O(log nnz_i). */
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

    /** ||S||_inf = max_i sum_j |S_ij|, an upper bound on the spectral norm ||S||_2 of a symmetric matrix. */
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

    /** First CSR position of row i; the row ends at {@code rowStart(i + 1)}. 0 &lt;= i &lt;= n. */
    public int rowStart(int i) {
        return offsets[i];
    }

    /** Column index at CSR position k; ascending within a row. */
    public int column(int k) {
        return columns[k];
    }

    /** Value at CSR position k. */
    public double value(int k) {
        return values[k];
    }

    /** y = S x. Reads x, overwrites y; both of length n and not the same array. O(nnz). */
    public void multiply(double[] x, double[] y) {
        CsrProducts.multiply(n, offsets, columns, values, x, y, "a matrix");
    }

    /**
     * Y = S X for a block of b vectors stored row-major as n x b matrices. X: not modified; Y: overwritten,
     * reshaped if null or of another shape, and returned. O(nnz b).
     */
    public DMatrixRMaj multiply(DMatrixRMaj x, DMatrixRMaj y) {
        return CsrProducts.multiply(n, offsets, columns, values, x, y);
    }

    /** Calls {@code action} for every stored entry (i, j, S_ij), row by row, columns ascending. */
    public void forEachEntry(EntryConsumer action) {
        for (int i = 0; i < n; i++) {
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                action.accept(i, columns[k], values[k]);
            }
        }
    }

    /** The dense n x n matrix. O(n^2) memory. */
    public DMatrixRMaj toDense() {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        forEachEntry((i, j, v) -> m.data[i * n + j] = v);
        return m;
    }

    /** The matrix as an EJML compressed sparse column matrix. */
    public DMatrixSparseCSC toSparse() {
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(n, n, columns.length);
        forEachEntry(t::addItem);
        return DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
    }

    @Override
    public String toString() {
        return "SymmetricSparseMatrix[n=" + n + ", nnz=" + columns.length + "]";
    }

    /** Receives one stored entry. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(int row, int column, double value);
    }
}
