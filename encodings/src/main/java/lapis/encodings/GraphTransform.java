package lapis.encodings;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A PyG-style transform: configured in its constructor, then applied to a {@link GraphData}, returning a new one
 * and never modifying its input (GraphData is immutable). Transforms chain with {@link #then} or
 * {@link #compose}, PyG's {@code Compose}:
 * <pre>
 * GraphTransform pe = new AddLaplacianEigenvectorPE(8).then(new AddRandomWalkPE(16));
 * GraphData out = pe.apply(GraphData.of(graph));   // adds n x 8 and n x 16 node features
 * </pre>
 */
@FunctionalInterface
public interface GraphTransform extends UnaryOperator<GraphData> {

    /** This transform, then {@code next}. */
    default GraphTransform then(GraphTransform next) {
        Objects.requireNonNull(next, "next");
        return data -> next.apply(apply(data));
    }

    /** The transforms applied in list order (the identity for an empty list). */
    static GraphTransform compose(List<GraphTransform> transforms) {
        List<GraphTransform> all = List.copyOf(transforms);
        return data -> {
            GraphData d = data;
            for (GraphTransform t : all) {
                d = t.apply(d);
            }
            return d;
        };
    }
}
