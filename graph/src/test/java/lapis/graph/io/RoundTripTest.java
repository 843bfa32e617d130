package lapis.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;
import lapis.graph.IndexedGraph;
import lapis.graph.VertexOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoundTripTest {
    private static final GraphOptions LOOPS = GraphOptions.defaults().withKeepSelfLoops(true);

    @TempDir
    Path dir;

    /** A graph on named vertices from (u, v, w) triples; {@code names} fixes the vertex order. */
    static IndexedGraph<String> graph(List<String> names, Object... uvw) {
        GraphBuilder b = new GraphBuilder(names.size(), LOOPS);
        for (int k = 0; k < uvw.length; k += 3) {
            b.addEdge(names.indexOf((String) uvw[k]), names.indexOf((String) uvw[k + 1]), (Double) uvw[k + 2]);
        }
        return new IndexedGraph<>(b.build(), VertexOrder.of(names));
    }

    /** Weights that need all 17 digits, tiny and huge ones, and names that are not numbers. */
    static IndexedGraph<String> weighted() {
        return graph(List.of("alpha", "b", "3", "x-y", "été"),
                "alpha", "b", 1.5, "alpha", "3", 1.0 / 3, "b", "3", 1e-5, "3", "x-y", 7.25e10,
                "x-y", "été", 0.1 + 0.2, "b", "été", 4.9e-300);
    }

    static IndexedGraph<String> roundTrip(IndexedGraph<?> g, GraphFormat f, GraphOptions options) {
        StringWriter w = new StringWriter();
        GraphWriter.write(g, f, w);
        return new GraphReader(options).read(new StringReader(w.toString()), "mem", f);
    }

    /** read's graph with its vertices put back in the order of {@code original}, matched by name. */
    static Graph inOrderOf(IndexedGraph<String> read, IndexedGraph<String> original) {
        int n = read.order().size();
        assertEquals(original.order().size(), n, "vertex count");
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = original.order().indexOf(read.order().vertex(i));
        }
        return read.graph().relabel(p);
    }

    /** The graph with every weight set to 1: what graph6 and sparse6 keep. */
    static Graph structure(Graph g) {
        GraphBuilder b = new GraphBuilder(g.vertexCount(), LOOPS);
        g.forEachEdge((u, v, w) -> b.addEdge(u, v, 1.0));
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(value = GraphFormat.class, names = {"GRAPHML", "GML", "DOT", "JSON"})
    void namesWeightsAndVertexOrderSurvive(GraphFormat f) {
        IndexedGraph<String> g = weighted();
        IndexedGraph<String> back = roundTrip(g, f, GraphOptions.defaults());
        assertEquals(g.order().vertices(), back.order().vertices());
        assertEquals(g.graph(), back.graph());
    }

    @Test
    void edgeListKeepsNamesAndWeightsWithVerticesInOrderOfFirstAppearance() {
        IndexedGraph<String> g = weighted();
        IndexedGraph<String> back = roundTrip(g, GraphFormat.EDGE_LIST, GraphOptions.defaults());
        assertEquals(g.graph(), inOrderOf(back, g));
        // "été" first appears on the line "b été", after "3" and before "x-y"
        assertEquals(List.of("alpha", "b", "3", "été", "x-y"), back.order().vertices());
    }

    @ParameterizedTest
    @EnumSource(value = GraphFormat.class, names = {"GRAPHML", "GML", "DOT", "JSON", "GRAPH6", "SPARSE6"})
    void isolatedVerticesSurvive(GraphFormat f) {
        IndexedGraph<String> g = graph(List.of("0", "1", "2", "3", "4"), "0", "1", 2.0, "1", "3", 0.5);
        IndexedGraph<String> back = roundTrip(g, f, GraphOptions.defaults());
        assertEquals(g.order().vertices(), back.order().vertices());
        Graph expected = f == GraphFormat.GRAPH6 || f == GraphFormat.SPARSE6 ? structure(g.graph()) : g.graph();
        assertEquals(expected, back.graph());
        assertEquals(0, back.graph().degree(2));
        assertEquals(0, back.graph().degree(4));
    }

    @Test
    void edgeListRefusesAnIsolatedVertexInsteadOfDroppingIt() throws Exception {
        IndexedGraph<String> g = graph(List.of("a", "b", "lonely"), "a", "b", 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphWriter.write(g, GraphFormat.EDGE_LIST, new StringWriter()));
        assertTrue(e.getMessage().contains("lonely"), e.getMessage());
        Path file = dir.resolve("g.txt");
        Files.writeString(file, "x y 1\n");
        assertThrows(IllegalArgumentException.class, () -> GraphWriter.write(g, GraphFormat.EDGE_LIST, file));
        assertEquals("x y 1\n", Files.readString(file));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @ParameterizedTest
    @EnumSource(value = GraphFormat.class, names = {"GRAPH6", "SPARSE6"})
    void graph6AndSparse6KeepTheStructureAndDropWeights(GraphFormat f) {
        IndexedGraph<String> g = weighted();
        IndexedGraph<String> back = roundTrip(g, f, GraphOptions.defaults());
        assertEquals(List.of("0", "1", "2", "3", "4"), back.order().vertices());
        assertEquals(structure(g.graph()), back.graph());
    }

    @ParameterizedTest
    @EnumSource(value = GraphFormat.class, names = {"GML", "JSON"})
    void namesWithQuotesBackslashesAndMarkupSurvive(GraphFormat f) {
        List<String> names = List.of("say \"hi\"", "a&b<c>", "back\\slash", "two words", "tab\there");
        IndexedGraph<String> g = graph(names, names.get(0), names.get(1), 2.0, names.get(2), names.get(3), 3.0,
                names.get(3), names.get(4), 0.5);
        IndexedGraph<String> back = roundTrip(g, f, GraphOptions.defaults());
        assertEquals(names, back.order().vertices());
        assertEquals(g.graph(), back.graph());
    }

    @Test
    void graphMlRefusesNamesThatAreNotXmlNameTokens() {
        IndexedGraph<String> g = graph(List.of("two words", "b"), "two words", "b", 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphWriter.write(g, GraphFormat.GRAPHML, new StringWriter()));
        assertTrue(e.getMessage().contains("'two words'"), e.getMessage());
    }

    @Test
    void dotKeepsQuotesAndSpacesButRefusesBackslashes() {
        List<String> names = List.of("say \"hi\"", "a&b<c>", "two words");
        IndexedGraph<String> g = graph(names, names.get(0), names.get(1), 2.0, names.get(1), names.get(2), 3.0);
        IndexedGraph<String> back = roundTrip(g, GraphFormat.DOT, GraphOptions.defaults());
        assertEquals(names, back.order().vertices());
        assertEquals(g.graph(), back.graph());
        IndexedGraph<String> slash = graph(List.of("a\\b", "c"), "a\\b", "c", 1.0);
        assertThrows(IllegalArgumentException.class,
                () -> GraphWriter.write(slash, GraphFormat.DOT, new StringWriter()));
    }

    @ParameterizedTest
    @EnumSource(value = GraphFormat.class, names = {"EDGE_LIST", "GRAPHML", "GML", "DOT", "JSON", "SPARSE6"})
    void selfLoopsSurviveWhenKept(GraphFormat f) {
        IndexedGraph<String> g = graph(List.of("0", "1", "2"), "0", "1", 2.0, "1", "1", 0.5, "2", "0", 1.0);
        IndexedGraph<String> back = roundTrip(g, f, LOOPS);
        Graph expected = f == GraphFormat.SPARSE6 ? structure(g.graph()) : g.graph();
        assertEquals(expected, inOrderOf(back, g));
        assertEquals(1, back.graph().selfLoopCount());
    }

    @Test
    void graph6RefusesSelfLoops() {
        IndexedGraph<String> g = graph(List.of("a", "b"), "a", "b", 1.0, "b", "b", 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphWriter.write(g, GraphFormat.GRAPH6, new StringWriter()));
        assertTrue(e.getMessage().contains("sparse6"), e.getMessage());
    }

    /** Random graphs on sizes around the one-byte / four-byte size boundary and the powers of two. */
    @ParameterizedTest
    @EnumSource(value = GraphFormat.class, names = {"GRAPH6", "SPARSE6"})
    void randomGraphsRoundTripExactly(GraphFormat f) {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int n : new int[] {0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 32, 62, 63, 64, 65, 200}) {
            for (double p : new double[] {0.0, 0.1, 0.5, 1.0}) {
                GraphBuilder b = new GraphBuilder(n, LOOPS);
                for (int i = 0; i < n; i++) {
                    for (int j = i + (f == GraphFormat.GRAPH6 ? 1 : 0); j < n; j++) {
                        if (rnd.nextDouble() < p) {
                            b.addEdge(i, j, 1.0);
                        }
                    }
                }
                List<String> names = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    names.add(Integer.toString(i));
                }
                IndexedGraph<String> g = new IndexedGraph<>(b.build(), VertexOrder.of(names));
                IndexedGraph<String> back = roundTrip(g, f, LOOPS);
                assertEquals(g.graph(), back.graph(), f + " n=" + n + " p=" + p);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GraphFormat.class)
    void fileWriteIsReadBackByExtension(GraphFormat f) throws Exception {
        IndexedGraph<String> g = graph(List.of("a", "b", "c"), "a", "b", 2.5, "b", "c", 1.0);
        String ext = switch (f) {
            case EDGE_LIST -> "txt";
            case GRAPHML -> "graphml";
            case GML -> "gml";
            case DOT -> "dot";
            case JSON -> "json";
            case GRAPH6 -> "g6";
            case SPARSE6 -> "s6";
        };
        Path file = dir.resolve("g." + ext);
        GraphWriter.write(g, f, file);
        IndexedGraph<String> back = new GraphReader(GraphOptions.defaults()).read(file, null);
        boolean structural = f == GraphFormat.GRAPH6 || f == GraphFormat.SPARSE6;
        assertEquals(structural ? structure(g.graph()) : g.graph(), back.graph());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @Test
    void namesThatPrintAlikeAreRefused() {
        IndexedGraph<Object> g = new IndexedGraph<>(Graph.fromEdges(2, new int[] {0}, new int[] {1}, null,
                GraphOptions.defaults()), VertexOrder.of(List.of(1, "1")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphWriter.write(g, GraphFormat.JSON, new StringWriter()));
        assertTrue(e.getMessage().contains("'1'"), e.getMessage());
    }
}
