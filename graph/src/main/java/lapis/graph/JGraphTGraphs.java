package lapis.graph;

import java.util.Objects;
import org.jgrapht.Graph;

/** Conversions between JGraphT graphs and Lapis {@link lapis.graph.Graph}s. Stateless. */
public final class JGraphTGraphs {
    private JGraphTGraphs() {
    }

    /**
     * The Lapis graph of a JGraphT graph, vertices indexed in the graph's iteration order, weights from
     * {@code g.getEdgeWeight(e)} (1.0 for unweighted graphs). O(|V| + |E| log maxdeg).
     *
     * @throws IllegalArgumentException if g is directed and the options do not ask to symmetrise, or naming the
     *     first edge whose weight is not finite and positive, or a self-loop that the options refuse
     */
    public static <V, E> IndexedGraph<V> fromJGraphT(Graph<V, E> g, GraphOptions options) {
        Objects.requireNonNull(g, "g");
        if (g.getType().isDirected() && !options.symmetrize()) {
            throw new IllegalArgumentException("the graph is directed; Laplacians here are for undirected graphs"
                    + " (ask to symmetrise: each arc then counts as an undirected edge)");
        }
        VertexOrder<V> order = VertexOrder.of(g.vertexSet());
        GraphBuilder b = new GraphBuilder(order.size(), options);
        for (E e : g.edgeSet()) {
            V s = g.getEdgeSource(e);
            V t = g.getEdgeTarget(e);
            try {
                b.addEdge(order.indexOf(s), order.indexOf(t), g.getEdgeWeight(e));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("edge " + s + " - " + t + ": " + ex.getMessage(), ex);
            }
        }
        return new IndexedGraph<>(b.build(), order);
    }
}
