package lapis.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Many small graphs as one block-diagonal graph, the layout of GNN mini-batches (PyG's {@code Batch}): graph g
 * owns nodes {@code nodeOffset(g) .. nodeOffset(g + 1) - 1} and adjacency entries {@code entryOffset(g) ..
 * entryOffset(g + 1) - 1}, in the same order as in the graph itself, so per-entry features (bond types) of the
 * graphs concatenate in the same order. Immutable; building costs O(total n + total nnz).
 *
 * <p>For message passing, adjacency entry k of row i carries a message from {@code source(k)} = column to
 * {@code target(k)} = i; both directions of every undirected edge are present.
 */
public final class GraphBatch {
    private final Graph graph;
    private final int[] nodeOffsets;
    private final int[] entryOffsets;
    private final int[] graphOfNode;
    private final int[] targets;

    private GraphBatch(Graph graph, int[] nodeOffsets, int[] entryOffsets, int[] graphOfNode) {
        this.graph = graph;
        this.nodeOffsets = nodeOffsets;
        this.entryOffsets = entryOffsets;
        this.graphOfNode = graphOfNode;
        int[] off = graph.offsetsView();
        this.targets = new int[graph.entryCount()];
        for (int i = 0; i < graph.vertexCount(); i++) {
            Arrays.fill(targets, off[i], off[i + 1], i);
        }
    }

    /** The block-diagonal union of {@code graphs}, in list order. */
    public static GraphBatch of(List<Graph> graphs) {
        Objects.requireNonNull(graphs, "graphs");
        int count = graphs.size();
        int[] nodeOffsets = new int[count + 1];
        int[] entryOffsets = new int[count + 1];
        for (int g = 0; g < count; g++) {
            Graph gr = Objects.requireNonNull(graphs.get(g), "graph " + g);
            nodeOffsets[g + 1] = nodeOffsets[g] + gr.vertexCount();
            entryOffsets[g + 1] = entryOffsets[g] + gr.entryCount();
        }
        int n = nodeOffsets[count];
        int[] offsets = new int[n + 1];
        int[] cols = new int[entryOffsets[count]];
        double[] vals = new double[entryOffsets[count]];
        int[] graphOf = new int[n];
        for (int g = 0; g < count; g++) {
            Graph gr = graphs.get(g);
            int base = nodeOffsets[g];
            int entryBase = entryOffsets[g];
            int[] off = gr.offsetsView();
            int[] c = gr.columnsView();
            for (int i = 0; i < gr.vertexCount(); i++) {
                offsets[base + i] = entryBase + off[i];
                graphOf[base + i] = g;
            }
            for (int k = 0; k < c.length; k++) {
                cols[entryBase + k] = base + c[k];
            }
            System.arraycopy(gr.weightsView(), 0, vals, entryBase, c.length);
        }
        offsets[n] = entryOffsets[count];
        return new GraphBatch(new Graph(n, offsets, cols, vals), nodeOffsets, entryOffsets, graphOf);
    }

    /** The block-diagonal graph of all nodes. */
    public Graph graph() {
        return graph;
    }

    /** Number of graphs in the batch. */
    public int graphCount() {
        return nodeOffsets.length - 1;
    }

    /** Total number of nodes. */
    public int nodeCount() {
        return graph.vertexCount();
    }

    /** Total number of adjacency entries (directed messages). */
    public int entryCount() {
        return graph.entryCount();
    }

    /** First node of graph g; {@code nodeOffset(graphCount())} is the node count. */
    public int nodeOffset(int g) {
        return nodeOffsets[g];
    }

    /** First adjacency entry of graph g. */
    public int entryOffset(int g) {
        return entryOffsets[g];
    }

    /** Number of nodes of graph g. */
    public int nodeCount(int g) {
        return nodeOffsets[g + 1] - nodeOffsets[g];
    }

    /** The graph that node i belongs to. */
    public int graphOf(int node) {
        return graphOfNode[node];
    }

    /** A copy of the node -&gt; graph index, the segment ids of pooling. */
    public int[] graphIndex() {
        return graphOfNode.clone();
    }

    /** A copy of the node offsets, length graphCount + 1. */
    public int[] nodeOffsets() {
        return nodeOffsets.clone();
    }

    /** The sending node of each entry (the CSR column), a copy. */
    public int[] sources() {
        return graph.columnsView().clone();
    }

    /** The receiving node of each entry (the CSR row), a copy. */
    public int[] targets() {
        return targets.clone();
    }
}
