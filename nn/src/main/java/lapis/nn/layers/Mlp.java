package lapis.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import lapis.nn.Activations;
import lapis.nn.DType;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * A multilayer perceptron of {@code layers} linear maps: (Linear, norm, ReLU) for all but the last, then Linear,
 * as the SPE reference's create_mlp (in -&gt; hidden -&gt; ... -&gt; hidden -&gt; out).
 */
public final class Mlp extends Module {
    private final List<Linear> linears = new ArrayList<>();
    private final List<Module> norms = new ArrayList<>();

    public Mlp(int layers, int in, int hidden, int out, Norm norm, DType dtype, RandomGenerator rng) {
        if (layers < 1) {
            throw new IllegalArgumentException("an MLP needs at least one layer, got " + layers);
        }
        int d = in;
        for (int i = 0; i < layers; i++) {
            boolean last = i == layers - 1;
            int o = last ? out : hidden;
            linears.add(child("linear" + i, new Linear(d, o, true, dtype, rng)));
            if (!last && norm == Norm.BATCH) {
                norms.add(child("norm" + i, new BatchNorm(o, dtype)));
            } else if (!last && norm == Norm.LAYER) {
                norms.add(child("norm" + i, new LayerNorm(o, dtype)));
            }
            d = o;
        }
    }

    public Tensor forward(Tape t, Tensor x) {
        return forward(t, x, null);
    }

    /** As {@link #forward(Tape, Tensor)}; batch norms take their statistics over the rows {@code mask} selects. */
    public Tensor forward(Tape t, Tensor x, boolean[] mask) {
        Tensor h = x;
        for (int i = 0; i < linears.size(); i++) {
            boolean hidden = i < linears.size() - 1;
            if (norms.isEmpty()) {
                h = linears.get(i).forward(t, h, hidden);
                continue;
            }
            h = linears.get(i).forward(t, h);
            if (hidden) {
                Module n = norms.get(i);
                h = n instanceof BatchNorm bn ? bn.forward(t, h, mask) : ((LayerNorm) n).forward(t, h);
                h = Activations.relu(t, h);
            }
        }
        return h;
    }
}
