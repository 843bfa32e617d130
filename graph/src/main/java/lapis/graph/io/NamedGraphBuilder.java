package lapis.graph.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import lapis.graph.Graph;
import lapis.graph.GraphOptions;
import lapis.graph.IndexedGraph;
import lapis.graph.VertexOrder;

/**
 * Collects edges between vertices named by strings, numbering the vertices in order of first appearance, and
 * checks each edge as it arrives so that a reader can report the problem with its file and line. The checks are
 * those of {@link lapis.graph.GraphBuilder}, with the edge named by its vertex names instead of its indices.
 * Not thread-safe.
 */
final class NamedGraphBuilder {
    /** A decimal number as written by people and by {@link Double#toString}: no hex, no 'd'/'f' suffix. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)");

    private final GraphOptions options;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private int[] us = new int[16];
    private int[] vs = new int[16];
    private double[] ws = new double[16];
    private int size;

    NamedGraphBuilder(GraphOptions options) {
        this.options = options;
    }

    /** The index of the vertex called {@code name}, adding it if new. */
    int vertex(String name) {
        Integer i = index.get(name);
        if (i == null) {
            i = names.size();
            index.put(name, i);
            names.add(name);
        }
        return i;
    }

    /**
     * Adds the undirected edge {u, v} of weight w, adding new vertices as needed.
     *
     * @return null when the edge was added; otherwise the problem, naming the edge, and nothing was added
     */
    String addEdge(String u, String v, double w) {
        if (!(w > 0) || Double.isInfinite(w)) {
            return "edge " + u + " - " + v + " has weight " + w + "; weights must be finite and > 0";
        }
        if (u.equals(v) && !options.keepSelfLoops()) {
            return "edge " + u + " - " + v + " is a self-loop; self-loops are refused unless kept on request"
                    + " (--keep-self-loops)";
        }
        int iu = vertex(u);
        int iv = vertex(v);
        if (size == us.length) {
            us = Arrays.copyOf(us, 2 * size);
            vs = Arrays.copyOf(vs, 2 * size);
            ws = Arrays.copyOf(ws, 2 * size);
        }
        us[size] = iu;
        vs[size] = iv;
        ws[size] = w;
        size++;
        return null;
    }

    /** The graph of the vertices and edges added so far; parallel edges sum. */
    IndexedGraph<String> build() {
        Graph g = Graph.fromEdges(names.size(), Arrays.copyOf(us, size), Arrays.copyOf(vs, size),
                Arrays.copyOf(ws, size), options);
        return new IndexedGraph<>(g, VertexOrder.of(names));
    }

    /**
     * The value of a weight field: a decimal number (exponent allowed), or NaN / inf / infinity with an optional
     * sign (any case), which parse to the non-finite values so that the caller can name them; null for
     * anything else (hexadecimal and Java's 'd'/'f' suffixes included).
     */
    static Double parseWeight(String token) {
        String t = token.trim();
        if (DECIMAL.matcher(t).matches()) {
            return Double.parseDouble(t);
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (NON_FINITE.matcher(lower).matches()) {
            if (lower.endsWith("nan")) {
                return Double.NaN;
            }
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    /** True when the token is a finite decimal number. */
    static boolean isNumber(String token) {
        return DECIMAL.matcher(token).matches();
    }
}
