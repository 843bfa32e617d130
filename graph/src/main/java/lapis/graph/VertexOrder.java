package lapis.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bijection between the vertices of a source graph (any type V) and the indices 0..n-1 used by {@link Graph}
 * and the Laplacians: row i is {@code vertex(i)}. Immutable.
 *
 * @param <V> the vertex type
 */
public final class VertexOrder<V> {
    private final List<V> vertices;
    private final Map<V, Integer> index;

    private VertexOrder(List<V> vertices) {
        this.vertices = Collections.unmodifiableList(vertices);
        this.index = new HashMap<>(2 * vertices.size());
        for (int i = 0; i < vertices.size(); i++) {
            if (index.put(vertices.get(i), i) != null) {
                throw new IllegalArgumentException("vertex " + vertices.get(i) + " appears twice");
            }
        }
    }

    /** The order in which {@code vertices} iterates. */
    public static <V> VertexOrder<V> of(Collection<V> vertices) {
        return new VertexOrder<>(new ArrayList<>(vertices));
    }

    /** Number of vertices. */
    public int size() {
        return vertices.size();
    }

    /** The vertex at index i. */
    public V vertex(int i) {
        return vertices.get(i);
    }

    /**
     * The index of vertex v.
     *
     * @throws IllegalArgumentException if v is not in this order
     */
    public int indexOf(V v) {
        Integer i = index.get(v);
        if (i == null) {
            throw new IllegalArgumentException("vertex " + v + " is not in the graph");
        }
        return i;
    }

    /** The vertices in index order, unmodifiable. */
    public List<V> vertices() {
        return vertices;
    }
}
