package lapis.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GraphSampleTest {

    /** Both directions of every edge carry the category given to that edge in forEachEdge order. */
    @Test
    void entryCategoriesFollowTheEdgesInBothDirections() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + rng.nextInt(12);
            GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
            for (int k = 0; k < 2 * n; k++) {
                int u = rng.nextInt(n);
                int v = rng.nextInt(n);
                if (u != v) {
                    b.addEdge(u, v, 1);
                }
            }
            Graph g = b.build();
            int[] cats = new int[g.edgeCount()];
            int[] ends = new int[2 * g.edgeCount()];
            int[] e = {0};
            g.forEachEdge((u, v, w) -> {
                cats[e[0]] = 1000 * u + v;
                ends[2 * e[0]] = u;
                ends[2 * e[0] + 1] = v;
                e[0]++;
            });
            int[] entries = new GraphSample(g, new int[n], cats, new double[] {1}).entryCategories();
            for (int i = 0; i < n; i++) {
                for (int k = g.rowStart(i); k < g.rowStart(i + 1); k++) {
                    int j = g.column(k);
                    assertEquals(1000 * Math.min(i, j) + Math.max(i, j), entries[k], "entry (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void lengthsAndCategoriesAreChecked() {
        Graph path = Graph.fromEdges(3, new int[] {0, 1}, new int[] {1, 2}, null, GraphOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GraphSample(path, new int[2], new int[2], new double[0]));
        assertTrue(e.getMessage().contains("2 node categories for 3 vertices"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GraphSample(path, new int[3], new int[] {0, -4}, new double[0]));
        assertTrue(e.getMessage().contains("edge 1 has category -4"), e.getMessage());
    }
}
