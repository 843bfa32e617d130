package lapis.encodings;

import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * A positional or structural encoding of nodes: a graph batch in, a node-by-p matrix out. Row r of the result
 * belongs to node r of {@link EncodingBatch#graphs()}; it is permutation-equivariant when the encoding is
 * (renaming the nodes of a graph permutes its rows). Learned encodings are also {@link lapis.nn.Module}s whose
 * parameters get gradients through the tape; fixed ones return constants. In {@link Tape.Mode#TRAIN} an
 * encoding may randomise (LapPE's sign flips); in EVAL it is a deterministic function of the batch.
 */
public interface NodeEncoding {
    /** The number of channels p. */
    int channels();

    /** The N x p encoding of the batch's N nodes, recorded on {@code tape} when it has parameters. */
    Tensor encode(Tape tape, EncodingBatch batch);
}
