package lapis.nn.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import lapis.nn.NonFiniteException;
import lapis.nn.Tensor;

/**
 * A first-order optimiser over named parameters (from {@link lapis.nn.Module#namedParameters()}). {@link #step}
 * reads each parameter's accumulated gradient (parameters without one are left alone), first checks that all of
 * them, and the loss if given, are finite — throwing {@link NonFiniteException} with the step number before
 * touching anything — and then updates the parameters in place. The state (moments, preconditioners, step count)
 * is exported by name for checkpoints.
 */
public abstract class Optimizer {
    private final Map<String, Tensor> parameters;
    private final LearningRateSchedule schedule;
    private long steps;

    protected Optimizer(Map<String, Tensor> parameters, LearningRateSchedule schedule) {
        Objects.requireNonNull(parameters, "parameters");
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        for (Map.Entry<String, Tensor> e : this.parameters.entrySet()) {
            if (!e.getValue().isLeaf()) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' is not a leaf that needs a "
                        + "gradient");
            }
        }
    }

    /** The parameters by name. */
    public final Map<String, Tensor> parameters() {
        return parameters;
    }

    /** Steps taken so far. */
    public final long steps() {
        return steps;
    }

    /** The learning rate the next step will use. */
    public final double learningRate() {
        return schedule.rate(steps);
    }

    /** One update from the accumulated gradients; see the class comment for the finite check. */
    public final void step() {
        checkGradients();
        update(schedule.rate(steps));
        steps++;
    }

    /** As {@link #step()}, also refusing a loss that is NaN or infinite. */
    public final void step(double loss) {
        if (!Double.isFinite(loss)) {
            throw new NonFiniteException(steps + 1, "loss", -1, loss);
        }
        step();
    }

    /** Forgets the gradients of all parameters. */
    public final void zeroGrad() {
        for (Tensor p : parameters.values()) {
            p.zeroGrad();
        }
    }

    private void checkGradients() {
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            Tensor g = e.getValue().grad();
            if (g == null) {
                continue;
            }
            for (int i = 0; i < g.size(); i++) {
                double v = g.getFlat(i);
                if (!Double.isFinite(v)) {
                    throw new NonFiniteException(steps + 1, "gradient of '" + e.getKey() + "'", i, v);
                }
            }
        }
    }

    /** Updates the parameters that have a gradient, at rate {@code lr}; the gradients are finite. */
    protected abstract void update(double lr);

    /** The named state arrays (copies), for checkpoints. */
    public abstract Map<String, double[]> state();

    /**
     * Restores state written by {@link #state()} of the same optimiser over the same parameters.
     *
     * @throws IllegalArgumentException naming the first missing, unexpected or wrongly sized entry
     */
    public final void loadState(Map<String, double[]> state, long steps) {
        Objects.requireNonNull(state, "state");
        if (steps < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + steps);
        }
        Map<String, double[]> mine = state();
        for (String k : state.keySet()) {
            if (!mine.containsKey(k)) {
                throw new IllegalArgumentException("optimiser state has unexpected entry '" + k + "'");
            }
        }
        for (Map.Entry<String, double[]> e : mine.entrySet()) {
            double[] v = state.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("optimiser state lacks entry '" + e.getKey() + "'");
            }
            if (e.getValue() != null && v.length != e.getValue().length) {
                throw new IllegalArgumentException("optimiser state entry '" + e.getKey() + "' has " + v.length
                        + " values, expected " + e.getValue().length);
            }
        }
        restore(state);
        this.steps = steps;
    }

    /** Takes copies of checked state arrays. */
    protected abstract void restore(Map<String, double[]> state);

    static double[] gradient(Tensor p) {
        return p.grad() == null ? null : p.grad().toDoubleArray();
    }
}
