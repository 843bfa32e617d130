package lapis.graph.mesh;

import java.util.Arrays;
import lapis.graph.CsrProducts;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;

/**
 * An immutable symmetric sparse n x n matrix in compressed sparse rows, both triangles stored, columns ascending
 * in each row (the layout of {@link lapis.graph.Laplacian}).
 *
 * <p>Built from triplets whose duplicates sum, so finite-element assembly can add element by element. Products
 * cost O(nnz). Symmetry is guaranteed by construction: each off-diagonal triplet (i, j, v) is stored at (i, j) and
 * (j, i).
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
     * The symmetric matrix S with S_ij = S_ji = the sum of the v over triplets (i, j, v) and (j, i, v); a diagonal
     * triplet (i, i, v) adds v to S_ii once. Arrays: not modified. O(n + t log t) for t triplets.
     *
     * @throws IllegalArgumentException naming the first triplet with an index out of range or a value not finite
     */
    public static SymmetricSparseMatrix fromTriplets(int n, int[] rows, int[] cols, double[] vals, int count) {
        if (n < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + n);
        }
        if (count > rows.length || count > cols.length || count > vals.length) {
            throw new IllegalArgumentException(count + " triplets requested from arrays of lengths " + rows.length
                    + ", " + cols.length + ", " + vals.length);
        }
        int[] rowCount = new int[n + 1];
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
            rowCount[i + 1]++;
            if (i != j) {
                rowCount[j + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            rowCount[i + 1] += rowCount[i];
        }
        long[] keys = new long[rowCount[n]];
        double[] entry = new double[rowCount[n]];
        int[] fill = Arrays.copyOf(rowCount, n);
        for (int t = 0; t < count; t++) {
            int i = rows[t];
            int j = cols[t];
            int p = fill[i]++;
            keys[p] = (long) j << 32 | p;
            entry[p] = vals[t];
            if (i != j) {
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
            Arrays.sort(keys, rowCount[i], rowCount[i + 1]);
            for (int p = rowCount[i]; p < rowCount[i + 1]; p++) {
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

    /** y = S x. Reads x, overwrites y; both of length n and not the same array. O(nnz). */
    public void multiply(double[] x, double[] y) {
        if (x == y) {
            throw new IllegalArgumentException("x and y must be different arrays");
        }
        CsrProducts.multiply(n, offsets, columns, values, x, y, "a matrix");
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
