package lapis.graph;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Products y = S x and Y = S X of a square matrix in compressed sparse rows (offsets, columns, values), the one
 * kernel behind {@link Laplacian} and {@link SymmetricSparseMatrix}, and the Frobenius distance of two such
 * matrices ({@link Laplacian#frobeniusDistance}, {@link Graph#adjacencyDistance}). Stateless.
 * A block of b vectors is row-major n x b; its product runs in parallel over row ranges when nnz b is large (rows
 * are independent, so the result does not depend on the threads). Cost O(nnz) per vector.
 */
public final class CsrProducts {
    private static final long PARALLEL_WORK = 1L << 20;

    private CsrProducts() {
    }

    /**
     * y = S x. Reads x, overwrites y.
     *
     * @param what how errors name the matrix, e.g. "a Laplacian"
     * @throws IllegalArgumentException if x and y are the same array, or either is not of length n
     */
    public static void multiply(int n, int[] offsets, int[] columns, double[] values, double[] x, double[] y,
            String what) {
        if (x == y) {
            throw new IllegalArgumentException("x and y must be different arrays");
        }
        if (x.length != n || y.length != n) {
            throw new IllegalArgumentException("vectors of length " + x.length + " and " + y.length + " for " + what
                    + " of size " + n);
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                s += values[k] * x[columns[k]];
            }
            y[i] = s;
        }
    }

    /**
     * Y = S X. X: not modified; Y: overwritten, reshaped if null or of another shape, and returned.
     *
     * @throws IllegalArgumentException if X does not have n rows or Y is X
     */
    public static DMatrixRMaj multiply(int n, int[] offsets, int[] columns, double[] values, DMatrixRMaj x,
            DMatrixRMaj y) {
        if (x.numRows != n) {
            throw new IllegalArgumentException("block is " + x.numRows + "x" + x.numCols + "; expected " + n
                    + " rows");
        }
        int b = x.numCols;
        if (y == null) {
            y = new DMatrixRMaj(n, b);
        } else {
            if (y == x) {
                throw new IllegalArgumentException("x and y must be different matrices");
            }
            y.reshape(n, b);
        }
        double[] xd = x.data;
        double[] yd = y.data;
        if ((long) columns.length * b < PARALLEL_WORK) {
            multiplyRows(offsets, columns, values, xd, yd, b, 0, n);
        } else {
            int chunks = Math.min(n, 8 * Runtime.getRuntime().availableProcessors());
            IntStream.range(0, chunks).parallel().forEach(c -> multiplyRows(offsets, columns, values, xd, yd, b,
                    (int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
        }
        return y;
    }

    private static void multiplyRows(int[] offsets, int[] columns, double[] values, double[] x, double[] y, int b,
            int from, int to) {
        for (int i = from; i < to; i++) {
            int yi = i * b;
            Arrays.fill(y, yi, yi + b, 0.0);
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                double v = values[k];
                int xj = columns[k] * b;
                for (int c = 0; c < b; c++) {
                    y[yi + c] += v * x[xj + c];
                }
            }
        }
    }

    /**
     * ||A - B||_F^2 for two n x n CSR matrices with sorted columns per row, merging the rows. O(nnz(A) + nnz(B)).
     */
    static double squaredDistance(int n, int[] offsetsA, int[] columnsA, double[] valuesA, int[] offsetsB,
                                  int[] columnsB, double[] valuesB) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            int p = offsetsA[i];
            int q = offsetsB[i];
            while (p < offsetsA[i + 1] || q < offsetsB[i + 1]) {
                int ca = p < offsetsA[i + 1] ? columnsA[p] : Integer.MAX_VALUE;
                int cb = q < offsetsB[i + 1] ? columnsB[q] : Integer.MAX_VALUE;
                double d;
                if (ca == cb) {
                    d = valuesA[p++] - valuesB[q++];
                } else if (ca < cb) {
                    d = valuesA[p++];
                } else {
                    d = valuesB[q++];
                }
                s += d * d;
            }
        }
        return s;
    }
}
