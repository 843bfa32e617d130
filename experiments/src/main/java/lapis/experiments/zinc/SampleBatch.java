package lapis.experiments.zinc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import lapis.encodings.EncodingBatch;
import lapis.encodings.Spectrum;
import lapis.graph.Graph;
import lapis.graph.GraphSample;
import lapis.nn.DType;
import lapis.nn.Index;
import lapis.nn.Tensor;

/**
 * A collated mini-batch of {@link GraphSample}s: the {@link EncodingBatch} the encodings read, atom and bond
 * categories as indexes (bonds per adjacency entry, in the batch's CSR order) and one target per graph. Immutable.
 * Building costs O(nodes + entries log degree).
 */
public final class SampleBatch {
    private final EncodingBatch encoding;
    private final Index atoms;
    private final Index bonds;
    private final Tensor targets;
    private final double[] targetValues;

    private SampleBatch(EncodingBatch encoding, Index atoms, Index bonds, double[] targets, DType dtype) {
        this.encoding = encoding;
        this.atoms = atoms;
        this.bonds = bonds;
        this.targetValues = targets;
        this.targets = Tensor.of(dtype, targets, targets.length);
    }

    /**
     * @param samples the graphs, in batch order
     * @param spectra their spectra, or null when the encoding needs none
     * @param ids the samples' stable ids (dataset indices)
     * @param epoch the epoch, for per-epoch random draws of encodings
     * @param target which target of the samples to predict
     * @throws IllegalArgumentException if a category is outside the vocabulary or a sample lacks the target
     */
    public static SampleBatch of(List<GraphSample> samples, List<Spectrum> spectra, int[] ids, int epoch, int target,
                                 GinePeNetwork.Config vocabulary, DType dtype) {
        Objects.requireNonNull(samples, "samples");
        List<Graph> graphs = new ArrayList<>(samples.size());
        int nodes = 0;
        int entries = 0;
        for (GraphSample s : samples) {
            graphs.add(s.graph());
            nodes += s.nodeCount();
            entries += s.graph().entryCount();
        }
        int[] atoms = new int[nodes];
        int[] bonds = new int[entries];
        double[] y = new double[samples.size()];
        int a = 0;
        int e = 0;
        for (int i = 0; i < samples.size(); i++) {
            GraphSample s = samples.get(i);
            int[] nc = s.nodeCategories();
            int[] ec = s.entryCategories();
            System.arraycopy(nc, 0, atoms, a, nc.length);
            System.arraycopy(ec, 0, bonds, e, ec.length);
            a += nc.length;
            e += ec.length;
            if (target < 0 || target >= s.targets().length) {
                throw new IllegalArgumentException("sample " + ids[i] + " has " + s.targets().length
                        + " targets, asked for target " + target);
            }
            y[i] = s.targets()[target];
        }
        EncodingBatch eb = EncodingBatch.of(graphs, spectra, ids, epoch);
        try {
            return new SampleBatch(eb, Index.of(atoms, vocabulary.atomTypes()), Index.of(bonds,
                    vocabulary.bondTypes()), y, dtype);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("atom or bond category outside the vocabulary of "
                    + vocabulary.atomTypes() + " atom and " + vocabulary.bondTypes() + " bond types: "
                    + ex.getMessage(), ex);
        }
    }

    public EncodingBatch encoding() {
        return encoding;
    }

    public Index atoms() {
        return atoms;
    }

    public Index bonds() {
        return bonds;
    }

    /** The targets as a tensor of shape [graphs]. */
    public Tensor targets() {
        return targets;
    }

    /** Target of graph g. */
    public double target(int g) {
        return targetValues[g];
    }

    /** Number of graphs. */
    public int size() {
        return targetValues.length;
    }
}
