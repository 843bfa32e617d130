package lapis.graph.io;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import lapis.graph.Graph;
import lapis.graph.IndexedGraph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.WeightedPseudograph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.GraphExporter;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;
import org.jgrapht.nio.json.JSONExporter;

/**
 * Writes an {@link IndexedGraph} in any {@link GraphFormat}, so that {@link GraphReader} reads back the same graph.
 *
 * <p>Vertex names are {@code String.valueOf(order.vertex(i))} and must be distinct. What each format keeps:
 * <ul>
 *   <li>edge list, GraphML, GML, DOT, JSON: names and weights (weights in Java's shortest round-trip decimal
 *       form, so they read back bit for bit); GraphML, GML, DOT and JSON also keep isolated vertices and the
 *       vertex order; an edge list lists vertices in order of first appearance and cannot hold an isolated
 *       vertex, so writing one is refused;</li>
 *   <li>graph6, sparse6: the structure only. Weights are dropped and vertices become 0..n-1 in index order;
 *       graph6 cannot hold self-loops.</li>
 * </ul>
 * A name the format cannot carry is refused, never altered: edge-list tokens have no whitespace, ',' or '#';
 * GraphML node ids are XML name tokens (letters, digits, '.', '-', '_', ':'), as the GraphML schema that
 * JGraphT's reader enforces requires; DOT names have no backslash, which JGraphT's DOT reader drops. GML and JSON
 * carry any name.
 *
 * <p>GraphML, DOT and JSON go through JGraphT's exporters, into memory first (they write through a
 * {@code PrintWriter}, which would hide I/O errors); GML, graph6 and sparse6 are written by this package (see
 * {@code GmlWriter} and {@code Graph6Encoder} for why), and the edge list too, in one streaming pass.
 * Cost O(n + |E|), except graph6, O(n^2). Stateless.
 */
public final class GraphWriter {
    private GraphWriter() {
    }

    /**
     * Writes g to the file {@code out} atomically (see {@link AtomicFiles}): on any failure the file is left as
     * it was.
     *
     * @throws IllegalArgumentException if the format cannot hold g (see the class description)
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(IndexedGraph<?> g, GraphFormat format, Path out) {
        Objects.requireNonNull(g, "g");
        Objects.requireNonNull(format, "format");
        String[] names = names(g);
        try {
            AtomicFiles.write(out, w -> writeTo(g.graph(), names, format, w));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes g to {@code out}, which is flushed and not closed.
     *
     * @throws IllegalArgumentException if the format cannot hold g (see the class description)
     * @throws UncheckedIOException if writing fails
     */
    public static void write(IndexedGraph<?> g, GraphFormat format, Writer out) {
        Objects.requireNonNull(g, "g");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        try {
            writeTo(g.graph(), names(g), format, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeTo(Graph g, String[] names, GraphFormat format, Writer out) throws IOException {
        switch (format) {
            case EDGE_LIST -> EdgeListFormat.write(g, names, out);
            case GML -> GmlWriter.write(g, names, out);
            case GRAPH6 -> out.write(Graph6Encoder.graph6(g, names) + "\n");
            case SPARSE6 -> out.write(Graph6Encoder.sparse6(g) + "\n");
            case GRAPHML -> {
                String[] ids = graphMlIds(names);
                GraphMLExporter<Integer, DefaultWeightedEdge> ex = new GraphMLExporter<>(i -> ids[i]);
                ex.setExportEdgeWeights(true);
                out.write(export(jgrapht(g), ex));
            }
            case DOT -> {
                org.jgrapht.Graph<Integer, DefaultWeightedEdge> jg = jgrapht(g);
                DOTExporter<Integer, DefaultWeightedEdge> ex = new DOTExporter<>(i -> dotId(names[i]));
                ex.setEdgeAttributeProvider(e -> weightAttribute(jg.getEdgeWeight(e)));
                out.write(export(jg, ex));
            }
            case JSON -> {
                org.jgrapht.Graph<Integer, DefaultWeightedEdge> jg = jgrapht(g);
                JSONExporter<Integer, DefaultWeightedEdge> ex = new JSONExporter<>(i -> names[i]);
                ex.setEdgeAttributeProvider(e -> weightAttribute(jg.getEdgeWeight(e)));
                out.write(export(jg, ex));
            }
        }
    }

    /** The JGraphT graph on vertices 0..n-1 with g's edges and weights, in g's edge order. */
    private static org.jgrapht.Graph<Integer, DefaultWeightedEdge> jgrapht(Graph g) {
        WeightedPseudograph<Integer, DefaultWeightedEdge> jg = new WeightedPseudograph<>(DefaultWeightedEdge.class);
        for (int i = 0; i < g.vertexCount(); i++) {
            jg.addVertex(i);
        }
        g.forEachEdge((u, v, w) -> jg.setEdgeWeight(jg.addEdge(u, v), w));
        return jg;
    }

    /** The exporter's text, ending with a newline. */
    private static String export(org.jgrapht.Graph<Integer, DefaultWeightedEdge> jg,
            GraphExporter<Integer, DefaultWeightedEdge> exporter) {
        StringWriter s = new StringWriter();
        exporter.exportGraph(jg, s);
        String text = s.toString();
        return text.endsWith("\n") ? text : text + "\n";
    }

    private static Map<String, Attribute> weightAttribute(double w) {
        Map<String, Attribute> m = new HashMap<>(2);
        m.put("weight", DefaultAttribute.createAttribute(w));
        return m;
    }

    /**
     * The GraphML node ids, checked: the GraphML schema, which JGraphT's reader enforces, makes ids XML name tokens. Accepted
     * here: letters, digits and {@code . - _ :}.
     */
    private static String[] graphMlIds(String[] names) {
        for (String name : names) {
            if (name.isEmpty()
                    || !name.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || ".-_:".indexOf(c) >= 0)) {
                throw new IllegalArgumentException("vertex '" + name + "' cannot be a GraphML node id, which must"
                        + " be letters, digits, '.', '-', '_' or ':'; write gml or json instead");
            }
        }
        return names;
    }

    /** A quoted DOT id. JGraphT's DOT importer drops every backslash, so a name holding one cannot survive. */
    private static String dotId(String name) {
        if (name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("vertex '" + name + "' has a backslash, which JGraphT's DOT reader"
                    + " drops; write graphml, gml or json instead");
        }
        return '"' + name.replace("\"", "\\\"") + '"';
    }

    /** The names of the vertices, checked distinct. */
    private static String[] names(IndexedGraph<?> g) {
        int n = g.graph().vertexCount();
        String[] names = new String[n];
        Map<String, Integer> seen = new HashMap<>(2 * n);
        for (int i = 0; i < n; i++) {
            names[i] = String.valueOf(g.order().vertex(i));
            Integer j = seen.put(names[i], i);
            if (j != null) {
                throw new IllegalArgumentException("vertices " + j + " and " + i + " are both named '" + names[i]
                        + "'; names must be distinct to be written");
            }
        }
        return names;
    }
}
