package lapis.experiments.stability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lapis.datasets.ProgressListener;
import lapis.encodings.TestGraphs;
import lapis.encodings.fixed.Rwse;
import lapis.graph.Graph;
import lapis.nn.DType;
import org.junit.jupiter.api.Test;

class GraphStabilityTest {
    private static final List<GraphStability.Subject> RWSE = List.of(new GraphStability.Subject("RWSE",
            new Rwse(8, DType.F64), GraphStability.roundOff(DType.F64)));

    private static List<Graph> graphs() {
        List<Graph> gs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            gs.add(TestGraphs.random(12 + i, 0.35, 100 + i));
        }
        return gs;
    }

    @Test
    void permutingTheNodesMovesAnEquivariantEncodingByRoundOffOnly() throws Exception {
        List<GraphStability.Row> rows = GraphStability.measure(graphs(), RWSE, "node-permute",
                GraphStability.levels("node-permute", null), 3, 2, ProgressListener.NONE);
        assertEquals(6, rows.size());
        for (GraphStability.Row r : rows) {
            assertEquals(0, r.m().laplacianDistance(), 1e-12);
            assertTrue(r.m().relativeDistance() < 1e-12, "relative distance " + r.m().relativeDistance());
        }
    }

    @Test
    void theRowsDoNotDependOnTheThreadCountAndDroppingMoreEdgesMovesMore() throws Exception {
        double[] levels = GraphStability.levels("edge-drop", new double[] {0.05, 0.3});
        List<GraphStability.Row> one = GraphStability.measure(graphs(), RWSE, "edge-drop", levels, 7, 1,
                ProgressListener.NONE);
        List<GraphStability.Row> three = GraphStability.measure(graphs(), RWSE, "edge-drop", levels, 7, 3,
                ProgressListener.NONE);
        assertEquals(one, three);
        var summary = GraphStability.summarise(one, RWSE, levels);
        double small = summary.get(new GraphStability.Key("RWSE", 0.05)).medianRelativeDistance();
        double large = summary.get(new GraphStability.Key("RWSE", 0.3)).medianRelativeDistance();
        assertTrue(small > 0 && large > small, small + " then " + large);
    }

    @Test
    void levelsAreCheckedAndNamed() {
        assertArrayEquals(new double[] {0}, GraphStability.levels("node-permute", new double[] {0.5}));
        assertArrayEquals(new double[] {0.01, 0.02, 0.05, 0.1}, GraphStability.levels("edge-add", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphStability.levels("edge-drop", new double[] {1.5}));
        assertTrue(e.getMessage().contains("got 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GraphStability.levels("shake", null));
        assertTrue(e.getMessage().contains("'shake'"), e.getMessage());
    }
}
