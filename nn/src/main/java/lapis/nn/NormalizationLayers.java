package lapis.nn;

import static lapis.nn.Tape.grads;

import java.util.Arrays;

/**
 * Batch normalisation (Ioffe and Szegedy 2015) over the rows of a matrix, with an optional row mask, and layer
 * normalisation (Ba et al. 2016) over the last axis. The forward pass and the first-order backward pass are the
 * fused kernels of {@link Norms}; for double backward the gradients are composed of differentiable operations
 * with the same formulas. Cost O(R C).
 */
public final class NormalizationLayers {
    private NormalizationLayers() {
    }

    private static Tensor row(Tape t, Tensor v, int cols) {
        return Shapes.reshape(t, v, 1, cols);
    }

    private static boolean[] checkMask(boolean[] mask, int rows) {
        if (mask != null && mask.length != rows) {
            throw new IllegalArgumentException("batch norm mask has length " + mask.length + ", input has " + rows
                    + " rows");
        }
        return mask == null ? null : mask.clone();
    }

    /**
     * Batch normalisation of the columns of the R x C matrix x: y = gamma (x - mean) / sqrt(var + eps) + beta,
     * with the mean and biased variance over the rows where {@code mask} is true (all rows if null; padded rows are
     * normalised with the same statistics but do not enter them). The batch mean and biased variance are written to
     * {@code meanOut} and {@code varianceOut} when not null (for running statistics). Ioffe and Szegedy 2015.
     * O(R C); the first-order backward is fused, the double-backward one composed.
     *
     * @throws IllegalArgumentException if no row is selected, or shapes disagree
     */
    public static Tensor batchNorm(Tape tape, Tensor x, Tensor gamma, Tensor beta, boolean[] mask, double eps,
                                   double[] meanOut, double[] varianceOut) {
        if (x.rank() != 2 || gamma.size() != x.cols() || beta.size() != x.cols() || gamma.dtype() != x.dtype()
                || beta.dtype() != x.dtype()) {
            throw new IllegalArgumentException("batchNorm: x " + Arrays.toString(x.shapeView()) + ", gamma "
                    + Arrays.toString(gamma.shapeView()) + ", beta " + Arrays.toString(beta.shapeView()));
        }
        boolean[] m = checkMask(mask, x.rows());
        Tensor out = tape.alloc(x.dtype(), x.shapeView().clone(), false);
        Norms.BatchStats st = Norms.batchNorm(x, gamma, beta, m, eps, out, tape.threads());
        if (st.count() == 0) {
            throw new IllegalArgumentException("batchNorm: the mask selects no row");
        }
        if (meanOut != null) {
            System.arraycopy(st.mean(), 0, meanOut, 0, x.cols());
        }
        if (varianceOut != null) {
            System.arraycopy(st.var(), 0, varianceOut, 0, x.cols());
        }
        return tape.record(out, "batchNorm", (t, g, o) -> {
            if (!t.isRecording()) {
                Tensor dx = x.requiresGrad() ? t.alloc(x.dtype(), x.shapeView().clone(), false) : null;
                Tensor dg = gamma.requiresGrad() ? t.alloc(x.dtype(), gamma.shapeView().clone(), false) : null;
                Tensor db = beta.requiresGrad() ? t.alloc(x.dtype(), beta.shapeView().clone(), false) : null;
                Norms.batchNormBackward(x, gamma, m, st, g, dx, dg, db, tape.threads());
                return grads(dx, dg, db);
            }
            return batchNormGradients(t, x, gamma, beta, m, eps, g, st.count());
        }, x, gamma, beta);
    }

    /** The batch-norm gradients as differentiable operations (same formulas as {@link Norms#batchNormBackward}). */
    private static Tensor[] batchNormGradients(Tape t, Tensor x, Tensor gamma, Tensor beta, boolean[] mask,
                                               double eps, Tensor g, int count) {
        int rows = x.rows();
        int cols = x.cols();
        Tensor mk = null;
        if (mask != null) {
            double[] mv = new double[rows];
            for (int r = 0; r < rows; r++) {
                mv[r] = mask[r] ? 1 : 0;
            }
            mk = Tensor.of(x.dtype(), mv, rows, 1);
        }
        int[] rowShape = {1, cols};
        Tensor xm = mk == null ? x : Arithmetic.mul(t, x, mk);
        Tensor mean = Arithmetic.scale(t, Reductions.sumTo(t, xm, rowShape), 1.0 / count);
        Tensor xc = Arithmetic.sub(t, x, mean);
        Tensor sq = Arithmetic.square(t, xc);
        Tensor var = Arithmetic.scale(t, Reductions.sumTo(t, mk == null ? sq : Arithmetic.mul(t, sq, mk), rowShape),
                1.0 / count);
        Tensor r = Arithmetic.pow(t, Arithmetic.shift(t, var, eps), -0.5);
        Tensor xhat = Arithmetic.mul(t, xc, r);
        Tensor s1 = Reductions.sumTo(t, g, rowShape);
        Tensor s2 = Reductions.sumTo(t, Arithmetic.mul(t, g, xhat), rowShape);
        Tensor corr = Arithmetic.scale(t, Arithmetic.add(t, s1, Arithmetic.mul(t, xhat, s2)), 1.0 / count);
        if (mk != null) {
            corr = Arithmetic.mul(t, corr, mk);
        }
        Tensor dx = x.requiresGrad()
                ? Arithmetic.mul(t, Arithmetic.sub(t, g, corr), Arithmetic.mul(t, row(t, gamma, cols), r)) : null;
        Tensor dg = gamma.requiresGrad() ? Shapes.reshape(t, s2, gamma.shapeView()) : null;
        Tensor db = beta.requiresGrad() ? Shapes.reshape(t, s1, beta.shapeView()) : null;
        return grads(dx, dg, db);
    }

    /**
     * Layer normalisation of each row of x (Ba et al. 2016): y = gamma (x - mean_r) / sqrt(var_r + eps) + beta,
     * gamma and beta of length C. O(R C); fused first-order backward, composed double backward.
     */
    public static Tensor layerNorm(Tape tape, Tensor x, Tensor gamma, Tensor beta, double eps) {
        if (x.rank() < 1 || gamma.size() != x.cols() || beta.size() != x.cols() || gamma.dtype() != x.dtype()
                || beta.dtype() != x.dtype()) {
            throw new IllegalArgumentException("layerNorm: x " + Arrays.toString(x.shapeView()) + ", gamma "
                    + Arrays.toString(gamma.shapeView()) + ", beta " + Arrays.toString(beta.shapeView()));
        }
        Tensor out = tape.alloc(x.dtype(), x.shapeView().clone(), false);
        Norms.RowStats st = Norms.layerNorm(x, gamma, beta, eps, out, tape.threads());
        return tape.record(out, "layerNorm", (t, g, o) -> {
            if (!t.isRecording()) {
                Tensor dx = x.requiresGrad() ? t.alloc(x.dtype(), x.shapeView().clone(), false) : null;
                Tensor dg = gamma.requiresGrad() ? t.alloc(x.dtype(), gamma.shapeView().clone(), false) : null;
                Tensor db = beta.requiresGrad() ? t.alloc(x.dtype(), beta.shapeView().clone(), false) : null;
                Norms.layerNormBackward(x, gamma, st, g, dx, dg, db, tape.threads());
                return grads(dx, dg, db);
            }
            return layerNormGradients(t, x, gamma, beta, eps, g);
        }, x, gamma, beta);
    }

    private static Tensor[] layerNormGradients(Tape t, Tensor x, Tensor gamma, Tensor beta, double eps, Tensor g) {
        int cols = x.cols();
        Tensor x2 = Shapes.reshape(t, x, x.rows(), cols);
        Tensor g2 = Shapes.reshape(t, g, x.rows(), cols);
        int[] colShape = {x.rows(), 1};
        Tensor mean = Arithmetic.scale(t, Reductions.sumTo(t, x2, colShape), 1.0 / cols);
        Tensor xc = Arithmetic.sub(t, x2, mean);
        Tensor var = Arithmetic.scale(t, Reductions.sumTo(t, Arithmetic.square(t, xc), colShape), 1.0 / cols);
        Tensor r = Arithmetic.pow(t, Arithmetic.shift(t, var, eps), -0.5);
        Tensor xhat = Arithmetic.mul(t, xc, r);
        Tensor h = Arithmetic.mul(t, g2, row(t, gamma, cols));
        Tensor a = Arithmetic.scale(t, Reductions.sumTo(t, h, colShape), 1.0 / cols);
        Tensor b = Arithmetic.scale(t, Reductions.sumTo(t, Arithmetic.mul(t, h, xhat), colShape), 1.0 / cols);
        Tensor dx = x.requiresGrad() ? Shapes.reshape(t, Arithmetic.mul(t,
                Arithmetic.sub(t, Arithmetic.sub(t, h, a), Arithmetic.mul(t, xhat, b)), r), x.shapeView()) : null;
        Tensor dg = gamma.requiresGrad() ? Shapes.reshape(t,
                Reductions.sumTo(t, Arithmetic.mul(t, g2, xhat), new int[] {1, cols}), gamma.shapeView()) : null;
        Tensor db = beta.requiresGrad()
                ? Shapes.reshape(t, Reductions.sumTo(t, g2, new int[] {1, cols}), beta.shapeView()) : null;
        return grads(dx, dg, db);
    }
}
