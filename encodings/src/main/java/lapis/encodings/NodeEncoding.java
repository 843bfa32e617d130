package lapis.encodings;

import lapis.graph.Graph;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;

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

    /**
     * How many eigenpairs (the smallest) of an n-vertex graph's Laplacian the encoding reads; n for encodings that
     * depend on the whole Laplacian (RWSE, polynomial filters) or read all its eigenpairs. The eigengap that can
     * make an encoding unstable is among these (and the next one).
     */
    default int eigenpairsUsed(int n) {
        return n;
    }

    /** The N x p encoding of the batch's N nodes, recorded on {@code tape} when it has parameters. */
    Tensor encode(Tape tape, EncodingBatch batch);

    /**
     * The n x p encoding of one graph in evaluation mode (deterministic; batch norms use their running
     * statistics), on the calling thread: row i belongs to vertex i.
     *
     * @param spectrum the graph's spectrum, or null for encodings that read none
     */
    default double[][] evaluate(Graph graph, Spectrum spectrum) {
        try (Threads threads = Threads.single(); Tape tape = Tape.inference(threads)) {
            Tensor x = encode(tape, EncodingBatch.of(graph, spectrum));
            int n = x.dim(0);
            int p = x.dim(1);
            double[][] out = new double[n][p];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < p; c++) {
                    out[i][c] = x.getFlat(i * p + c);
                }
            }
            return out;
        }
    }
}
