package lapis.nn.optim;

import java.util.Map;
import lapis.nn.Tensor;

/**
 * AdamW (Loshchilov and Hutter, ICLR 2019): Adam with decoupled weight decay, p = p (1 - lr wd) - lr mhat /
 * (sqrt(vhat) + eps). PyTorch's default weight decay is 0.01. State as in {@link Adam}.
 */
public final class AdamW extends Optimizer {
    private final Adam adam;

    public AdamW(Map<String, Tensor> parameters, LearningRateSchedule schedule, Adam.Options options) {
        super(parameters, schedule);
        this.adam = new Adam(parameters, schedule, options, true);
    }

    /** betas (0.9, 0.999), eps 1e-8, weight decay 0.01 (PyTorch's AdamW defaults). */
    public static Adam.Options defaults() {
        return Adam.Options.defaults().withWeightDecay(0.01);
    }

    @Override
    protected void update(double lr) {
        adam.update(lr);
    }

    @Override
    public Map<String, double[]> state() {
        return adam.state();
    }

    @Override
    protected void restore(Map<String, double[]> state) {
        adam.restore(state);
    }
}
