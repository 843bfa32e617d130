package lapis.graph;

import java.util.Objects;

/**
 * A {@link Graph} together with the names of its vertices: index i of the graph is {@code order.vertex(i)}.
 *
 * @param graph the graph on indices 0..n-1
 * @param order the vertex of each index
 * @param <V> the vertex type of the source
 */
public record IndexedGraph<V>(Graph graph, VertexOrder<V> order) {
    public IndexedGraph {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(order, "order");
        if (graph.vertexCount() != order.size()) {
            throw new IllegalArgumentException("graph has " + graph.vertexCount() + " vertices but the order "
                    + order.size());
        }
    }
}
