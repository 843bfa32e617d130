package lapis.graph.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import lapis.graph.GraphOptions;
import lapis.graph.IndexedGraph;
import org.jgrapht.Graph;
import org.jgrapht.alg.util.Pair;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedPseudograph;
import org.jgrapht.graph.WeightedPseudograph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.ImportException;
import org.jgrapht.nio.dot.DOTImporter;
import org.jgrapht.nio.gml.GmlImporter;
import org.jgrapht.nio.graph6.Graph6Sparse6Importer;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.jgrapht.nio.json.JSONImporter;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads GraphML, GML, DOT, JSON, graph6 and sparse6 through the jgrapht-io importers into a JGraphT weighted
 * pseudograph (directed when the file says so), then converts it with the checks of {@link NamedGraphBuilder}.
 *
 * <p>JGraphT's importers do not report whether a file declares a directed graph, and some of them replace a weight
 * they cannot parse by 1; so the declaration is found by a light scan of the text first (GraphML
 * {@code edgedefault} and edge {@code directed}, GML {@code directed}, DOT {@code digraph}), and the weight is
 * taken from the raw edge attribute and parsed here. The whole file is held in memory, as JGraphT's parsers do.
 *
 * <p>GraphML is not validated against the GraphML schema: Xerces' validation with the schema's key/keyref identity
 * constraints costs 10 to 20 times the parse and grows faster than the file (80,000 edges: 2.6 s against 0.25 s
 * of CPU; 160,000 edges: 7.7 s against 0.44 s). The XML must still be well formed, node ids unique, and every
 * edge end a declared node (JGraphT checks both); a missing {@code edgedefault} reads as undirected.
 */
final class JGraphTFormats {
    private static final Pattern ANTLR_POSITION = Pattern.compile("line (\\d+):(\\d+) (.*)", Pattern.DOTALL);

    private JGraphTFormats() {
    }

    static IndexedGraph<String> read(String text, String source, GraphFormat format, GraphOptions options) {
        boolean directed = switch (format) {
            case GRAPHML -> graphMlDirected(text, source);
            case GML -> gmlDirected(text);
            case DOT -> dotDirected(text);
            default -> false;
        };
        if (directed && !options.symmetrize()) {
            throw new GraphFormatException(source, 0, "the graph is directed; pass --symmetrize to read each arc"
                    + " as an undirected edge", null);
        }
        if (format == GraphFormat.GRAPH6 || format == GraphFormat.SPARSE6) {
            text = singleGraph6Line(text, source, format);
        }
        if (format == GraphFormat.SPARSE6 && (text.equals(":?") || text.equals(">>sparse6<<:?"))) {
            // the graph on no vertex, which JGraphT's sparse6 reader fails on (k = log2(0))
            return new NamedGraphBuilder(options).build();
        }
        Graph<String, DefaultWeightedEdge> g = directed ? new DirectedWeightedPseudograph<>(DefaultWeightedEdge.class)
                : new WeightedPseudograph<>(DefaultWeightedEdge.class);
        RawAttributes attributes = new RawAttributes();
        try {
            importInto(g, text, format, attributes);
        } catch (ImportException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw wrap(source, format, e);
        }
        return convert(g, attributes, format == GraphFormat.GML, source, options);
    }

    /** The raw attributes the conversion reads, by edge and by vertex id. */
    private static final class RawAttributes {
        final Map<DefaultWeightedEdge, String> weights = new HashMap<>();
        final Map<DefaultWeightedEdge, String> values = new HashMap<>();
        final Map<String, String> labels = new HashMap<>();
    }

    private static void importInto(Graph<String, DefaultWeightedEdge> g, String text, GraphFormat format,
            RawAttributes attributes) {
        switch (format) {
            case GRAPHML -> {
                GraphMLImporter<String, DefaultWeightedEdge> im = new GraphMLImporter<>();
                im.setSchemaValidation(false);
                im.setVertexFactory(Function.identity());
                im.addEdgeAttributeConsumer((p, a) -> record(p, a, "weight", attributes.weights));
                im.importGraph(g, new StringReader(text));
            }
            case GML -> {
                GmlImporter<String, DefaultWeightedEdge> im = new GmlImporter<>();
                im.setVertexFactory(String::valueOf);
                im.addEdgeAttributeConsumer((p, a) -> {
                    record(p, a, "weight", attributes.weights);
                    record(p, a, "value", attributes.values);
                });
                im.addVertexAttributeConsumer((p, a) -> {
                    if ("label".equals(p.getSecond())) {
                        attributes.labels.put(p.getFirst(), a.getValue());
                    }
                });
                im.importGraph(g, new StringReader(text));
            }
            case DOT -> {
                DOTImporter<String, DefaultWeightedEdge> im = new DOTImporter<>();
                im.setVertexFactory(Function.identity());
                im.addEdgeAttributeConsumer((p, a) -> record(p, a, "weight", attributes.weights));
                im.importGraph(g, new StringReader(text));
            }
            case JSON -> {
                JSONImporter<String, DefaultWeightedEdge> im = new JSONImporter<>();
                im.setVertexFactory(Function.identity());
                im.addEdgeAttributeConsumer((p, a) -> record(p, a, "weight", attributes.weights));
                im.importGraph(g, new StringReader(text));
            }
            case GRAPH6, SPARSE6 -> {
                Graph6Sparse6Importer<String, DefaultWeightedEdge> im = new Graph6Sparse6Importer<>();
                im.setVertexFactory(String::valueOf);
                im.importGraph(g, new StringReader(text));
            }
            case EDGE_LIST -> throw new IllegalStateException("the edge list is not read through JGraphT");
        }
    }

    /**
     * The Lapis graph of an imported JGraphT graph: vertices in the graph's order, named by their ids (GML: by
     * their labels when every vertex has one and no two are equal), weights parsed from the raw attribute
     * ({@code weight}, else GML's {@code value}, else 1), each edge checked.
     */
    private static IndexedGraph<String> convert(Graph<String, DefaultWeightedEdge> g, RawAttributes attributes,
            boolean labelled, String source, GraphOptions options) {
        Map<String, String> labels = attributes.labels;
        boolean useLabels = labelled && labels.size() == g.vertexSet().size()
                && new HashSet<>(labels.values()).size() == labels.size();
        Function<String, String> name = useLabels ? labels::get : Function.identity();
        NamedGraphBuilder b = new NamedGraphBuilder(options);
        for (String v : g.vertexSet()) {
            b.vertex(name.apply(v));
        }
        for (DefaultWeightedEdge e : g.edgeSet()) {
            String s = name.apply(g.getEdgeSource(e));
            String t = name.apply(g.getEdgeTarget(e));
            String raw = attributes.weights.containsKey(e) ? attributes.weights.get(e) : attributes.values.get(e);
            double w = 1.0;
            if (raw != null) {
                Double parsed = NamedGraphBuilder.parseWeight(raw);
                if (parsed == null) {
                    throw new GraphFormatException(source, 0, "edge " + s + " - " + t + ": weight '" + raw
                            + "' is not a number", null);
                }
                w = parsed;
            }
            String problem = b.addEdge(s, t, w);
            if (problem != null) {
                throw new GraphFormatException(source, 0, problem, null);
            }
        }
        return b.build();
    }

    private static void record(Pair<DefaultWeightedEdge, String> edgeAndKey, Attribute a, String key,
            Map<DefaultWeightedEdge, String> into) {
        if (key.equals(edgeAndKey.getSecond())) {
            into.put(edgeAndKey.getFirst(), a.getValue());
        }
    }

    /** graph6 and sparse6 files may hold many graphs, one per line; Lapis reads files that hold exactly one. */
    private static String singleGraph6Line(String text, String source, GraphFormat format) {
        String[] lines = text.split("\\R");
        String line = null;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            if (line != null) {
                throw new GraphFormatException(source, i + 1, "a second graph; a " + display(format)
                        + " file for Lapis holds one graph", null);
            }
            line = lines[i].strip();
        }
        if (line == null) {
            throw new GraphFormatException(source, 0, "empty file; expected one " + display(format) + " line", null);
        }
        String body = line.startsWith(":") ? line.substring(1) : line.startsWith(">>sparse6<<:") ? line.substring(12)
                : null;
        if (body != null && (body.length() == 4 && body.charAt(0) == '~' && body.charAt(1) != '~'
                || body.length() == 8 && body.startsWith("~~"))) {
            // JGraphT reads a size field that fills the whole string (n >= 63, no edge) as a one-byte size and
            // rejects it. A padding byte of 1 bits is harmless: it cannot hold a (1 + k)-bit group when k >= 6.
            return line + "~";
        }
        return line;
    }

    private static GraphFormatException wrap(String source, GraphFormat format, RuntimeException e) {
        String prefix = "not valid " + display(format) + ": ";
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SAXParseException sp) {
                return new GraphFormatException(source, Math.max(sp.getLineNumber(), 0), prefix + sp.getMessage(), e);
            }
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        if (deepest instanceof IndexOutOfBoundsException) {
            return new GraphFormatException(source, 0, prefix + "the data ends too early", e);
        }
        String message = String.valueOf(deepest.getMessage());
        Matcher m = ANTLR_POSITION.matcher(message);
        if (m.find()) {
            int column = Integer.parseInt(m.group(2)) + 1;
            return new GraphFormatException(source, Integer.parseInt(m.group(1)),
                    prefix + m.group(3) + " (column " + column + ")", e);
        }
        return new GraphFormatException(source, 0, prefix + message, e);
    }

    private static String display(GraphFormat format) {
        return switch (format) {
            case GRAPHML -> "GraphML";
            case GML -> "GML";
            case DOT -> "DOT";
            case JSON -> "JSON";
            case GRAPH6 -> "graph6";
            case SPARSE6 -> "sparse6";
            case EDGE_LIST -> "edge list";
        };
    }

    /**
     * True when the GraphML declares directed edges: {@code edgedefault="directed"} on a graph or
     * {@code directed="true"} on an edge. Also rejects malformed XML with its line, and any DOCTYPE (GraphML
     * needs none, and it could make the XML parser read other files).
     */
    private static boolean graphMlDirected(String text, String source) {
        boolean[] directed = new boolean[1];
        DefaultHandler handler = new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                if ("graph".equals(localName) && "directed".equals(attributes.getValue("edgedefault"))) {
                    directed[0] = true;
                }
                if ("edge".equals(localName) && "true".equals(attributes.getValue("directed"))) {
                    directed[0] = true;
                }
            }
        };
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(new InputSource(new StringReader(text)), handler);
        } catch (SAXParseException e) {
            throw new GraphFormatException(source, Math.max(e.getLineNumber(), 0), "not valid GraphML: "
                    + e.getMessage(), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new GraphFormatException(source, 0, "not valid GraphML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directed[0];
    }

    /**
     * True when DOT text is directed: its header (after comments and an optional {@code strict}) is
     * {@code digraph}, or an edge uses the arc operator {@code ->}, which Graphviz refuses in an undirected graph
     * and JGraphT would silently read as an edge. Quoted strings, HTML strings and comments are skipped. O(length).
     */
    static boolean dotDirected(String text) {
        int n = text.length();
        boolean header = true;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("//", i) || (c == '#' && (i == 0 || text.charAt(i - 1) == '\n'))) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (c == '<' && !header) {
                int depth = 0;
                do {
                    depth += text.charAt(i) == '<' ? 1 : text.charAt(i) == '>' ? -1 : 0;
                    i++;
                } while (i < n && depth > 0);
            } else if (text.startsWith("->", i)) {
                return true;
            } else if (header && Character.isLetter(c)) {
                int start = i;
                while (i < n && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                String word = text.substring(start, i).toLowerCase(Locale.ROOT);
                if (word.equals("digraph")) {
                    return true;
                }
                header = word.equals("strict");
            } else {
                i++;
            }
        }
        return false;
    }

    /**
     * True when the top-level {@code graph [...]} list of a GML text has {@code directed} with a nonzero value.
     * A light tokenizer (keys, numbers, quoted strings, brackets, {@code #} comments); malformed text gives
     * false here and a syntax error from the importer.
     */
    static boolean gmlDirected(String text) {
        Deque<String> open = new ArrayDeque<>();
        String key = null;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
                continue;
            }
            if (c == '#') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                continue;
            }
            String token;
            if (c == '"') {
                int j = i + 1;
                while (j < n && text.charAt(j) != '"') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                token = "\"";
                i = Math.min(j + 1, n);
            } else if (c == '[' || c == ']') {
                token = String.valueOf(c);
                i++;
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '['
                        && text.charAt(j) != ']' && text.charAt(j) != '"') {
                    j++;
                }
                token = text.substring(i, j);
                i = j;
            }
            if (token.equals("]")) {
                if (open.isEmpty()) {
                    return false;
                }
                open.pop();
                key = null;
            } else if (key == null) {
                key = token;
            } else if (token.equals("[")) {
                open.push(key);
                key = null;
            } else {
                if (open.size() == 1 && "graph".equals(open.peek()) && key.equals("directed")) {
                    return NamedGraphBuilder.isNumber(token) && Double.parseDouble(token) != 0;
                }
                key = null;
            }
        }
        return false;
    }
}
