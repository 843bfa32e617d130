package lapis.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerturbationsTest {
    private final Perturbations comb = new Perturbations(Normalization.COMBINATORIAL);

    @Test
    void removingOneUnitEdgeChangesCombinatorialLaplacianByTwo() {
        Graph g = KnownSpectra.cycle(10, Normalization.COMBINATORIAL).graph();
        PerturbedGraph p = comb.removeEdges(g, 1, 7);
        assertEquals(9, p.graph().edgeCount());
        // four entries change by 1: two diagonal, two off-diagonal
        assertEquals(2.0, p.laplacianDistance(), 1e-15);
    }

    @Test
    void adjacencyDistanceCountsBothTrianglesOfEveryChangedEdge() {
        Graph g = KnownSpectra.cycle(10, Normalization.COMBINATORIAL).graph();
        assertEquals(Math.sqrt(2 * 3), Graph.adjacencyDistance(g, comb.removeEdges(g, 3, 1).graph()), 1e-15);
        assertEquals(Math.sqrt(2 * 2 * 0.25), Graph.adjacencyDistance(g, comb.addEdges(g, 2, 0.5, 1).graph()), 1e-15);
        assertEquals(0, Graph.adjacencyDistance(g, g), 0);
        Graph permuted = comb.permuteNodes(g, 3).graph();
        assertTrue(Graph.adjacencyDistance(g, permuted) > 0);
        assertThrows(IllegalArgumentException.class, () -> Graph.adjacencyDistance(g,
                KnownSpectra.path(9, Normalization.COMBINATORIAL).graph()));
    }

    @Test
    void removalIsASubsetAndSeeded() {
        Graph g = LaplacianTest.randomGraph(50, 200, 11);
        PerturbedGraph a = comb.removeEdges(g, Perturbations.countOf(g, 0.1), 3);
        PerturbedGraph b = comb.removeEdges(g, Perturbations.countOf(g, 0.1), 3);
        PerturbedGraph c = comb.removeEdges(g, Perturbations.countOf(g, 0.1), 4);
        assertEquals(a.graph(), b.graph());
        assertNotEquals(a.graph(), c.graph());
        assertEquals(g.edgeCount() - Math.round(0.1 * g.edgeCount()), a.graph().edgeCount());
        a.graph().forEachEdge((u, v, w) -> assertEquals(g.weight(u, v), w));
    }

    @Test
    void addedEdgesAreNewWithTheGivenWeight() {
        Graph g = KnownSpectra.path(20, Normalization.COMBINATORIAL).graph();
        PerturbedGraph p = comb.addEdges(g, 5, 0.5, 1);
        assertEquals(24, p.graph().edgeCount());
        int[] added = {0};
        double[] degreeChange = new double[20];
        p.graph().forEachEdge((u, v, w) -> {
            if (!g.hasEdge(u, v)) {
                assertEquals(0.5, w);
                added[0]++;
                degreeChange[u] += w;
                degreeChange[v] += w;
            }
        });
        assertEquals(5, added[0]);
        // ||dL||_F^2 = two off-diagonal entries per new edge plus the squared degree changes
        double squared = 5 * 2 * 0.25;
        for (double d : degreeChange) {
            squared += d * d;
        }
        assertEquals(Math.sqrt(squared), p.laplacianDistance(), 1e-12);
        Graph complete = KnownSpectra.complete(4, Normalization.COMBINATORIAL).graph();
        assertThrows(IllegalArgumentException.class, () -> comb.addEdges(complete, 1, 1, 1));
    }

    @Test
    void reweightingKeepsEdgesAndPositivity() {
        Graph g = LaplacianTest.randomGraph(30, 80, 5);
        PerturbedGraph p = comb.reweightEdges(g, g.edgeCount(), 0.5, 9);
        assertEquals(g.edgeCount(), p.graph().edgeCount());
        p.graph().forEachEdge((u, v, w) -> {
            double ratio = w / g.weight(u, v);
            assertTrue(ratio >= 0.5 && ratio <= 1.5, "ratio " + ratio);
        });
        assertTrue(p.laplacianDistance() > 0);
        assertThrows(IllegalArgumentException.class, () -> comb.reweightEdges(g, 1, 1.0, 1));
    }

    @Test
    void permutationIsInvisibleAfterAlignment() {
        Graph g = LaplacianTest.randomGraph(25, 60, 2);
        for (Normalization kind : Normalization.values()) {
            PerturbedGraph p = new Perturbations(kind).permuteNodes(g, 5);
            assertEquals(0.0, p.laplacianDistance(), kind.name());
            int[] c = p.correspondence();
            g.forEachEdge((u, v, w) -> assertEquals(w, p.graph().weight(c[u], c[v])));
        }
    }

    @Test
    void batchIsBlockDiagonalWithOffsets() {
        Graph a = KnownSpectra.path(3, Normalization.COMBINATORIAL).graph();
        Graph b = KnownSpectra.cycle(4, Normalization.COMBINATORIAL).graph();
        GraphBatch batch = GraphBatch.of(List.of(a, b, a));
        assertEquals(10, batch.nodeCount());
        assertEquals(3, batch.graphCount());
        assertArrayEquals(new int[] {0, 3, 7, 10}, batch.nodeOffsets());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 1, 2, 2, 2}, batch.graphIndex());
        assertEquals(a.entryCount(), batch.entryOffset(1));
        Laplacian whole = Laplacian.of(batch.graph(), Normalization.SYMMETRIC);
        Laplacian lb = Laplacian.of(b, Normalization.SYMMETRIC);
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                boolean sameGraph = batch.graphOf(i) == batch.graphOf(j);
                if (!sameGraph) {
                    assertEquals(0.0, whole.get(i, j));
                } else if (batch.graphOf(i) == 1) {
                    assertEquals(lb.get(i - 3, j - 3), whole.get(i, j));
                }
            }
        }
        int[] s = batch.sources();
        int[] t = batch.targets();
        for (int k = 0; k < s.length; k++) {
            assertEquals(batch.graphOf(s[k]), batch.graphOf(t[k]));
            assertTrue(batch.graph().hasEdge(t[k], s[k]));
        }
    }
}
