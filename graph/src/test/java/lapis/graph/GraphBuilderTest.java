package lapis.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GraphBuilderTest {

    @Test
    void parallelEdgesSumAndRowsAreSorted() {
        Graph g = Graph.fromEdges(4, new int[] {2, 0, 1, 2, 3}, new int[] {0, 2, 0, 3, 0},
                new double[] {1.5, 2.0, 1.0, 4.0, 0.25}, GraphOptions.defaults());
        assertEquals(4, g.edgeCount());
        assertEquals(3.5, g.weight(0, 2));
        assertEquals(3.5, g.weight(2, 0));
        assertArrayEquals(new int[] {1, 2, 3}, java.util.Arrays.copyOfRange(g.columnIndices(), g.rowStart(0),
                g.rowStart(1)));
        assertEquals(3.5 + 1.0 + 0.25, g.weightedDegree(0));
        assertArrayEquals(new double[] {0.25, 4.0}, g.weightRange());
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0, 0.0})
    void badWeightsNameTheEdge(double w) {
        GraphBuilder b = new GraphBuilder(5, GraphOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.addEdge(3, 1, w));
        assertTrue(e.getMessage().contains("edge (3, 1)") && e.getMessage().contains(String.valueOf(w)),
                e.getMessage());
        assertEquals(0, b.addedEdgeCount());
    }

    @Test
    void outOfRangeVertexIsNamed() {
        GraphBuilder b = new GraphBuilder(5, GraphOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.addEdge(1, 5, 1));
        assertTrue(e.getMessage().contains("vertex 5 is out of range 0..4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.addEdge(-1, 2, 1));
    }

    @Test
    void selfLoopsRefusedUnlessKept() {
        assertThrows(IllegalArgumentException.class,
                () -> new GraphBuilder(3, GraphOptions.defaults()).addEdge(2, 2, 1));
        Graph g = new GraphBuilder(3, GraphOptions.defaults().withKeepSelfLoops(true)).addEdge(2, 2, 1)
                .addEdge(0, 1, 1).build();
        assertEquals(1, g.selfLoopCount());
        assertEquals(2, g.edgeCount());
        assertEquals(3, g.entryCount());
    }

    @Test
    void fromJGraphTKeepsVertexOrderAndWeights() {
        SimpleWeightedGraph<String, DefaultWeightedEdge> jg = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        for (String v : new String[] {"c", "a", "b", "lonely"}) {
            jg.addVertex(v);
        }
        jg.setEdgeWeight(jg.addEdge("a", "b"), 2.5);
        jg.setEdgeWeight(jg.addEdge("c", "a"), 0.5);
        IndexedGraph<String> ig = JGraphTGraphs.fromJGraphT(jg, GraphOptions.defaults());
        assertEquals("c", ig.order().vertex(0));
        assertEquals(3, ig.order().indexOf("lonely"));
        Graph g = ig.graph();
        assertEquals(2.5, g.weight(ig.order().indexOf("a"), ig.order().indexOf("b")));
        assertEquals(0.5, g.weight(0, 1));
        assertEquals(0, g.degree(3));
        assertFalse(g.hasEdge(2, 0));
    }

    @Test
    void directedJGraphTNeedsSymmetrize() {
        DefaultDirectedGraph<Integer, DefaultEdge> d = new DefaultDirectedGraph<>(DefaultEdge.class);
        d.addVertex(1);
        d.addVertex(2);
        d.addEdge(1, 2);
        d.addEdge(2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JGraphTGraphs.fromJGraphT(d, GraphOptions.defaults()));
        assertTrue(e.getMessage().contains("directed"));
        Graph g = JGraphTGraphs.fromJGraphT(d, GraphOptions.defaults().withSymmetrize(true)).graph();
        assertEquals(1, g.edgeCount());
        assertEquals(2.0, g.weight(0, 1), "arcs both ways sum");
    }

    @Test
    void badJGraphTWeightNamesTheVertices() {
        SimpleWeightedGraph<String, DefaultWeightedEdge> jg = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        jg.addVertex("x");
        jg.addVertex("y");
        jg.setEdgeWeight(jg.addEdge("x", "y"), -2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JGraphTGraphs.fromJGraphT(jg, GraphOptions.defaults()));
        assertTrue(e.getMessage().contains("x - y") && e.getMessage().contains("-2.0"), e.getMessage());
    }

    @Test
    void componentsOfDisjointPieces() {
        Graph g = Graph.fromEdges(7, new int[] {0, 1, 3, 5}, new int[] {1, 2, 4, 3}, null, GraphOptions.defaults());
        ConnectedComponents cc = ConnectedComponents.of(g);
        assertEquals(3, cc.count());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2}, cc.componentMap());
        assertArrayEquals(new int[] {3, 3, 1}, cc.sizes());
        assertEquals(0, ConnectedComponents.of(new GraphBuilder(0, GraphOptions.defaults()).build()).count());
    }

    @Test
    void relabelRejectsNonPermutations() {
        Graph g = KnownSpectra.path(3, Normalization.COMBINATORIAL).graph();
        assertThrows(IllegalArgumentException.class, () -> g.relabel(new int[] {0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> g.relabel(new int[] {0, 1}));
        assertEquals(g, g.relabel(new int[] {2, 1, 0}), "the path reversed is the same path");
    }
}
