package lapis.nn.layers;

import java.util.Objects;
import lapis.graph.GraphBatch;
import lapis.nn.Index;

/**
 * The three indexes that message passing and pooling read from a {@link GraphBatch}: the source and the target
 * node of every adjacency entry (both directions of each edge are entries) and the graph of every node. Built once
 * per batch in O(nodes + entries) and shared by all layers.
 */
public final class GraphBatchIndex {
    private final Index sources;
    private final Index targets;
    private final Index graphs;

    private GraphBatchIndex(Index sources, Index targets, Index graphs) {
        this.sources = sources;
        this.targets = targets;
        this.graphs = graphs;
    }

    public static GraphBatchIndex of(GraphBatch batch) {
        Objects.requireNonNull(batch, "batch");
        int n = batch.nodeCount();
        return new GraphBatchIndex(Index.of(batch.sources(), n), Index.of(batch.targets(), n),
                Index.ofOffsets(batch.nodeOffsets()));
    }

    /** Entry k -&gt; its sending node. */
    public Index sources() {
        return sources;
    }

    /** Entry k -&gt; its receiving node. */
    public Index targets() {
        return targets;
    }

    /** Node -&gt; its graph. */
    public Index graphs() {
        return graphs;
    }

    public int nodeCount() {
        return graphs.size();
    }

    public int graphCount() {
        return graphs.range();
    }

    public int entryCount() {
        return sources.size();
    }
}
