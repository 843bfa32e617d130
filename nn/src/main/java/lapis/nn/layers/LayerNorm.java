package lapis.nn.layers;

import lapis.nn.DType;
import lapis.nn.Module;
import lapis.nn.NormalizationLayers;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/** Layer normalisation over the last axis (Ba, Kiros and Hinton 2016): gamma = 1, beta = 0, eps 1e-5. */
public final class LayerNorm extends Module {
    private final Tensor gamma;
    private final Tensor beta;
    private final double eps;

    public LayerNorm(int features, DType dtype) {
        this.gamma = parameter("weight", Tensor.full(dtype, 1, features));
        this.beta = parameter("bias", Tensor.zeros(dtype, features));
        this.eps = 1e-5;
    }

    public Tensor forward(Tape t, Tensor x) {
        return NormalizationLayers.layerNorm(t, x, gamma, beta, eps);
    }
}
