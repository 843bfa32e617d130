package lapis.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import lapis.graph.GraphOptions;
import lapis.graph.IndexedGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgeListReaderTest {
    private static final GraphReader READER = new GraphReader(GraphOptions.defaults());

    @TempDir
    Path dir;

    static IndexedGraph<String> read(String text) {
        return READER.read(new StringReader(text), "g.txt", GraphFormat.EDGE_LIST);
    }

    static GraphFormatException failure(String text) {
        return assertThrows(GraphFormatException.class, () -> read(text));
    }

    static double weight(IndexedGraph<String> g, String u, String v) {
        return g.graph().weight(g.order().indexOf(u), g.order().indexOf(v));
    }

    static Path resource(String name) {
        try {
            return Path.of(EdgeListReaderTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void bomCrlfCommentsHeaderCommasTabsAndSpacesAroundCommas() {
        IndexedGraph<String> g = READER.read(resource("weighted-crlf-bom.csv"), null);
        assertEquals(List.of("a", "b", "c", "d"), g.order().vertices());
        assertEquals(4, g.graph().edgeCount());
        assertEquals(2.5, weight(g, "a", "b"));
        assertEquals(0.5, weight(g, "b", "c"));
        assertEquals(1.0, weight(g, "c", "a"));
        assertEquals(1e-3, weight(g, "d", "c"));
    }

    @Test
    void verticesAreNumberedInOrderOfFirstAppearanceAndNamedByTheirTokens() {
        IndexedGraph<String> g = read("10 2\n2 7\n7 10\n");
        assertEquals(List.of("10", "2", "7"), g.order().vertices());
        assertEquals(3, g.graph().edgeCount());
        assertEquals(1.0, weight(g, "10", "7"));
    }

    @Test
    void parallelEdgesSumInEitherDirection() {
        IndexedGraph<String> g = read("a b 1.25\nb a 2\na b\n");
        assertEquals(1, g.graph().edgeCount());
        assertEquals(4.25, weight(g, "a", "b"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "|", quoteCharacter = '`', value = {
        "source,target,weight\\n0,1,2|0 1 2.0",
        "source target\\n0 1\\n1 2|0 1 1.0;1 2 1.0",
        "# comment\\n\\nu,v\\n5,6|5 6 1.0",
        "alice bob\\ncarol dave|alice bob 1.0;carol dave 1.0",
        "alice bob\\n0 1|0 1 1.0",
        "from to\\n|from to 1.0"})
    void headerIsSkippedOnlyWhenItCannotBeAnEdge(String text, String expected) {
        IndexedGraph<String> g = read(text.replace("\\n", "\n"));
        String[] edges = expected.split(";");
        assertEquals(edges.length, g.graph().edgeCount(), text);
        for (String e : edges) {
            String[] f = e.split(" ");
            assertEquals(Double.parseDouble(f[2]), weight(g, f[0], f[1]), text);
        }
    }

    @Test
    void emptyAndCommentOnlyInputGiveTheEmptyGraph() {
        assertEquals(0, read("").graph().vertexCount());
        assertEquals(0, read("# nothing\n\n   \n").graph().vertexCount());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "|", quoteCharacter = '`', value = {
        "a b NaN|edge a - b has weight NaN; weights must be finite and > 0",
        "a b nan|edge a - b has weight NaN; weights must be finite and > 0",
        "a b -1.5|edge a - b has weight -1.5; weights must be finite and > 0",
        "a b 0|edge a - b has weight 0.0; weights must be finite and > 0",
        "a b -0.0|edge a - b has weight -0.0; weights must be finite and > 0",
        "a b Inf|edge a - b has weight Infinity; weights must be finite and > 0",
        "a b infinity|edge a - b has weight Infinity; weights must be finite and > 0",
        "a b -inf|edge a - b has weight -Infinity; weights must be finite and > 0",
        "a b 1.5x|edge a - b: weight '1.5x' is not a number",
        "a b 0x10|edge a - b: weight '0x10' is not a number",
        "a b 2d|edge a - b: weight '2d' is not a number",
        "a b 1 2|expected 'u v [w]', found 4 fields",
        "a|expected 'u v [w]', found 1 field",
        "a,,1|empty field 2",
        "a,b,|empty field 3 after the last comma",
        "a a 1|edge a - a is a self-loop; self-loops are refused unless kept on request (--keep-self-loops)"})
    void badLineNamesTheSourceTheLineAndTheEdge(String bad, String problem) {
        GraphFormatException e = failure("# header comment\nx y 1\n\n" + bad + "\nz w 1\n");
        assertEquals("g.txt", e.source());
        assertEquals(4, e.line());
        assertEquals(problem, e.problem());
        assertEquals("g.txt:4: " + problem, e.getMessage());
    }

    @Test
    void selfLoopIsKeptOnRequest() {
        IndexedGraph<String> g = new GraphReader(GraphOptions.defaults().withKeepSelfLoops(true))
                .read(new StringReader("a a 2\na b 1\n"), "g", GraphFormat.EDGE_LIST);
        assertEquals(1, g.graph().selfLoopCount());
        assertEquals(2.0, weight(g, "a", "a"));
    }

    @Test
    void invalidUtf8NamesTheLine() throws Exception {
        Path file = dir.resolve("bad.txt");
        Files.write(file, new byte[] {'a', ' ', 'b', '\n', 'c', ' ', (byte) 0xff, '\n'});
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> READER.read(file, null));
        assertEquals(file.toString(), e.source());
        assertEquals("not UTF-8 text", e.problem());
    }

    @Test
    void sourceIsTheFileAsGivenAndAMissingFileIsAnIoError() throws Exception {
        Path file = dir.resolve("g.edges");
        Files.writeString(file, "a b 1\nb c -2\n");
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> READER.read(file, null));
        assertEquals(file.toString(), e.source());
        assertEquals(2, e.line());
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> READER.read(dir.resolve("nope.txt"), null));
        assertTrue(missing.getCause() instanceof NoSuchFileException);
    }

    @Test
    void explicitFormatOverridesTheExtension() throws Exception {
        Path file = dir.resolve("g.data");
        Files.writeString(file, "a b 1\n");
        assertEquals(1, READER.read(file, GraphFormat.EDGE_LIST).graph().edgeCount());
        assertThrows(IllegalArgumentException.class, () -> READER.read(file, null));
    }

    @Test
    void weightTokensFollowTheDocumentedGrammar() {
        assertEquals(1e-3, NamedGraphBuilder.parseWeight("1e-3"));
        assertEquals(0.5, NamedGraphBuilder.parseWeight(".5"));
        assertEquals(3.0, NamedGraphBuilder.parseWeight("+3."));
        assertEquals(Double.NEGATIVE_INFINITY, NamedGraphBuilder.parseWeight("-INF"));
        assertNull(NamedGraphBuilder.parseWeight("1e"));
        assertNull(NamedGraphBuilder.parseWeight("one"));
    }

    @Test
    void integerVertexIdsRefuseALineOfWordsWithItsNumber() {
        String text = "# ids\n1 2\n2 3\nthree four\n";
        assertEquals(5, read(text).graph().vertexCount(), "as tokens, the words are two more vertices");
        GraphReader ints = new GraphReader(GraphOptions.defaults(), GraphReader.VertexIds.INTEGERS);
        GraphFormatException e = assertThrows(GraphFormatException.class,
                () -> ints.read(new StringReader(text), "g.txt", GraphFormat.EDGE_LIST));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("vertex id 'three' is not an integer"), e.getMessage());
        IndexedGraph<String> g = ints.read(new StringReader("source,target\n1,2\n-2,+3\n"), "h.csv",
                GraphFormat.EDGE_LIST);
        assertEquals(4, g.graph().vertexCount(), "a header of words is still a header; signs are integers");
        String graphml = "<graphml><graph edgedefault=\"undirected\"><node id=\"1\"/><node id=\"x\"/>"
                + "<edge source=\"1\" target=\"x\"/></graph></graphml>";
        e = assertThrows(GraphFormatException.class,
                () -> ints.read(new StringReader(graphml), "g.graphml", GraphFormat.GRAPHML));
        assertTrue(e.getMessage().contains("vertex id 'x' is not an integer"), e.getMessage());
    }

    @Test
    void aDirectoryIsNamedAsOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> READER.read(dir, null));
        assertTrue(e.getMessage().endsWith("is a directory; give a graph file"), e.getMessage());
    }
}
