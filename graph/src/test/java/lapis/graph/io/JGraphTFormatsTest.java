package lapis.graph.io;

import static lapis.graph.io.EdgeListReaderTest.resource;
import static lapis.graph.io.EdgeListReaderTest.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import lapis.graph.GraphOptions;
import lapis.graph.IndexedGraph;
import org.jgrapht.nio.ImportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JGraphTFormatsTest {
    private static final GraphReader STRICT = new GraphReader(GraphOptions.defaults());
    private static final GraphReader SYMMETRIZE = new GraphReader(GraphOptions.defaults().withSymmetrize(true));
    private static final GraphReader LOOPS = new GraphReader(GraphOptions.defaults().withKeepSelfLoops(true));

    private static final String GRAPHML_HEAD = "<?xml version='1.0' encoding='utf-8'?>\n"
            + "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
            + "  <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
            + "  <graph edgedefault=\"undirected\">\n"
            + "    <node id=\"a\"/>\n    <node id=\"b\"/>\n";

    static IndexedGraph<String> read(GraphReader r, String text, GraphFormat f) {
        return r.read(new StringReader(text), "in." + f.shortName(), f);
    }

    static GraphFormatException failure(GraphReader r, String text, GraphFormat f) {
        return assertThrows(GraphFormatException.class, () -> read(r, text, f));
    }

    static String graphMl(String weight) {
        return GRAPHML_HEAD + "    <edge source=\"a\" target=\"b\"><data key=\"w\">" + weight + "</data></edge>\n"
                + "  </graph>\n</graphml>\n";
    }

    /** The weighted.* fixtures all hold a - b 2.5, b - c 0.5, c - a 1 (no weight given) and an isolated vertex. */
    @ParameterizedTest
    @ValueSource(strings = {"weighted.graphml", "weighted.gml", "weighted.dot", "weighted.json"})
    void fixturesFromOtherToolsReadWithNamesWeightsAndIsolatedVertex(String name) {
        IndexedGraph<String> g = STRICT.read(resource(name), null);
        assertEquals(4, g.graph().vertexCount(), name);
        assertEquals(3, g.graph().edgeCount(), name);
        assertEquals(2.5, weight(g, "a", "b"), name);
        assertEquals(0.5, weight(g, "b", "c"), name);
        assertEquals(1.0, weight(g, "c", "a"), name);
        assertEquals(0, g.graph().degree(g.order().indexOf("lonely")), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"directed.graphml", "directed.gml", "directed.dot"})
    void directedInputIsRefusedNamingTheFile(String name) {
        Path file = resource(name);
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> STRICT.read(file, null));
        assertEquals(file.toString(), e.source());
        assertEquals(0, e.line());
        assertEquals("the graph is directed; pass --symmetrize to read each arc as an undirected edge",
                e.problem());
        assertEquals(file + ": the graph is directed; pass --symmetrize to read each arc as an undirected edge",
                e.getMessage());
    }

    /** a -> b (1) and b -> a (2) become one edge of weight 3; b -> c (0.5) an edge of weight 0.5. */
    @ParameterizedTest
    @ValueSource(strings = {"directed.graphml", "directed.gml", "directed.dot"})
    void symmetrizedArcsBothWaysSum(String name) {
        IndexedGraph<String> g = SYMMETRIZE.read(resource(name), null);
        assertEquals(List.of("a", "b", "c"), g.order().vertices());
        assertEquals(2, g.graph().edgeCount());
        assertEquals(3.0, weight(g, "a", "b"));
        assertEquals(0.5, weight(g, "b", "c"));
    }

    @Test
    void oneDirectedGraphMlEdgeMakesTheGraphDirected() {
        String text = GRAPHML_HEAD + "    <edge source=\"a\" target=\"b\" directed=\"true\"/>\n  </graph>\n</graphml>\n";
        assertEquals("the graph is directed; pass --symmetrize to read each arc as an undirected edge",
                failure(STRICT, text, GraphFormat.GRAPHML).problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "-1.5", "0", "Infinity", "INF"})
    void badGraphMlWeightNamesTheEdge(String w) {
        GraphFormatException e = failure(STRICT, graphMl(w), GraphFormat.GRAPHML);
        assertEquals("in.graphml", e.source());
        assertEquals(0, e.line());
        double value = NamedGraphBuilder.parseWeight(w);
        assertEquals("edge a - b has weight " + value + "; weights must be finite and > 0", e.problem());
    }

    /** JGraphT would silently read an unparsable GraphML weight as 1. */
    @Test
    void unparsableGraphMlWeightIsAnError() {
        assertEquals("edge a - b: weight '2,5' is not a number",
                failure(STRICT, graphMl("2,5"), GraphFormat.GRAPHML).problem());
    }

    @Test
    void truncatedGraphMlGivesTheLineWhereTheTextEnds() {
        // 12 complete lines: the text ends at the start of line 13
        Path file = resource("truncated.graphml");
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> STRICT.read(file, null));
        assertEquals(file.toString(), e.source());
        assertEquals(13, e.line());
        assertTrue(e.problem().startsWith("not valid GraphML: "), e.problem());
    }

    @Test
    void garbledGraphMlGivesTheLineOfTheFault() {
        String text = GRAPHML_HEAD + "    <edge source=\"a\" target=\"b\"></node>\n  </graph>\n</graphml>\n";
        GraphFormatException e = failure(STRICT, text, GraphFormat.GRAPHML);
        assertEquals(7, e.line());
        assertTrue(e.problem().startsWith("not valid GraphML: "), e.problem());
    }

    @Test
    void graphMlEdgeToAnUndeclaredNodeIsAnError() {
        String text = GRAPHML_HEAD + "    <edge source=\"a\" target=\"zz\"/>\n  </graph>\n</graphml>\n";
        GraphFormatException e = failure(STRICT, text, GraphFormat.GRAPHML);
        assertTrue(e.problem().contains("zz"), e.problem());
    }

    @Test
    void graphMlWithADoctypeIsRefused() {
        String text = "<?xml version='1.0'?>\n<!DOCTYPE graphml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + GRAPHML_HEAD.substring(GRAPHML_HEAD.indexOf('\n') + 1) + "  </graph>\n</graphml>\n";
        GraphFormatException e = failure(STRICT, text, GraphFormat.GRAPHML);
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("DOCTYPE"), e.problem());
    }

    @Test
    void selfLoopIsRefusedInEveryFormatAndKeptOnRequest() {
        String graphMl = GRAPHML_HEAD + "    <edge source=\"a\" target=\"a\"/>\n  </graph>\n</graphml>\n";
        String loop = "edge a - a is a self-loop; self-loops are refused unless kept on request (--keep-self-loops)";
        assertEquals(loop, failure(STRICT, graphMl, GraphFormat.GRAPHML).problem());
        assertEquals(1, read(LOOPS, graphMl, GraphFormat.GRAPHML).graph().selfLoopCount());
        String dot = "graph { a -- a; a -- b }";
        assertEquals(loop, failure(STRICT, dot, GraphFormat.DOT).problem());
        assertEquals(1, read(LOOPS, dot, GraphFormat.DOT).graph().selfLoopCount());
        String sparse6 = ":AJ";   // two vertices, edges 0-0 and 0-1: bits 0 0, 1 0, padding 1 1
        assertEquals("edge 0 - 0 is a self-loop; self-loops are refused unless kept on request (--keep-self-loops)",
                failure(STRICT, sparse6, GraphFormat.SPARSE6).problem());
        IndexedGraph<String> g = read(LOOPS, sparse6, GraphFormat.SPARSE6);
        assertEquals(1, g.graph().selfLoopCount());
        assertEquals(2, g.graph().edgeCount());
    }

    @Test
    void dotWeightsAndErrors() {
        assertEquals("edge a - b has weight -2.0; weights must be finite and > 0",
                failure(STRICT, "graph { a -- b [weight=-2] }", GraphFormat.DOT).problem());
        assertEquals("edge a - b: weight 'heavy' is not a number",
                failure(STRICT, "graph { a -- b [weight=heavy] }", GraphFormat.DOT).problem());
        GraphFormatException e = failure(STRICT, "graph {\n  a -- b;\n  c -- ;\n}\n", GraphFormat.DOT);
        assertEquals(3, e.line());
        assertTrue(e.problem().startsWith("not valid DOT: ") && e.problem().endsWith("(column 8)"), e.problem());
        IndexedGraph<String> g = read(STRICT, "strict graph { edge [weight=4]; a -- b; b -- c [weight=0.5] }",
                GraphFormat.DOT);
        assertEquals(4.0, weight(g, "a", "b"));
        assertEquals(0.5, weight(g, "b", "c"));
    }

    @Test
    void dotHeaderDetection() {
        assertTrue(JGraphTFormats.dotDirected("// c\n/* x */ STRICT DiGraph g { a -> b }"));
        assertTrue(JGraphTFormats.dotDirected("#!comment line\ndigraph{}"));
        assertFalse(JGraphTFormats.dotDirected("strict graph { a -- b }"));
        assertFalse(JGraphTFormats.dotDirected("graph digraph_name { }"));
        assertTrue(JGraphTFormats.dotDirected("graph { a -- b; a -> c }"));
        assertFalse(JGraphTFormats.dotDirected("graph { a -- b [label=\"a -> b\"]; /* -> */ c -- d [label=<x->y>] }"));
        assertFalse(JGraphTFormats.dotDirected("graph { \"say \\\"->\\\"\" -- b // a -> b\n}"));
    }

    @Test
    void gmlWeightsLabelsAndErrors() {
        assertEquals("edge a - b has weight -1.0; weights must be finite and > 0", failure(STRICT,
                "graph [ node [ id 1 label \"a\" ] node [ id 2 label \"b\" ] edge [ source 1 target 2 value -1 ] ]",
                GraphFormat.GML).problem());
        // labels that repeat cannot name the vertices: the ids do
        IndexedGraph<String> g = read(STRICT,
                "graph [ node [ id 1 label \"x\" ] node [ id 2 label \"x\" ] edge [ source 1 target 2 weight 3 ] ]",
                GraphFormat.GML);
        assertEquals(List.of("1", "2"), g.order().vertices());
        assertEquals(3.0, weight(g, "1", "2"));
        GraphFormatException e = failure(STRICT, "graph [\n  node [ id 1 ]\n  edge [ source 1 target ]\n]\n",
                GraphFormat.GML);
        assertEquals(3, e.line());
        assertTrue(e.problem().startsWith("not valid GML: "), e.problem());
        assertTrue(JGraphTFormats.gmlDirected("# c\ngraph [ label \"directed 0\" node [ directed 0 ] directed 1 ]"));
        assertFalse(JGraphTFormats.gmlDirected("graph [ node [ id 0 directed 1 ] directed 0 ]"));
    }

    @Test
    void jsonWeightsAndErrors() {
        String head = "{\"nodes\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"edges\":[{\"source\":\"a\",\"target\":\"b\",";
        assertEquals("edge a - b: weight 'heavy' is not a number",
                failure(STRICT, head + "\"weight\":\"heavy\"}]}", GraphFormat.JSON).problem());
        assertEquals("edge a - b has weight NaN; weights must be finite and > 0",
                failure(STRICT, head + "\"weight\":\"NaN\"}]}", GraphFormat.JSON).problem());
        assertEquals("edge a - b has weight 0.0; weights must be finite and > 0",
                failure(STRICT, head + "\"weight\":0}]}", GraphFormat.JSON).problem());
        GraphFormatException missing = failure(STRICT,
                "{\"nodes\":[{\"id\":\"a\"}],\"edges\":[{\"source\":\"a\",\"target\":\"q\"}]}", GraphFormat.JSON);
        assertTrue(missing.problem().contains("q"), missing.problem());
    }

    @Test
    void truncatedJsonGivesTheLineWhereTheTextEnds() {
        Path file = resource("truncated.json");
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> STRICT.read(file, null));
        assertEquals(file.toString(), e.source());
        assertEquals(6, e.line());
        assertTrue(e.problem().startsWith("not valid JSON: "), e.problem());
    }

    @Test
    void badGraph6Files() {
        GraphFormatException truncated = assertThrows(GraphFormatException.class,
                () -> STRICT.read(resource("truncated.g6"), null));
        assertEquals(0, truncated.line());
        assertTrue(truncated.problem().startsWith("not valid graph6: "), truncated.problem());
        GraphFormatException illegal = assertThrows(GraphFormatException.class,
                () -> STRICT.read(resource("illegal.g6"), null));
        assertTrue(illegal.problem().startsWith("not valid graph6: "), illegal.problem());
        GraphFormatException two = assertThrows(GraphFormatException.class,
                () -> STRICT.read(resource("two-graphs.g6"), null));
        assertEquals(2, two.line());
        assertEquals(4, failure(STRICT, "\nDQc\n\nDQc\n", GraphFormat.GRAPH6).line());
        assertEquals("empty file; expected one graph6 line", failure(STRICT, "\n", GraphFormat.GRAPH6).problem());
        assertTrue(failure(STRICT, ":Fa x^", GraphFormat.SPARSE6).problem().startsWith("not valid sparse6: "));
        // a size field cut short: '~' announces 3 more size bytes
        assertTrue(failure(STRICT, ":~", GraphFormat.SPARSE6).problem().startsWith("not valid sparse6: "));
    }

    @Test
    void graphFormatExceptionIsAnImportException() {
        ImportException e = assertThrows(ImportException.class, () -> read(STRICT, "{", GraphFormat.JSON));
        assertTrue(e instanceof GraphFormatException);
        assertTrue(e.getMessage().startsWith("in.json:1: not valid JSON: "), e.getMessage());
    }
}
