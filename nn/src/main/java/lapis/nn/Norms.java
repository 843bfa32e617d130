package lapis.nn;

/**
 * Fused batch and layer normalisation: forward passes and first-order backward passes in one or two sweeps. The
 * statistics are kept in double. Batch norm splits over columns and layer norm over rows, so each statistic is
 * summed by one thread in row order. The differentiable compositions used for double backward are in
 * {@link Tape}.
 */
final class Norms {
    private Norms() {
    }

    /** Per-column mean and 1/sqrt(var + eps) of a batch norm, and the output. */
    record BatchStats(double[] mean, double[] rstd, double[] var, int count) {
    }

    /**
     * y[r, c] = gamma[c] (x[r, c] - mean[c]) rstd[c] + beta[c] for every row r, with the mean and the biased
     * variance over the rows where {@code mask} (length R, may be null for all rows) is true.
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
        threads.forRange(cols, 8, (c0, c1) -> {
            for (int r = 0; r < rows; r++) {
                if (mask != null && !mask[r]) {
                    continue;
                }
                int o = r * cols;
                for (int c = c0; c < c1; c++) {
                    mean[c] += x.getFlat(o + c);
                }
            }
            for (int c = c0; c < c1; c++) {
                mean[c] /= n;
            }
            for (int r = 0; r < rows; r++) {
                if (mask != null && !mask[r]) {
                    continue;
                }
                int o = r * cols;
                if (x.f != null) {
                    for (int c = c0; c < c1; c++) {
                        double dv = x.f[o + c] - mean[c];
                        var[c] += dv * dv;
                    }
                } else {
                    for (int c = c0; c < c1; c++) {
                        double dv = x.d[o + c] - mean[c];
                        var[c] += dv * dv;
                    }
                }
            }
            for (int c = c0; c < c1; c++) {
                var[c] /= n;
                rstd[c] = 1 / Math.sqrt(var[c] + eps);
            }
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                if (x.f != null) {
                    for (int c = c0; c < c1; c++) {
                        double s = gamma.f[c] * rstd[c];
                        out.f[o + c] = (float) ((x.f[o + c] - mean[c]) * s + beta.f[c]);
                    }
                } else {
                    for (int c = c0; c < c1; c++) {
                        double s = gamma.d[c] * rstd[c];
                        out.d[o + c] = (x.d[o + c] - mean[c]) * s + beta.d[c];
                    }
                }
            }
        });
        return new BatchStats(mean, rstd, var, count);
    }

    /**
     * Gradients of a batch norm: dbeta = S1 = sum_r g, dgamma = S2 = sum_r g xhat (all rows), and
     * dx = gamma rstd (g - [masked] (S1 + xhat S2) / N). Outputs (dx, dgamma, dbeta) may be null when not needed.
     */
    static void batchNormBackward(Tensor x, Tensor gamma, boolean[] mask, BatchStats st, Tensor g, Tensor dx,
                                  Tensor dgamma, Tensor dbeta, Threads threads) {
        int rows = x.rows();
        int cols = x.cols();
        double n = st.count();
        double[] mean = st.mean();
        double[] rstd = st.rstd();
        threads.forRange(cols, 8, (c0, c1) -> {
            int w = c1 - c0;
            double[] s1 = new double[w];
            double[] s2 = new double[w];
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                for (int c = c0; c < c1; c++) {
                    double gv = g.getFlat(o + c);
                    s1[c - c0] += gv;
                    s2[c - c0] += gv * (x.getFlat(o + c) - mean[c]) * rstd[c];
                }
            }
            if (dgamma != null) {
                for (int c = c0; c < c1; c++) {
                    dgamma.setFlat(c, s2[c - c0]);
                }
            }
            if (dbeta != null) {
                for (int c = c0; c < c1; c++) {
                    dbeta.setFlat(c, s1[c - c0]);
                }
            }
            if (dx == null) {
                return;
            }
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                boolean in = mask == null || mask[r];
                for (int c = c0; c < c1; c++) {
                    double k = gamma.getFlat(c) * rstd[c];
                    double gv = g.getFlat(o + c);
                    double v = in ? k * (gv - (s1[c - c0] + (x.getFlat(o + c) - mean[c]) * rstd[c] * s2[c - c0]) / n)
                            : k * gv;
                    dx.setFlat(o + c, v);
                }
            }
        });
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
