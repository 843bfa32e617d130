package lapis.encodings.learned;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import lapis.nn.DType;
import lapis.nn.Index;
import lapis.nn.MessagePassing;
import lapis.nn.Module;
import lapis.nn.Shapes;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.layers.Mlp;
import lapis.nn.layers.Norm;

/**
 * SPE's eigenvalue filters as one permutation-equivariant DeepSets layer over the eigenvalues of each graph
 * (Zaheer et al., NeurIPS 2017; the SPE reference's "deepsets" psi): h_e = MLP_1(lambda_e), then
 * phi(lambda)_e = MLP_2([h_e, mean over e' of the same graph of h_e']), m outputs. A filter thus sees the whole
 * spectrum of its graph, and still gives equal eigenvalues of a graph equal responses, which is what makes SPE
 * basis-invariant. Both MLPs have batch norm. Cost O(E hidden^2) for E eigenvalues.
 */
public final class DeepSetFilters extends Module implements SpectralFilters {
    private final Mlp element;
    private final Mlp combine;
    private final int count;

    /** @throws IllegalArgumentException if a size is below 1 */
    public DeepSetFilters(int count, int layers, int hidden, DType dtype, RandomGenerator rng) {
        if (count < 1 || layers < 1 || hidden < 1) {
            throw new IllegalArgumentException("DeepSets filters need count, layers, hidden >= 1, got " + count
                    + ", " + layers + ", " + hidden);
        }
        this.count = count;
        this.element = child("element", new Mlp(layers, 1, hidden, hidden, Norm.BATCH, dtype, rng));
        this.combine = child("combine", new Mlp(layers, 2 * hidden, hidden, count, Norm.BATCH, dtype, rng));
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public Tensor forward(Tape t, Tensor lambda, Index graphOf) {
        Tensor h = element.forward(t, lambda);
        Tensor pooled = MessagePassing.gather(t, MessagePassing.segmentMean(t, h, graphOf), graphOf);
        return combine.forward(t, Shapes.concat(t, 1, h, pooled));
    }

    /**
     * The same bound for every filter: sqrt(2) Lip(MLP_1) Lip(MLP_2) bounds the whole bank as a map from a graph's
     * eigenvalues to its m x d responses in the Frobenius norm (the mean over d values, copied back to d rows,
     * changes by at most as much as h does).
     */
    @Override
    public double[] lipschitzBounds() {
        double k = Math.sqrt(2) * Lipschitz.mlp(element) * Lipschitz.mlp(combine);
        double[] out = new double[count];
        Arrays.fill(out, k);
        return out;
    }
}
