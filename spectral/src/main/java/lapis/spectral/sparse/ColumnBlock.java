package lapis.spectral.sparse;

import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * A tall n x capacity block of column vectors stored row-major (row i at data[i * capacity]), with the
 * tall-skinny kernels the block eigensolvers need: V^T X, X -= V C, V Y in place. Rows are processed in a fixed
 * number of chunks, in parallel, and partial sums are added in chunk order, so results do not depend on the
 * number of threads. Mutable workspace: one instance per solve.
 */
final class ColumnBlock {
    private static final int CHUNKS = 16;
    private static final long PARALLEL_WORK = 1L << 18;

    final int n;
    final int capacity;
    final double[] data;

    ColumnBlock(int n, int capacity) {
        this(n, capacity, new double[n * capacity]);
    }

    private ColumnBlock(int n, int capacity, double[] data) {
        this.n = n;
        this.capacity = capacity;
        this.data = data;
    }

    /** The n x b row-major matrix x viewed as a basis (no copy). */
    static ColumnBlock view(DMatrixRMaj x) {
        return new ColumnBlock(x.numRows, x.numCols, x.data);
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
        ColumnBlock v = view(x);
        double[][] grouped = groupByFour(m.data, a, b);
        int chunks = v.chunks((long) n * a * b);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int lo = (int) ((long) n * c / chunks);
            int hi = (int) ((long) n * (c + 1) / chunks);
            for (int i = lo; i < hi; i++) {
                accumulateRow(x.data, i * a, a, grouped, m.data, b, out.data, i * b, false);
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
     * Wide bases combine four rows per update of a first-level-cache accumulator; narrow ones (fewer than 16
     * columns, the local Lanczos pass) accumulate row by row into groups of four columns of fixed stride.
     */
    void transposeTimes(int from, int to, double[] x, int p, double[] out) {
        int j = to - from;
        if (j == 0) {
            return;
        }
        int chunks = chunks((long) n * j * p);
        double[][] partial = new double[chunks][];
        boolean narrow = j < 16;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int lo = (int) ((long) n * c / chunks);
            int hi = (int) ((long) n * (c + 1) / chunks);
            partial[c] = narrow ? narrowTransposeTimes(lo, hi, from, j, x, p) : wideTransposeTimes(lo, hi, from, j, x,
                    p);
        });
        for (int a = 0; a < j; a++) {
            for (int b = 0; b < p; b++) {
                double s = 0;
                for (int c = 0; c < chunks; c++) {
                    s += partial[c][a * p + b];
                }
                out[a * p + b] = s;
            }
        }
    }

    /** Rows [lo, hi) of V^T X, four rows per pass over the accumulator; returns j x p row-major. */
    private double[] wideTransposeTimes(int lo, int hi, int from, int j, double[] x, int p) {
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
        double[] out = new double[j * p];
        for (int a = 0; a < j; a++) {
            for (int b = 0; b < p; b++) {
                out[a * p + b] = acc[b * j + a];
            }
        }
        return out;
    }

    /** Rows [lo, hi) of V^T X row by row, in groups of four columns of X; returns j x p row-major. */
    private double[] narrowTransposeTimes(int lo, int hi, int from, int j, double[] x, int p) {
        int groups = p / 4;
        double[][] acc4 = new double[groups][j * 4];
        double[][] rest = new double[p - 4 * groups][j];
        for (int g = 0; g < groups; g++) {
            accumulateNarrow(lo, hi, from, j, x, p, 4 * g, acc4[g]);
        }
        for (int b = 4 * groups; b < p; b++) {
            accumulateColumn(lo, hi, from, j, x, p, b, rest[b - 4 * groups]);
        }
        double[] out = new double[j * p];
        for (int a = 0; a < j; a++) {
            for (int g = 0; g < groups; g++) {
                System.arraycopy(acc4[g], 4 * a, out, a * p + 4 * g, 4);
            }
            for (int b = 4 * groups; b < p; b++) {
                out[a * p + b] = rest[b - 4 * groups][a];
            }
        }
        return out;
    }

    /** acc (j x 4 row-major) += V[lo..hi, from..from + j)^T X[lo..hi, col..col + 4). */
    private void accumulateNarrow(int lo, int hi, int from, int j, double[] x, int p, int col, double[] acc) {
        double[] data = this.data;
        int capacity = this.capacity;
        for (int i = lo; i < hi; i++) {
            int vr = i * capacity + from;
            int xr = i * p + col;
            double x0 = x[xr];
            double x1 = x[xr + 1];
            double x2 = x[xr + 2];
            double x3 = x[xr + 3];
            for (int a = 0; a < j; a++) {
                double va = data[vr + a];
                int o = 4 * a;
                acc[o] += va * x0;
                acc[o + 1] += va * x1;
                acc[o + 2] += va * x2;
                acc[o + 3] += va * x3;
            }
        }
    }

    /** acc (length j) += V[lo..hi, from..from + j)^T X[lo..hi, col]. */
    private void accumulateColumn(int lo, int hi, int from, int j, double[] x, int p, int col, double[] acc) {
        double[] data = this.data;
        int capacity = this.capacity;
        for (int i = lo; i < hi; i++) {
            int vr = i * capacity + from;
            double xb = x[i * p + col];
            for (int a = 0; a < j; a++) {
                acc[a] += data[vr + a] * xb;
            }
        }
    }

    /**
     * X -= V[:, from..to) C for the n x p row-major block x and the (to - from) x p row-major C. The columns of C
     * are regrouped by four with a fixed stride, and each row accumulates four outputs in registers.
     */
    void subtractTimes(int from, int to, double[] coef, double[] x, int p) {
        int j = to - from;
        if (j == 0) {
            return;
        }
        double[][] grouped = groupByFour(coef, j, p);
        int chunks = chunks((long) n * j * p);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int lo = (int) ((long) n * c / chunks);
            int hi = (int) ((long) n * (c + 1) / chunks);
            for (int i = lo; i < hi; i++) {
                accumulateRow(data, i * capacity + from, j, grouped, coef, p, x, i * p, true);
            }
        });
    }

    /** The columns of the j x p row-major m in groups of four, each group j x 4 row-major (stride 4). */
    private static double[][] groupByFour(double[] m, int j, int p) {
        int groups = p / 4;
        double[][] out = new double[groups][j * 4];
        for (int g = 0; g < groups; g++) {
            for (int a = 0; a < j; a++) {
                System.arraycopy(m, a * p + 4 * g, out[g], 4 * a, 4);
            }
        }
        return out;
    }

    /**
     * out[o .. o + p) (minus)= v[vr .. vr + j) M, where grouped holds M's columns by four (see groupByFour) and m
     * is M itself, read for the p mod 4 remaining columns.
     */
    private static void accumulateRow(double[] v, int vr, int j, double[][] grouped, double[] m, int p,
            double[] out, int o, boolean subtract) {
        int groups = p / 4;
        for (int g = 0; g < groups; g++) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double[] gm = grouped[g];
            for (int a = 0; a < j; a++) {
                double va = v[vr + a];
                int ca = 4 * a;
                s0 += va * gm[ca];
                s1 += va * gm[ca + 1];
                s2 += va * gm[ca + 2];
                s3 += va * gm[ca + 3];
            }
            int ob = o + 4 * g;
            if (subtract) {
                out[ob] -= s0;
                out[ob + 1] -= s1;
                out[ob + 2] -= s2;
                out[ob + 3] -= s3;
            } else {
                out[ob] = s0;
                out[ob + 1] = s1;
                out[ob + 2] = s2;
                out[ob + 3] = s3;
            }
        }
        for (int b = 4 * groups; b < p; b++) {
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
            out[o + b] = subtract ? out[o + b] - (s0 + s1) : s0 + s1;
        }
    }

    /** V[:, from..from + l) = V[:, from..from + m) Y for the m x l row-major Y, in place, row by row. */
    void rotate(int from, int m, double[] y, int l) {
        double[][] grouped = groupByFour(y, m, l);
        int chunks = chunks((long) n * m * l);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int lo = (int) ((long) n * c / chunks);
            int hi = (int) ((long) n * (c + 1) / chunks);
            double[] row = new double[l];
            for (int i = lo; i < hi; i++) {
                int vr = i * capacity + from;
                accumulateRow(data, vr, m, grouped, y, l, row, 0, false);
                System.arraycopy(row, 0, data, vr, l);
            }
        });
    }
}
