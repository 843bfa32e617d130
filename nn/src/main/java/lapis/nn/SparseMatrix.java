package lapis.nn;

import java.util.Arrays;
import java.util.Objects;
import lapis.graph.Laplacian;

/**
 * A constant sparse matrix in compressed sparse rows, for products S B with dense tensors
 * ({@link MessagePassing#sparseMultiply}): graph Laplacians and diffusion operators of the learned spectral bases,
 * whose Rayleigh quotients tr(B^T L B) need L B for 10^4-10^5 points. Holds its transpose too, which the backward pass
 * multiplies by. Immutable; building costs O(rows + columns + nnz) time and twice the entries in memory.
 */
public final class SparseMatrix {
    private final int rows;
    private final int cols;
    private final int[] offsets;
    private final int[] columns;
    private final double[] values;
    private final float[] floatValues;
    private SparseMatrix transpose;

    private SparseMatrix(int rows, int cols, int[] offsets, int[] columns, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.offsets = offsets;
        this.columns = columns;
        this.values = values;
        this.floatValues = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            floatValues[k] = (float) values[k];
        }
    }

    /**
     * The rows x cols matrix with entries (i[k], j[k]) = v[k]; repeated positions are kept as separate terms
     * (their sum is the entry). Within a row, entries keep their order.
     *
     * @throws IllegalArgumentException naming the first entry outside the matrix or with a non-finite value
     */
    public static SparseMatrix of(int rows, int cols, int[] i, int[] j, double[] v) {
        Objects.requireNonNull(i, "i");
        Objects.requireNonNull(j, "j");
        Objects.requireNonNull(v, "v");
        if (i.length != j.length || i.length != v.length || rows < 0 || cols < 0) {
            throw new IllegalArgumentException("sparse matrix " + rows + " x " + cols + " with " + i.length + " rows, "
                    + j.length + " columns and " + v.length + " values");
        }
        for (int k = 0; k < i.length; k++) {
            if (i[k] < 0 || i[k] >= rows || j[k] < 0 || j[k] >= cols || !Double.isFinite(v[k])) {
                throw new IllegalArgumentException("entry " + k + " (" + i[k] + ", " + j[k] + ") = " + v[k]
                        + " is outside the " + rows + " x " + cols + " matrix or not finite");
            }
        }
        SparseMatrix s = compress(rows, cols, i, j, v);
        SparseMatrix t = compress(cols, rows, j, i, v);
        s.transpose = t;
        t.transpose = s;
        return s;
    }

    /** CSR of checked triplets: a stable counting sort by row. */
    private static SparseMatrix compress(int rows, int cols, int[] i, int[] j, double[] v) {
        int[] offsets = new int[rows + 1];
        for (int r : i) {
            offsets[r + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            offsets[r + 1] += offsets[r];
        }
        int[] next = offsets.clone();
        int[] c = new int[i.length];
        double[] x = new double[i.length];
        for (int k = 0; k < i.length; k++) {
            int at = next[i[k]]++;
            c[at] = j[k];
            x[at] = v[k];
        }
        return new SparseMatrix(rows, cols, offsets, c, x);
    }

    /** The Laplacian's stored entries, row by row. */
    public static SparseMatrix of(Laplacian l) {
        Objects.requireNonNull(l, "l");
        int nnz = l.nonZeroCount();
        int[] i = new int[nnz];
        int[] j = new int[nnz];
        double[] v = new double[nnz];
        int[] at = {0};
        l.forEachEntry((r, c, x) -> {
            i[at[0]] = r;
            j[at[0]] = c;
            v[at[0]] = x;
            at[0]++;
        });
        return of(l.size(), l.size(), i, j, v);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int nonZeroCount() {
        return columns.length;
    }

    /** S^T (held, not recomputed). */
    public SparseMatrix transpose() {
        return transpose;
    }

    /**
     * out = S b + selfWeight b for b with {@code cols} rows of width w (the second term only when selfWeight is not
     * 0, which needs a square S); rows of out split over threads, each summed in order: the self term first, then
     * the stored entries of the row.
     */
    void multiply(Tensor b, double selfWeight, Tensor out, Threads threads) {
        int w = b.size() / Math.max(1, cols);
        if (selfWeight != 0 && rows != cols) {
            throw new IllegalArgumentException("a self term needs a square matrix, this one is " + rows + " x " + cols);
        }
        threads.forRange(rows, Math.max(1, (1 << 14) / Math.max(1, w * (1 + columns.length / Math.max(1, rows)))),
                (r0, r1) -> Gemm.sparseRows(offsets, columns, floatValues, values, b, out, w, selfWeight, r0, r1));
    }
}
