package lapis.nn;

import java.util.Arrays;

/**
 * Fused batch and layer normalisation: forward passes and first-order backward passes in one or two sweeps. The
 * statistics are kept in double. Batch norm splits over columns and layer norm over rows, so each statistic is
 * summed by one thread in row order. The differentiable compositions used for double backward are in
 * {@link NormalizationLayers}.
 */
final class Norms {
    private Norms() {
    }

    /** Per-column mean and 1/sqrt(var + eps) of a batch norm, and the output. */
    record BatchStats(double[] mean, double[] rstd, double[] var, int count) {
    }

    /**
     * y[r, c] = gamma[c] (x[r, c] - mean[c]) rstd[c] + beta[c] for every row r, with the mean and the biased
     * variance over the rows where {@code mask} (length R, may be null for all rows) is true. The statistics are
     * summed per column in row order (split over columns); the output is the affine map y = s x + t per column
     * (split over rows).
     */
    static BatchStats batchNorm(Tensor x, Tensor gamma, Tensor beta, boolean[] mask, double eps, Tensor out,
                                Threads threads) {
        int rows = x.rows();
        int cols = x.cols();
        int count = 0;
        for (int r = 0; r < rows; r++) {
            if (mask == null || mask[r]) {
                count++;
            }
        }
        double[] mean = new double[cols];
        double[] var = new double[cols];
        double[] rstd = new double[cols];
        int n = count;
        threads.forRange(cols, 16, (c0, c1) -> {
            columnSums(x, null, mask, rows, cols, c0, c1, null, mean);
            for (int c = c0; c < c1; c++) {
                mean[c] /= n;
            }
            columnSums(x, null, mask, rows, cols, c0, c1, mean, var);
            for (int c = c0; c < c1; c++) {
                var[c] /= n;
                rstd[c] = 1 / Math.sqrt(var[c] + eps);
            }
        });
        double[] s = new double[cols];
        double[] t = new double[cols];
        for (int c = 0; c < cols; c++) {
            s[c] = gamma.getFlat(c) * rstd[c];
            t[c] = beta.getFlat(c) - mean[c] * s[c];
        }
        affineRows(x, s, t, null, null, null, out, threads);
        return new BatchStats(mean, rstd, var, count);
    }

    /** Rows per float partial sum in {@link #columnSums}. */
    private static final int BLOCK = 64;

    /**
     * For columns [c0, c1): acc[c] += sum over the rows the mask selects (all if null) of x (center and g null),
     * of (x - center[c])^2 (g null), or of g (x - center[c]). Float32 input is summed in float over fixed blocks of
     * 64 rows (so the loops vectorise) and the block sums in double; float64 in double throughout. The order is
     * fixed, whatever the threads.
     */
    private static void columnSums(Tensor x, Tensor g, boolean[] mask, int rows, int cols, int c0, int c1,
                                   double[] center, double[] acc) {
        if (x.f != null) {
            float[] part = new float[c1 - c0];
            float[] cf = new float[c1 - c0];
            for (int c = c0; c < c1; c++) {
                cf[c - c0] = center == null ? 0f : (float) center[c];
            }
            for (int r0 = 0; r0 < rows; r0 += BLOCK) {
                Arrays.fill(part, 0f);
                for (int r = r0; r < Math.min(rows, r0 + BLOCK); r++) {
                    if (mask != null && !mask[r]) {
                        continue;
                    }
                    int o = r * cols + c0;
                    if (center == null) {
                        sumF(x.f, o, part);
                    } else if (g == null) {
                        squaresF(x.f, cf, o, part);
                    } else {
                        productsF(g.f, x.f, cf, o, part);
                    }
                }
                for (int c = c0; c < c1; c++) {
                    acc[c] += part[c - c0];
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            if (mask != null && !mask[r]) {
                continue;
            }
            int o = r * cols;
            if (center == null) {
                sumD(x.d, o, c0, c1, acc);
            } else if (g == null) {
                squaresD(x.d, center, o, c0, c1, acc);
            } else {
                productsD(g.d, x.d, center, o, c0, c1, acc);
            }
        }
    }

    private static void sumF(float[] x, int o, float[] part) {
        for (int c = 0; c < part.length; c++) {
            part[c] += x[o + c];
        }
    }

    private static void sumD(double[] x, int o, int c0, int c1, double[] acc) {
        for (int c = c0; c < c1; c++) {
            acc[c] += x[o + c];
        }
    }

    private static void squaresF(float[] x, float[] center, int o, float[] part) {
        for (int c = 0; c < part.length; c++) {
            float v = x[o + c] - center[c];
            part[c] += v * v;
        }
    }

    private static void squaresD(double[] x, double[] center, int o, int c0, int c1, double[] acc) {
        for (int c = c0; c < c1; c++) {
            double v = x[o + c] - center[c];
            acc[c] += v * v;
        }
    }

    private static void productsF(float[] g, float[] x, float[] center, int o, float[] part) {
        for (int c = 0; c < part.length; c++) {
            part[c] += g[o + c] * (x[o + c] - center[c]);
        }
    }

    private static void productsD(double[] g, double[] x, double[] center, int o, int c0, int c1, double[] acc) {
        for (int c = c0; c < c1; c++) {
            acc[c] += g[o + c] * (x[o + c] - center[c]);
        }
    }

    /**
     * out[r, c] = a[c] x[r, c] + b[c], or with g: a[c] g[r, c] + b[c] x[r, c] + d[c] on rows the mask selects and
     * a[c] g[r, c] on the others. Split over rows.
     */
    private static void affineRows(Tensor x, double[] a, double[] b, Tensor g, double[] d, boolean[] mask,
                                   Tensor out, Threads threads) {
        int rows = x.rows();
        int cols = x.cols();
        threads.forRange(rows, Math.max(1, (1 << 15) / Math.max(1, cols)), (r0, r1) -> {
            if (x.f != null) {
                float[] af = toFloat(a);
                float[] bf = toFloat(b);
                float[] df = d == null ? null : toFloat(d);
                for (int r = r0; r < r1; r++) {
                    int o = r * cols;
                    if (g == null) {
                        affineRowF(x.f, af, bf, out.f, o, cols);
                    } else if (mask == null || mask[r]) {
                        gradientRowF(g.f, x.f, af, bf, df, out.f, o, cols);
                    } else {
                        scaleRowF(g.f, af, out.f, o, cols);
                    }
                }
            } else {
                for (int r = r0; r < r1; r++) {
                    int o = r * cols;
                    if (g == null) {
                        affineRowD(x.d, a, b, out.d, o, cols);
                    } else if (mask == null || mask[r]) {
                        gradientRowD(g.d, x.d, a, b, d, out.d, o, cols);
                    } else {
                        scaleRowD(g.d, a, out.d, o, cols);
                    }
                }
            }
        });
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static void affineRowF(float[] x, float[] a, float[] b, float[] y, int o, int n) {
        for (int c = 0; c < n; c++) {
            y[o + c] = a[c] * x[o + c] + b[c];
        }
    }

    private static void affineRowD(double[] x, double[] a, double[] b, double[] y, int o, int n) {
        for (int c = 0; c < n; c++) {
            y[o + c] = a[c] * x[o + c] + b[c];
        }
    }

    private static void gradientRowF(float[] g, float[] x, float[] a, float[] b, float[] d, float[] y, int o, int n) {
        for (int c = 0; c < n; c++) {
            y[o + c] = a[c] * g[o + c] + b[c] * x[o + c] + d[c];
        }
    }

    private static void gradientRowD(double[] g, double[] x, double[] a, double[] b, double[] d, double[] y, int o,
                                     int n) {
        for (int c = 0; c < n; c++) {
            y[o + c] = a[c] * g[o + c] + b[c] * x[o + c] + d[c];
        }
    }

    private static void scaleRowF(float[] g, float[] a, float[] y, int o, int n) {
        for (int c = 0; c < n; c++) {
            y[o + c] = a[c] * g[o + c];
        }
    }

    private static void scaleRowD(double[] g, double[] a, double[] y, int o, int n) {
        for (int c = 0; c < n; c++) {
            y[o + c] = a[c] * g[o + c];
        }
    }

    /**
     * Gradients of a batch norm: dbeta = S1 = sum_r g, dgamma = S2 = sum_r g xhat (all rows), and on the rows the
     * mask selects dx = gamma rstd (g - (S1 + xhat S2) / N), elsewhere gamma rstd g. Written per column as
     * dx = A g + B x + D with A = gamma rstd, B = -gamma rstd^2 S2 / N, D = gamma rstd (mean rstd S2 - S1) / N.
     * Outputs (dx, dgamma, dbeta) may be null when not needed.
     */
    static void batchNormBackward(Tensor x, Tensor gamma, boolean[] mask, BatchStats st, Tensor g, Tensor dx,
                                  Tensor dgamma, Tensor dbeta, Threads threads) {
        int rows = x.rows();
        int cols = x.cols();
        double n = st.count();
        double[] mean = st.mean();
        double[] rstd = st.rstd();
        double[] s1 = new double[cols];
        double[] s2 = new double[cols];
        threads.forRange(cols, 16, (c0, c1) -> {
            columnSums(g, null, null, rows, cols, c0, c1, null, s1);
            columnSums(x, g, null, rows, cols, c0, c1, mean, s2);
            for (int c = c0; c < c1; c++) {
                s2[c] *= rstd[c];
            }
        });
        if (dgamma != null) {
            dgamma.assign(s2);
        }
        if (dbeta != null) {
            dbeta.assign(s1);
        }
        if (dx == null) {
            return;
        }
        double[] a = new double[cols];
        double[] b = new double[cols];
        double[] d = new double[cols];
        for (int c = 0; c < cols; c++) {
            double k = gamma.getFlat(c) * rstd[c];
            a[c] = k;
            b[c] = -k * rstd[c] * s2[c] / n;
            d[c] = k * (mean[c] * rstd[c] * s2[c] - s1[c]) / n;
        }
        affineRows(x, a, b, g, d, mask, dx, threads);
    }

    /** Per-row mean and 1/sqrt(var + eps) of a layer norm. */
    record RowStats(double[] mean, double[] rstd) {
    }

    /** y[r, c] = gamma[c] (x[r, c] - mean[r]) rstd[r] + beta[c], statistics over the last axis. */
    static RowStats layerNorm(Tensor x, Tensor gamma, Tensor beta, double eps, Tensor out, Threads threads) {
        int rows = x.rows();
        int cols = x.cols();
        double[] mean = new double[rows];
        double[] rstd = new double[rows];
        threads.forRange(rows, Math.max(1, (1 << 14) / Math.max(1, cols)), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int o = r * cols;
                double s = 0;
                for (int c = 0; c < cols; c++) {
                    s += x.getFlat(o + c);
                }
                double m = s / cols;
                double v = 0;
                for (int c = 0; c < cols; c++) {
                    double dv = x.getFlat(o + c) - m;
                    v += dv * dv;
                }
                double rs = 1 / Math.sqrt(v / cols + eps);
                mean[r] = m;
                rstd[r] = rs;
                for (int c = 0; c < cols; c++) {
                    out.setFlat(o + c, gamma.getFlat(c) * (x.getFlat(o + c) - m) * rs + beta.getFlat(c));
                }
            }
        });
        return new RowStats(mean, rstd);
    }

    /**
     * Gradients of a layer norm: with h = g gamma, dx = rstd (h - mean_c(h) - xhat mean_c(h xhat)); dgamma =
     * sum_r g xhat and dbeta = sum_r g (summed over rows in order). Outputs may be null.
     */
    static void layerNormBackward(Tensor x, Tensor gamma, RowStats st, Tensor g, Tensor dx, Tensor dgamma,
                                  Tensor dbeta, Threads threads) {
        int rows = x.rows();
        int cols = x.cols();
        double[] mean = st.mean();
        double[] rstd = st.rstd();
        if (dx != null) {
            threads.forRange(rows, Math.max(1, (1 << 14) / Math.max(1, cols)), (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int o = r * cols;
                    double a = 0;
                    double b = 0;
                    for (int c = 0; c < cols; c++) {
                        double h = g.getFlat(o + c) * gamma.getFlat(c);
                        a += h;
                        b += h * (x.getFlat(o + c) - mean[r]) * rstd[r];
                    }
                    a /= cols;
                    b /= cols;
                    for (int c = 0; c < cols; c++) {
                        double h = g.getFlat(o + c) * gamma.getFlat(c);
                        double xh = (x.getFlat(o + c) - mean[r]) * rstd[r];
                        dx.setFlat(o + c, rstd[r] * (h - a - xh * b));
                    }
                }
            });
        }
        if (dgamma != null || dbeta != null) {
            threads.forRange(cols, 8, (c0, c1) -> {
                for (int c = c0; c < c1; c++) {
                    double s1 = 0;
                    double s2 = 0;
                    for (int r = 0; r < rows; r++) {
                        double gv = g.getFlat(r * cols + c);
                        s1 += gv;
                        s2 += gv * (x.getFlat(r * cols + c) - mean[r]) * rstd[r];
                    }
                    if (dgamma != null) {
                        dgamma.setFlat(c, s2);
                    }
                    if (dbeta != null) {
                        dbeta.setFlat(c, s1);
                    }
                }
            });
        }
    }
}
