package lapis.nn.layers;

import java.util.random.RandomGenerator;
import lapis.nn.DType;
import lapis.nn.FusedLayers;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * y = x W + b with W of shape in x out (so no transpose is needed) and b of length out. Initialised as PyTorch's
 * nn.Linear: W and b uniform in [-1/sqrt(in), 1/sqrt(in)]. Cost 2 rows in out per call.
 */
public final class Linear extends Module {
    private final Tensor weight;
    private final Tensor bias;

    public Linear(int in, int out, boolean bias, DType dtype, RandomGenerator rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear needs in, out >= 1, got " + in + ", " + out);
        }
        double bound = 1 / Math.sqrt(in);
        this.weight = parameter("weight", Tensor.uniform(dtype, rng, -bound, bound, in, out));
        this.bias = bias ? parameter("bias", Tensor.uniform(dtype, rng, -bound, bound, out)) : null;
    }

    public Tensor forward(Tape t, Tensor x) {
        return FusedLayers.linear(t, x, weight, bias, false);
    }

    /** relu(x W + b) when {@code relu}, in one fused operation ({@link FusedLayers#linear}). */
    public Tensor forward(Tape t, Tensor x, boolean relu) {
        return FusedLayers.linear(t, x, weight, bias, relu);
    }

    public Tensor weight() {
        return weight;
    }
}
