package lapis.encodings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import lapis.graph.Graph;
import org.ejml.data.DMatrixRMaj;

/**
 * A graph with named node features, what a {@link GraphTransform} reads and returns (PyG's {@code Data} object,
 * reduced to the graph and its node attributes): the {@link Graph}, a map from names to n x p matrices (row i
 * belongs to vertex i) in the order they were added, and an identity (its index in a dataset), from which random
 * transforms derive their draws so a sample gets the same draw in any order and on any thread. Immutable: matrices
 * are copied in and out, and {@link #with} returns a new object that shares the graph and the other features.
 */
public final class GraphData {
    /** The name of the concatenated node features, PyG's {@code x}. */
    public static final String X = "x";

    private final Graph graph;
    private final long id;
    private final Map<String, DMatrixRMaj> features;

    private GraphData(Graph graph, long id, Map<String, DMatrixRMaj> features) {
        this.graph = graph;
        this.id = id;
        this.features = features;
    }

    /** The graph with no features and id 0. */
    public static GraphData of(Graph graph) {
        return new GraphData(Objects.requireNonNull(graph, "graph"), 0, Map.of());
    }

    /** The same graph and features with another id. */
    public GraphData withId(long newId) {
        return new GraphData(graph, newId, features);
    }

    /**
     * The same with feature {@code name} set to a copy of {@code values} (replacing any feature of that name).
     *
     * @throws IllegalArgumentException if values does not have one row per vertex
     */
    public GraphData with(String name, DMatrixRMaj values) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        if (values.numRows != graph.vertexCount()) {
            throw new IllegalArgumentException("feature '" + name + "' has " + values.numRows + " rows for "
                    + graph.vertexCount() + " vertices");
        }
        Map<String, DMatrixRMaj> next = new LinkedHashMap<>(features);
        next.put(name, values.copy());
        return new GraphData(graph, id, Collections.unmodifiableMap(next));
    }

    /**
     * The same with {@code values} appended as new columns of feature {@code name} (created when absent), as PyG
     * does to {@code x} when a transform's attribute name is None.
     *
     * @throws IllegalArgumentException if values does not have one row per vertex
     */
    public GraphData withAppended(String name, DMatrixRMaj values) {
        DMatrixRMaj old = features.get(Objects.requireNonNull(name, "name"));
        if (old == null || values.numRows != old.numRows) {
            return with(name, values);
        }
        DMatrixRMaj joined = new DMatrixRMaj(old.numRows, old.numCols + values.numCols);
        for (int i = 0; i < old.numRows; i++) {
            System.arraycopy(old.data, i * old.numCols, joined.data, i * joined.numCols, old.numCols);
            System.arraycopy(values.data, i * values.numCols, joined.data, i * joined.numCols + old.numCols,
                    values.numCols);
        }
        return with(name, joined);
    }

    /** The graph. */
    public Graph graph() {
        return graph;
    }

    /** The sample's identity (0 unless set). */
    public long id() {
        return id;
    }

    /** The feature names, in the order they were first added. */
    public Set<String> names() {
        return features.keySet();
    }

    /** True when a feature of this name is present. */
    public boolean has(String name) {
        return features.containsKey(name);
    }

    /**
     * A copy of feature {@code name}, n x p.
     *
     * @throws IllegalArgumentException naming the feature and the ones present
     */
    public DMatrixRMaj feature(String name) {
        DMatrixRMaj m = features.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no node feature '" + name + "'; present: " + features.keySet());
        }
        return m.copy();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("GraphData[").append(graph).append(", id=").append(id);
        features.forEach((k, v) -> b.append(", ").append(k).append(": ").append(v.numRows).append('x')
                .append(v.numCols));
        return b.append(']').toString();
    }
}
