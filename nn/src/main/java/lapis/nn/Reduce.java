package lapis.nn;

import java.util.Arrays;

/**
 * Sums that undo broadcasting and the broadcast itself; they are each other's adjoints. Float32 sums accumulate
 * in double. Row sums split over rows; column sums add the rows of fixed blocks of {@value #ROW_BLOCK} in parallel
 * and then the blocks' sums in order; the total adds fixed chunks of 4096 in order: no result depends on the
 * thread count.
 */
final class Reduce {
    private static final int CHUNK = 4096;

    private Reduce() {
    }

    /** The sum of x over the axes along which {@code target} was broadcast to x's shape. */
    static Tensor sumTo(Tensor x, int[] target, Tape t) {
        Elementwise.Mode mode = Elementwise.mode(target, x.shapeView());
        if (mode == null) {
            throw new IllegalArgumentException("cannot sum shape " + Arrays.toString(x.shapeView()) + " to "
                    + Arrays.toString(target));
        }
        Tensor out = t.alloc(x.dtype(), target.clone(), false);
        int rows = x.rows();
        int cols = x.cols();
        switch (mode) {
            case FULL -> Elementwise.copyInto(x, out);
            case SCALAR -> out.setFlat(0, total(x));
            case COL -> t.threads().forRange(rows, Math.max(1, (1 << 14) / Math.max(1, cols)), (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    double s = 0;
                    int o = r * cols;
                    if (x.f != null) {
                        for (int j = 0; j < cols; j++) {
                            s += x.f[o + j];
                        }
                    } else {
                        for (int j = 0; j < cols; j++) {
                            s += x.d[o + j];
                        }
                    }
                    out.setFlat(r, s);
                }
            });
            case ROW -> columnSums(x, rows, cols, out, t.threads());
        }
        return out;
    }

    private static final int ROW_BLOCK = 256;

    /**
     * The column sums of the rows x cols matrix x into out: each block of {@value #ROW_BLOCK} rows is summed row by
     * row (contiguous, so the loop vectorises) by one thread, then the block sums are added in block order.
     */
    private static void columnSums(Tensor x, int rows, int cols, Tensor out, Threads threads) {
        int blocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
        double[] partial = new double[blocks * cols];
        threads.forRange(blocks, Math.max(1, (1 << 15) / Math.max(1, ROW_BLOCK * cols)), (b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                int p = b * cols;
                int end = Math.min(rows, (b + 1) * ROW_BLOCK);
                for (int r = b * ROW_BLOCK; r < end; r++) {
                    int o = r * cols;
                    if (x.f != null) {
                        float[] xs = x.f;
                        for (int j = 0; j < cols; j++) {
                            partial[p + j] += xs[o + j];
                        }
                    } else {
                        double[] xs = x.d;
                        for (int j = 0; j < cols; j++) {
                            partial[p + j] += xs[o + j];
                        }
                    }
                }
            }
        });
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int b = 0; b < blocks; b++) {
                s += partial[b * cols + j];
            }
            out.setFlat(j, s);
        }
    }

    /** Sum of all elements, in fixed chunks added in order. */
    static double total(Tensor x) {
        double s = 0;
        int n = x.size();
        for (int c0 = 0; c0 < n; c0 += CHUNK) {
            int c1 = Math.min(n, c0 + CHUNK);
            double part = 0;
            if (x.f != null) {
                for (int i = c0; i < c1; i++) {
                    part += x.f[i];
                }
            } else {
                for (int i = c0; i < c1; i++) {
                    part += x.d[i];
                }
            }
            s += part;
        }
        return s;
    }

    /** sum of a[i] b[i] over two tensors of equal size, in fixed chunks added in order (float32 in double). */
    static double dot(Tensor a, Tensor b) {
        double s = 0;
        int n = a.size();
        for (int c0 = 0; c0 < n; c0 += CHUNK) {
            int c1 = Math.min(n, c0 + CHUNK);
            double part = 0;
            if (a.f != null) {
                for (int i = c0; i < c1; i++) {
                    part += (double) a.f[i] * b.f[i];
                }
            } else {
                for (int i = c0; i < c1; i++) {
                    part += a.d[i] * b.d[i];
                }
            }
            s += part;
        }
        return s;
    }

    /** x read as a broadcast operand of {@code shape}, written out in full. */
    static Tensor expand(Tensor x, int[] shape, Tape t) {
        Elementwise.Mode mode = Elementwise.mode(x.shapeView(), shape);
        if (mode == null) {
            throw new IllegalArgumentException("cannot broadcast shape " + Arrays.toString(x.shapeView()) + " to "
                    + Arrays.toString(shape));
        }
        Tensor out = t.alloc(x.dtype(), shape.clone(), false);
        int cols = Elementwise.colsOf(shape);
        int rows = Elementwise.rowsOf(shape);
        t.threads().forRange(rows, Math.max(1, (1 << 15) / Math.max(1, cols)), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int o = r * cols;
                if (x.f != null) {
                    switch (mode) {
                        case FULL -> System.arraycopy(x.f, o, out.f, o, cols);
                        case ROW -> System.arraycopy(x.f, 0, out.f, o, cols);
                        case COL -> Arrays.fill(out.f, o, o + cols, x.f[r]);
                        case SCALAR -> Arrays.fill(out.f, o, o + cols, x.f[0]);
                    }
                } else {
                    switch (mode) {
                        case FULL -> System.arraycopy(x.d, o, out.d, o, cols);
                        case ROW -> System.arraycopy(x.d, 0, out.d, o, cols);
                        case COL -> Arrays.fill(out.d, o, o + cols, x.d[r]);
                        case SCALAR -> Arrays.fill(out.d, o, o + cols, x.d[0]);
                    }
                }
            }
        });
        return out;
    }
}
