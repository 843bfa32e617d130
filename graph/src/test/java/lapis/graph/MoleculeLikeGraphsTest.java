package lapis.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MoleculeLikeGraphsTest {

    @Test
    void moleculeLikeGraphsAreConnectedAndShapedLikeZinc() {
        List<Graph> graphs = MoleculeLikeGraphs.generate(2000, 9);
        double nodes = 0;
        double edges = 0;
        for (Graph g : graphs) {
            int n = g.vertexCount();
            assertTrue(n >= 8 && n <= 37, "size " + n);
            assertEquals(1, ConnectedComponents.of(g).count());
            for (int v = 0; v < n; v++) {
                assertTrue(g.degree(v) <= 4, "degree " + g.degree(v));
            }
            assertTrue(g.edgeCount() >= n - 1);
            nodes += n;
            edges += g.edgeCount();
        }
        assertEquals(23.18, nodes / graphs.size(), 0.5, "mean size; ZINC-12k has 23.18");
        assertEquals(24.93 / 23.18, edges / nodes, 0.03, "edges per node; ZINC-12k has 1.075");
    }

    @Test
    void graphIDependsOnlyOnSeedAndI() {
        List<Graph> few = MoleculeLikeGraphs.generate(5, 77);
        List<Graph> many = MoleculeLikeGraphs.generate(50, 77);
        assertEquals(few, many.subList(0, 5));
        assertTrue(!few.equals(MoleculeLikeGraphs.generate(5, 78)));
    }
}
