package lapis.nn.optim;

import java.util.Collection;
import lapis.nn.Tensor;

/** Gradient-norm clipping (Pascanu, Mikolov and Bengio 2013). */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Scales all accumulated gradients by min(1, maxNorm / ||g||), ||g|| the 2-norm of all of them together, and
     * returns ||g|| before scaling (NaN if a gradient is not finite, in which case nothing is scaled and the
     * optimiser's check reports it). Parameters without a gradient are skipped. O(parameters).
     */
    public static double clipGlobalNorm(Collection<Tensor> parameters, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        }
        double sq = 0;
        for (Tensor p : parameters) {
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            for (int i = 0; i < g.size(); i++) {
                double v = g.getFlat(i);
                sq += v * v;
            }
        }
        double norm = Math.sqrt(sq);
        if (!Double.isFinite(norm)) {
            return Double.NaN;
        }
        if (norm > maxNorm) {
            double f = maxNorm / norm;
            for (Tensor p : parameters) {
                p.scaleGrad(f);
            }
        }
        return norm;
    }
}
