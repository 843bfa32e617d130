package lapis.encodings.learned;

import lapis.nn.Index;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * SPE's eigenvalue filters phi: the E eigenvalues of a batch (E x 1) to their responses (E x m), permutation-
 * equivariant within each graph and giving equal eigenvalues of a graph equal responses.
 */
public interface SpectralFilters {
    /** Number of filters m. */
    int count();

    /** The E x m responses; {@code graphOf} maps each eigenvalue to its graph. */
    Tensor forward(Tape t, Tensor lambda, Index graphOf);

    /** Upper bounds K_l on the filters' Lipschitz constants in evaluation mode ({@link Lipschitz}). */
    double[] lipschitzBounds();
}
