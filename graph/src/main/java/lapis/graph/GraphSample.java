package lapis.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * One labelled graph for supervised learning: the graph, a category per node (atom type), a category per
 * undirected edge (bond type) and the target values. Immutable: arrays are copied in and out.
 *
 * <p>Edge order: {@code edgeCategories[e]} belongs to the e-th edge of {@link Graph#forEachEdge} (edges {u, v}
 * with u &lt;= v, sorted by u then v), the order molecule loaders use. Message passing needs one category per
 * adjacency entry (both directions of an edge), which {@link #entryCategories()} gives in CSR order.
 *
 * @param graph the graph
 * @param nodeCategories per vertex, a category &gt;= 0
 * @param edgeCategories per undirected edge in {@link Graph#forEachEdge} order, a category &gt;= 0
 * @param targets the values to predict
 */
public record GraphSample(Graph graph, int[] nodeCategories, int[] edgeCategories, double[] targets) {

    /**
     * @throws IllegalArgumentException if the array lengths do not match the graph's vertex and edge counts, or
     *     naming the first negative category
     */
    public GraphSample {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(nodeCategories, "nodeCategories");
        Objects.requireNonNull(edgeCategories, "edgeCategories");
        Objects.requireNonNull(targets, "targets");
        if (nodeCategories.length != graph.vertexCount()) {
            throw new IllegalArgumentException(nodeCategories.length + " node categories for "
                    + graph.vertexCount() + " vertices");
        }
        if (edgeCategories.length != graph.edgeCount()) {
            throw new IllegalArgumentException(edgeCategories.length + " edge categories for " + graph.edgeCount()
                    + " edges");
        }
        for (int i = 0; i < nodeCategories.length; i++) {
            if (nodeCategories[i] < 0) {
                throw new IllegalArgumentException("node " + i + " has category " + nodeCategories[i]);
            }
        }
        for (int e = 0; e < edgeCategories.length; e++) {
            if (edgeCategories[e] < 0) {
                throw new IllegalArgumentException("edge " + e + " has category " + edgeCategories[e]);
            }
        }
        nodeCategories = nodeCategories.clone();
        edgeCategories = edgeCategories.clone();
        targets = targets.clone();
    }

    /**
     * The category of every adjacency entry in CSR order (entry k of row i is the edge {i, column(k)}), both
     * directions of an edge carrying the edge's category. O(entries log degree).
     */
    public int[] entryCategories() {
        int n = graph.vertexCount();
        int[] out = new int[graph.entryCount()];
        int e = 0;
        for (int u = 0; u < n; u++) {
            for (int k = graph.rowStart(u); k < graph.rowStart(u + 1); k++) {
                if (graph.column(k) >= u) {
                    out[k] = edgeCategories[e++];
                }
            }
        }
        int[] columns = graph.columnsView();
        for (int u = 0; u < n; u++) {
            for (int k = graph.rowStart(u); k < graph.rowStart(u + 1); k++) {
                int v = columns[k];
                if (v < u) {
                    out[k] = out[Arrays.binarySearch(columns, graph.rowStart(v), graph.rowStart(v + 1), u)];
                }
            }
        }
        return out;
    }

    @Override
    public int[] nodeCategories() {
        return nodeCategories.clone();
    }

    @Override
    public int[] edgeCategories() {
        return edgeCategories.clone();
    }

    @Override
    public double[] targets() {
        return targets.clone();
    }

    /** Number of vertices. */
    public int nodeCount() {
        return graph.vertexCount();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphSample s && graph.equals(s.graph) && Arrays.equals(nodeCategories, s.nodeCategories)
                && Arrays.equals(edgeCategories, s.edgeCategories) && Arrays.equals(targets, s.targets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(graph, Arrays.hashCode(nodeCategories), Arrays.hashCode(edgeCategories),
                Arrays.hashCode(targets));
    }

    @Override
    public String toString() {
        return "GraphSample[" + graph + ", targets=" + Arrays.toString(targets) + "]";
    }
}
