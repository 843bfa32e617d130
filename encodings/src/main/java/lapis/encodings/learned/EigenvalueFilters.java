package lapis.encodings.learned;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import lapis.nn.DType;
import lapis.nn.Index;
import lapis.nn.Module;
import lapis.nn.Shapes;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.layers.Mlp;
import lapis.nn.layers.Norm;

/**
 * SPE's eigenvalue filters phi_1..phi_m (methods.md section 4; reference psi_list): each an element-wise MLP
 * R -&gt; R of {@code layers} linear maps 1 -&gt; hidden -&gt; ... -&gt; 1 with batch norm and ReLU between them,
 * applied to every eigenvalue on its own. So phi_l is permutation-equivariant on the eigenvalues and gives equal
 * eigenvalues equal responses, which makes V diag(phi_l(lambda)) V^T depend on the eigenspaces only. Batch-norm
 * statistics are taken over the eigenvalues of the batch that are used (the peer also counts the zero padding of
 * graphs with fewer than 37 nodes). Cost O(E m hidden^2) for E eigenvalues.
 */
public final class EigenvalueFilters extends Module implements SpectralFilters {
    private final List<Mlp> filters = new ArrayList<>();

    /** @throws IllegalArgumentException if a size is below 1 */
    public EigenvalueFilters(int count, int layers, int hidden, DType dtype, RandomGenerator rng) {
        if (count < 1 || layers < 1 || hidden < 1) {
            throw new IllegalArgumentException("eigenvalue filters need count, layers, hidden >= 1, got " + count
                    + ", " + layers + ", " + hidden);
        }
        for (int l = 0; l < count; l++) {
            filters.add(child("filter" + l, new Mlp(layers, 1, hidden, 1, Norm.BATCH, dtype, rng)));
        }
    }

    @Override
    public int count() {
        return filters.size();
    }

    /** The E x m responses phi_l(lambda_e) for the E x 1 eigenvalues {@code lambda}; each acts alone. */
    @Override
    public Tensor forward(Tape t, Tensor lambda, Index graphOf) {
        Tensor[] out = new Tensor[filters.size()];
        for (int l = 0; l < out.length; l++) {
            out[l] = filters.get(l).forward(t, lambda);
        }
        return out.length == 1 ? out[0] : Shapes.concat(t, 1, out);
    }

    /** Upper bounds K_l on the Lipschitz constants of the filters in evaluation mode ({@link Lipschitz#mlp}). */
    @Override
    public double[] lipschitzBounds() {
        double[] k = new double[filters.size()];
        for (int l = 0; l < k.length; l++) {
            k[l] = Lipschitz.mlp(filters.get(l));
        }
        return k;
    }
}
