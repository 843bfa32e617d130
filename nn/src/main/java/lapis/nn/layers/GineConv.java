package lapis.nn.layers;

import lapis.nn.Activations;
import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.MessagePassing;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * GIN with edge features (GINE; Hu et al., ICLR 2020): h_i = MLP((1 + eps) x_i + sum over entries j -&gt; i of
 * relu(x_j + e_ji)), eps learnable and initialised to 0. {@code edges} holds one row per adjacency entry of the
 * batch (both directions of an edge), e.g. a bond-type embedding. Cost O(entries d) plus the MLP.
 */
public final class GineConv extends Module {
    private final Mlp mlp;
    private final Tensor eps;

    public GineConv(Mlp mlp, DType dtype) {
        this.mlp = child("mlp", mlp);
        this.eps = parameter("eps", Tensor.zeros(dtype, 1));
    }

    public Tensor forward(Tape t, Tensor x, Tensor edges, GraphBatchIndex g) {
        Tensor messages = Activations.relu(t, Arithmetic.add(t, MessagePassing.gather(t, x, g.sources()), edges));
        Tensor agg = MessagePassing.scatterSum(t, messages, g.targets());
        return mlp.forward(t, Arithmetic.add(t, Arithmetic.mul(t, x, Arithmetic.shift(t, eps, 1)), agg));
    }
}
