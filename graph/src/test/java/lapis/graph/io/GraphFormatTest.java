package lapis.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GraphFormatTest {

    @Test
    void extensionsChooseTheFormatInAnyCase() {
        for (String name : new String[] {"g.txt", "g.edges", "g.EDGELIST", "dir/g.el", "g.csv", "g.tsv"}) {
            assertEquals(GraphFormat.EDGE_LIST, GraphFormat.fromFileName(name), name);
        }
        assertEquals(GraphFormat.GRAPHML, GraphFormat.fromFileName("g.graphml"));
        assertEquals(GraphFormat.GRAPHML, GraphFormat.fromFileName("g.xml"));
        assertEquals(GraphFormat.GML, GraphFormat.fromFileName("G.GML"));
        assertEquals(GraphFormat.DOT, GraphFormat.fromFileName("g.dot"));
        assertEquals(GraphFormat.DOT, GraphFormat.fromFileName("g.gv"));
        assertEquals(GraphFormat.JSON, GraphFormat.fromFileName("g.json"));
        assertEquals(GraphFormat.GRAPH6, GraphFormat.fromFileName("g.g6"));
        assertEquals(GraphFormat.SPARSE6, GraphFormat.fromFileName("g.s6"));
    }

    @Test
    void unknownExtensionNamesTheFileTheKnownOnesAndFormat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphFormat.fromFileName("data/graph.bin"));
        assertTrue(e.getMessage().startsWith("data/graph.bin: "), e.getMessage());
        for (String ext : new String[] {".txt", ".edges", ".edgelist", ".el", ".csv", ".tsv", ".graphml", ".xml",
            ".gml", ".dot", ".gv", ".json", ".g6", ".s6", "--format"}) {
            assertTrue(e.getMessage().contains(ext), ext + " missing from: " + e.getMessage());
        }
    }

    @Test
    void shortNamesParseInAnyCaseAndRoundTrip() {
        for (GraphFormat f : GraphFormat.values()) {
            assertEquals(f, GraphFormat.parse(f.shortName()));
            assertEquals(f, GraphFormat.parse(f.shortName().toUpperCase()));
            assertEquals(f, GraphFormat.parse(f.name().toLowerCase()));
        }
        assertEquals("edgelist graphml gml dot json graph6 sparse6",
                String.join(" ", java.util.Arrays.stream(GraphFormat.values()).map(GraphFormat::shortName)
                        .toList()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphFormat.parse("xls"));
        assertTrue(e.getMessage().contains("'xls'") && e.getMessage().contains("sparse6"), e.getMessage());
    }
}
