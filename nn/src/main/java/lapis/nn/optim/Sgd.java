package lapis.nn.optim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import lapis.nn.Tensor;

/**
 * Stochastic gradient descent with heavy-ball momentum as in PyTorch (no dampening): b = mu b + g (+ wd p),
 * p -= lr b, or p -= lr (g + mu b) with Nesterov momentum. O(parameters) per step.
 */
public final class Sgd extends Optimizer {

    public record Options(double momentum, double weightDecay, boolean nesterov) {
        public Options {
            if (!(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("SGD: need 0 <= momentum < 1 and weightDecay >= 0, got "
                        + momentum + ", " + weightDecay);
            }
        }

        public static Options defaults() {
            return new Options(0.9, 0, false);
        }

        public Options withMomentum(double m) {
            return new Options(m, weightDecay, nesterov);
        }

        public Options withWeightDecay(double wd) {
            return new Options(momentum, wd, nesterov);
        }

        public Options withNesterov(boolean n) {
            return new Options(momentum, weightDecay, n);
        }
    }

    private final Options options;
    private final Map<String, double[]> buffers = new HashMap<>();

    public Sgd(Map<String, Tensor> parameters, LearningRateSchedule schedule, Options options) {
        super(parameters, schedule);
        this.options = options;
    }

    @Override
    protected void update(double lr) {
        for (Map.Entry<String, Tensor> e : parameters().entrySet()) {
            double[] g = gradient(e.getValue());
            if (g == null) {
                continue;
            }
            double[] p = e.getValue().toDoubleArray();
            double[] b = buffers.computeIfAbsent(e.getKey(), k -> new double[g.length]);
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] + options.weightDecay() * p[i];
                b[i] = options.momentum() * b[i] + gi;
                p[i] -= lr * (options.nesterov() ? gi + options.momentum() * b[i] : b[i]);
            }
            e.getValue().assign(p);
        }
    }

    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : parameters().entrySet()) {
            double[] b = buffers.get(e.getKey());
            out.put("momentum/" + e.getKey(), b == null ? new double[e.getValue().size()] : b.clone());
        }
        return out;
    }

    @Override
    protected void restore(Map<String, double[]> state) {
        for (String name : parameters().keySet()) {
            buffers.put(name, state.get("momentum/" + name).clone());
        }
    }
}
