package lapis.nn.optim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import lapis.nn.Tensor;

/**
 * Adam (Kingma and Ba, ICLR 2015) with PyTorch's defaults: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
 * p -= lr mhat / (sqrt(vhat) + eps) with bias-corrected mhat, vhat. Weight decay, if any, is added to the gradient
 * (L2 regularisation); for the decoupled form use {@link AdamW}. Bias correction counts each parameter's own
 * updates, as PyTorch does. State in float64. O(parameters) per step.
 */
public final class Adam extends Optimizer {

    public record Options(double beta1, double beta2, double eps, double weightDecay) {
        public Options {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("Adam: need betas in [0, 1), eps > 0, weightDecay >= 0, got "
                        + beta1 + ", " + beta2 + ", " + eps + ", " + weightDecay);
            }
        }

        /** betas (0.9, 0.999), eps 1e-8, no weight decay. */
        public static Options defaults() {
            return new Options(0.9, 0.999, 1e-8, 0);
        }

        public Options withBetas(double b1, double b2) {
            return new Options(b1, b2, eps, weightDecay);
        }

        public Options withEps(double e) {
            return new Options(beta1, beta2, e, weightDecay);
        }

        public Options withWeightDecay(double wd) {
            return new Options(beta1, beta2, eps, wd);
        }
    }

    private final Options options;
    private final boolean decoupled;
    private final Map<String, AdamMoments> moments = new HashMap<>();

    public Adam(Map<String, Tensor> parameters, LearningRateSchedule schedule, Options options) {
        this(parameters, schedule, options, false);
    }

    Adam(Map<String, Tensor> parameters, LearningRateSchedule schedule, Options options, boolean decoupled) {
        super(parameters, schedule);
        this.options = options;
        this.decoupled = decoupled;
    }

    @Override
    protected void update(double lr) {
        for (Map.Entry<String, Tensor> e : parameters().entrySet()) {
            double[] g = gradient(e.getValue());
            if (g == null) {
                continue;
            }
            double[] p = e.getValue().toDoubleArray();
            double wd = options.weightDecay();
            if (!decoupled && wd > 0) {
                for (int i = 0; i < p.length; i++) {
                    g[i] += wd * p[i];
                }
            }
            double[] dir = new double[p.length];
            moments.computeIfAbsent(e.getKey(), k -> new AdamMoments(g.length))
                    .direction(g, options.beta1(), options.beta2(), options.eps(), dir);
            double shrink = decoupled ? 1 - lr * wd : 1;
            for (int i = 0; i < p.length; i++) {
                p[i] = p[i] * shrink - lr * dir[i];
            }
            e.getValue().assign(p);
        }
    }

    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : parameters().entrySet()) {
            AdamMoments mo = moments.get(e.getKey());
            int n = e.getValue().size();
            out.put("exp_avg/" + e.getKey(), mo == null ? new double[n] : mo.m.clone());
            out.put("exp_avg_sq/" + e.getKey(), mo == null ? new double[n] : mo.v.clone());
            out.put("step/" + e.getKey(), new double[] {mo == null ? 0 : mo.steps});
        }
        return out;
    }

    @Override
    protected void restore(Map<String, double[]> state) {
        for (Map.Entry<String, Tensor> e : parameters().entrySet()) {
            AdamMoments mo = new AdamMoments(e.getValue().size());
            System.arraycopy(state.get("exp_avg/" + e.getKey()), 0, mo.m, 0, mo.m.length);
            System.arraycopy(state.get("exp_avg_sq/" + e.getKey()), 0, mo.v, 0, mo.v.length);
            mo.steps = (long) state.get("step/" + e.getKey())[0];
            moments.put(e.getKey(), mo);
        }
    }
}
