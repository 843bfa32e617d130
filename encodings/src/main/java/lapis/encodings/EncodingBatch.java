package lapis.encodings;

import java.util.List;
import java.util.Objects;
import lapis.graph.Graph;
import lapis.graph.GraphBatch;
import lapis.nn.layers.GraphBatchIndex;

/**
 * What an encoding reads for a mini-batch of graphs: the block-diagonal {@link GraphBatch} with its message-passing
 * indexes, the {@link Spectrum} of each graph (null when no encoding of the run needs one), and for each graph the
 * identity of its sample and the epoch, from which random encodings (LapPE's sign flips, PEARL's random vectors)
 * derive their draws, so a sample gets the same draw in any batch, order or thread count. Immutable.
 */
public final class EncodingBatch {
    private final GraphBatch graphs;
    private final GraphBatchIndex index;
    private final List<Spectrum> spectra;
    private final int[] sampleIds;
    private final int epoch;

    private EncodingBatch(GraphBatch graphs, List<Spectrum> spectra, int[] sampleIds, int epoch) {
        this.graphs = graphs;
        this.index = GraphBatchIndex.of(graphs);
        this.spectra = spectra;
        this.sampleIds = sampleIds;
        this.epoch = epoch;
    }

    /**
     * The batch of {@code graphs} in list order.
     *
     * @param spectra the spectrum of each graph, or null
     * @param sampleIds a stable identity per graph (its index in the dataset), for per-sample random draws
     * @param epoch the epoch (&gt;= 0), for draws that change every epoch
     * @throws IllegalArgumentException if the lengths disagree or a spectrum's size differs from its graph's
     */
    public static EncodingBatch of(List<Graph> graphs, List<Spectrum> spectra, int[] sampleIds, int epoch) {
        Objects.requireNonNull(graphs, "graphs");
        Objects.requireNonNull(sampleIds, "sampleIds");
        if (sampleIds.length != graphs.size() || (spectra != null && spectra.size() != graphs.size())) {
            throw new IllegalArgumentException(graphs.size() + " graphs, " + sampleIds.length + " sample ids and "
                    + (spectra == null ? "no" : spectra.size()) + " spectra");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (spectra != null) {
            for (int g = 0; g < graphs.size(); g++) {
                if (spectra.get(g).size() != graphs.get(g).vertexCount()) {
                    throw new IllegalArgumentException("graph " + g + " has " + graphs.get(g).vertexCount()
                            + " vertices but its spectrum has " + spectra.get(g).size());
                }
            }
        }
        return new EncodingBatch(GraphBatch.of(graphs), spectra == null ? null : List.copyOf(spectra),
                sampleIds.clone(), epoch);
    }

    /** A batch of one graph with its spectrum (may be null), sample id 0, epoch 0: for evaluating encodings. */
    public static EncodingBatch of(Graph graph, Spectrum spectrum) {
        return of(List.of(graph), spectrum == null ? null : List.of(spectrum), new int[1], 0);
    }

    /** The block-diagonal graph of the batch. */
    public GraphBatch graphs() {
        return graphs;
    }

    /** The gather/scatter indexes of message passing and pooling. */
    public GraphBatchIndex index() {
        return index;
    }

    /** Number of graphs. */
    public int graphCount() {
        return graphs.graphCount();
    }

    /** Total number of nodes. */
    public int nodeCount() {
        return graphs.nodeCount();
    }

    /**
     * The spectrum of graph g.
     *
     * @throws IllegalStateException if the batch was built without spectra
     */
    public Spectrum spectrum(int g) {
        if (spectra == null) {
            throw new IllegalStateException("this batch has no spectra; build it with the graphs' spectra for a "
                    + "spectral encoding");
        }
        return spectra.get(g);
    }

    /** The sample id of graph g. */
    public int sampleId(int g) {
        return sampleIds[g];
    }

    /** The epoch. */
    public int epoch() {
        return epoch;
    }
}
