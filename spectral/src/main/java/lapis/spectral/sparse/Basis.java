package lapis.spectral.sparse;

import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * A tall n x capacity block of column vectors stored row-major (row i at data[i * capacity]), with the
 * tall-skinny kernels the block eigensolvers need: V^T X, X -= V C, V Y in place. Rows are processed in a fixed
 * number of chunks, in parallel, and partial sums are added in chunk order, so results do not depend on the
 * number of threads. Mutable workspace: one instance per solve.
 */
final class Basis {
    private static final int CHUNKS = 16;
    private static final long PARALLEL_WORK = 1L << 18;

    final int n;
    final int capacity;
    final double[] data;

    Basis(int n, int capacity) {
        this(n, capacity, new double[n * capacity]);
    }

    private Basis(int n, int capacity, double[] data) {
        this.n = n;
        this.capacity = capacity;
        this.data = data;
    }

    /** The n x b row-major matrix x viewed as a basis (no copy). */
    static Basis view(DMatrixRMaj x) {
        return new Basis(x.numRows, x.numCols, x.data);
    }

    /** X^T Y for row-major n x a and n x b blocks: a x b. */
    static DMatrixRMaj gram(DMatrixRMaj x, DMatrixRMaj y) {
        DMatrixRMaj out = new DMatrixRMaj(x.numCols, y.numCols);
        view(x).transposeTimes(0, x.numCols, y.data, y.numCols, out.data);
        return out;
    }

    /** X M for the row-major n x a block X and a x b matrix M: n x b. */
    static DMatrixRMaj times(DMatrixRMaj x, DMatrixRMaj m) {
        int n = x.numRows;
        int a = x.numCols;
        int b = m.numCols;
        DMatrixRMaj out = new DMatrixRMaj(n, b);
        Basis v = view(x);
        int chunks = v.chunks((long) n * a * b);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int lo = (int) ((long) n * c / chunks);
            int hi = (int) ((long) n * (c + 1) / chunks);
            double[] row = new double[b];
            for (int i = lo; i < hi; i++) {
                rowTimes(x.data, i * a, a, m.data, b, row);
                System.arraycopy(row, 0, out.data, i * b, b);
            }
        });
        return out;
    }

    /** Y -= X C for the row-major n x a block X, a x b matrix C and n x b block Y. */
    static void subtractTimes(DMatrixRMaj x, DMatrixRMaj coef, DMatrixRMaj y) {
        view(x).subtractTimes(0, x.numCols, coef.data, y.data, y.numCols);
    }

    /** Copies the n x p row-major block x into columns [col, col + p). */
    void setColumns(int col, double[] x, int p) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * p, data, i * capacity + col, p);
        }
    }

    /** Columns [col, col + p) as an n x p row-major block (out reshaped; null allocates). */
    DMatrixRMaj columns(int col, int p, DMatrixRMaj out) {
        if (out == null) {
            out = new DMatrixRMaj(n, p);
        } else {
            out.reshape(n, p);
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(data, i * capacity + col, out.data, i * p, p);
        }
        return out;
    }

    /** Moves columns [from, from + p) to [to, to + p). */
    void moveColumns(int from, int to, int p) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(data, i * capacity + from, data, i * capacity + to, p);
        }
    }

    private int chunks(long work) {
        return work < PARALLEL_WORK ? 1 : Math.min(CHUNKS, n);
    }

    /**
     * out = V[:, from..to)^T X for the n x p row-major block x; out is (to - from) x p row-major, overwritten.
     * Four rows are combined per update of the accumulator, which keeps it in the first-level cache.
     */
    void transposeTimes(int from, int to, double[] x, int p, double[] out) {
        int j = to - from;
        if (j == 0) {
            return;
        }
        int chunks = chunks((long) n * j * p);
        double[][] partial = new double[chunks][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int lo = (int) ((long) n * c / chunks);
            int hi = (int) ((long) n * (c + 1) / chunks);
            double[] acc = new double[p * j];
            int i = lo;
            for (; i + 3 < hi; i += 4) {
                int v0 = i * capacity + from;
                int v1 = v0 + capacity;
                int v2 = v1 + capacity;
                int v3 = v2 + capacity;
                int x0 = i * p;
                for (int b = 0; b < p; b++) {
                    double xb0 = x[x0 + b];
                    double xb1 = x[x0 + p + b];
                    double xb2 = x[x0 + 2 * p + b];
                    double xb3 = x[x0 + 3 * p + b];
                    int ob = b * j;
                    for (int a = 0; a < j; a++) {
                        acc[ob + a] += (data[v0 + a] * xb0 + data[v1 + a] * xb1)
                                + (data[v2 + a] * xb2 + data[v3 + a] * xb3);
                    }
                }
            }
            for (; i < hi; i++) {
                int vr = i * capacity + from;
                int xr = i * p;
                for (int b = 0; b < p; b++) {
                    double xb = x[xr + b];
                    int ob = b * j;
                    for (int a = 0; a < j; a++) {
                        acc[ob + a] += data[vr + a] * xb;
                    }
                }
            }
            partial[c] = acc;
        });
        for (int a = 0; a < j; a++) {
            for (int b = 0; b < p; b++) {
                double s = 0;
                for (int c = 0; c < chunks; c++) {
                    s += partial[c][b * j + a];
                }
                out[a * p + b] = s;
            }
        }
    }

    /**
     * X -= V[:, from..to) C for the n x p row-major block x and the (to - from) x p row-major C. Each row
     * accumulates four outputs in registers.
     */
    void subtractTimes(int from, int to, double[] coef, double[] x, int p) {
        int j = to - from;
        if (j == 0) {
            return;
        }
        int chunks = chunks((long) n * j * p);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int lo = (int) ((long) n * c / chunks);
            int hi = (int) ((long) n * (c + 1) / chunks);
            double[] row = new double[p];
            for (int i = lo; i < hi; i++) {
                rowTimes(data, i * capacity + from, j, coef, p, row);
                int xr = i * p;
                for (int b = 0; b < p; b++) {
                    x[xr + b] -= row[b];
                }
            }
        });
    }

    /** out[0..p) = v[vr .. vr + j) M for the j x p row-major M, four outputs at a time in registers. */
    private static void rowTimes(double[] v, int vr, int j, double[] m, int p, double[] out) {
        int b = 0;
        for (; b + 3 < p; b += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int a = 0; a < j; a++) {
                double va = v[vr + a];
                int ma = a * p + b;
                s0 += va * m[ma];
                s1 += va * m[ma + 1];
                s2 += va * m[ma + 2];
                s3 += va * m[ma + 3];
            }
            out[b] = s0;
            out[b + 1] = s1;
            out[b + 2] = s2;
            out[b + 3] = s3;
        }
        for (; b < p; b++) {
            double s0 = 0;
            double s1 = 0;
            int a = 0;
            for (; a + 1 < j; a += 2) {
                s0 += v[vr + a] * m[a * p + b];
                s1 += v[vr + a + 1] * m[(a + 1) * p + b];
            }
            if (a < j) {
                s0 += v[vr + a] * m[a * p + b];
            }
            out[b] = s0 + s1;
        }
    }

    /** V[:, from..from + l) = V[:, from..from + m) Y for the m x l row-major Y, in place, row by row. */
    void rotate(int from, int m, double[] y, int l) {
        int chunks = chunks((long) n * m * l);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int lo = (int) ((long) n * c / chunks);
            int hi = (int) ((long) n * (c + 1) / chunks);
            double[] row = new double[l];
            for (int i = lo; i < hi; i++) {
                int vr = i * capacity + from;
                rowTimes(data, vr, m, y, l, row);
                System.arraycopy(row, 0, data, vr, l);
            }
        });
    }
}
