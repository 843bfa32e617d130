package lapis.nn.layers;

import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.MessagePassing;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * Graph isomorphism network convolution (Xu et al., ICLR 2019): h_i = MLP((1 + eps) x_i + sum over neighbours j of
 * x_j), eps learnable and initialised to 0. Permutation-equivariant in the nodes of each graph. Cost O(entries d)
 * for the aggregation plus the MLP.
 */
public final class GinConv extends Module {
    private final Mlp mlp;
    private final Tensor eps;

    public GinConv(Mlp mlp, DType dtype) {
        this.mlp = child("mlp", mlp);
        this.eps = parameter("eps", Tensor.zeros(dtype, 1));
    }

    public Tensor forward(Tape t, Tensor x, GraphBatchIndex g) {
        Tensor agg = MessagePassing.scatterSum(t, MessagePassing.gather(t, x, g.sources()), g.targets());
        return mlp.forward(t, Arithmetic.add(t, Arithmetic.mul(t, x, Arithmetic.shift(t, eps, 1)), agg));
    }
}
