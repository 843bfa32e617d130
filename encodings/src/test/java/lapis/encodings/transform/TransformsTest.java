package lapis.encodings.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lapis.encodings.EncodingBatch;
import lapis.encodings.GraphData;
import lapis.encodings.GraphTransform;
import lapis.encodings.Spectrum;
import lapis.encodings.TestGraphs;
import lapis.encodings.fixed.LapPe;
import lapis.encodings.fixed.Rwse;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;
import lapis.graph.Normalization;
import lapis.nn.DType;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import lapis.spectral.Spectra;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class TransformsTest {

    private static Graph complete(int n) {
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        for (int u = 0; u < n; u++) {
            for (int v = u + 1; v < n; v++) {
                b.addEdge(u, v, 1);
            }
        }
        return b.build();
    }

    /** C_n: a t-step walk returns when 2k - t = 0 mod n; K_n: 1/n + (n-1)/n (-1/(n-1))^t. */
    @Test
    void randomWalkPeMatchesTheClosedFormsOnCyclesAndCompleteGraphs() {
        int steps = 13;
        for (int n : new int[] {3, 6, 9, 40}) {
            DMatrixRMaj pe = new AddRandomWalkPE(steps).apply(GraphData.of(TestGraphs.cycle(n)))
                    .feature(AddRandomWalkPE.DEFAULT_ATTR_NAME);
            for (int t = 1; t <= steps; t++) {
                double p = TestGraphs.cycleReturnProbability(n, t);
                for (int i = 0; i < n; i++) {
                    assertEquals(p, pe.get(i, t - 1), 1e-14, "C_" + n + " t=" + t);
                }
            }
        }
        for (int n : new int[] {2, 5, 11}) {
            DMatrixRMaj pe = new AddRandomWalkPE(steps).apply(GraphData.of(complete(n)))
                    .feature(AddRandomWalkPE.DEFAULT_ATTR_NAME);
            for (int t = 1; t <= steps; t++) {
                double p = 1.0 / n + (n - 1.0) / n * Math.pow(-1.0 / (n - 1), t);
                for (int i = 0; i < n; i++) {
                    assertEquals(p, pe.get(i, t - 1), 1e-14, "K_" + n + " t=" + t);
                }
            }
        }
    }

    /** Weights, a kept self-loop and an isolated vertex: the same numbers as the dense RWSE encoding. */
    @Test
    void randomWalkPeEqualsTheDenseRwse() {
        Graph g = new GraphBuilder(8, GraphOptions.defaults().withKeepSelfLoops(true)).addEdge(0, 1, 2.0)
                .addEdge(1, 2, 1).addEdge(2, 0, 0.5).addEdge(2, 3, 1).addEdge(3, 4, 3).addEdge(4, 5, 1)
                .addEdge(5, 5, 0.7).addEdge(5, 6, 0.2).build();
        int steps = 9;
        DMatrixRMaj pe = new AddRandomWalkPE(steps).apply(GraphData.of(g)).feature("random_walk_pe");
        double[] dense;
        try (Threads th = Threads.single(); Tape t = Tape.inference(th)) {
            Tensor x = new Rwse(steps, DType.F64).encode(t, EncodingBatch.of(g, null));
            dense = x.toDoubleArray();
        }
        for (int i = 0; i < 8; i++) {
            for (int t = 0; t < steps; t++) {
                assertEquals(dense[i * steps + t], pe.get(i, t), 1e-14, "node " + i + " t=" + (t + 1));
            }
        }
        assertEquals(0.0, pe.get(7, 0));
    }

    /** The transform is LapPE of k + 1 pairs with column 0 dropped, on both solver routes. */
    @Test
    void laplacianPeIsTheDirectEncodingWithoutItsFirstColumn() {
        Graph g = TestGraphs.random(60, 0.08, 3);
        int k = 5;
        double[][] direct = new LapPe(k + 1, DType.F64, 0).evaluate(g, Spectrum.of(g, Normalization.SYMMETRIC, k + 1));
        for (Spectra.Options o : List.of(Spectra.Options.defaults(), Spectra.Options.defaults().withDenseLimit(0))) {
            DMatrixRMaj pe = new AddLaplacianEigenvectorPE(k).withOptions(o).apply(GraphData.of(g))
                    .feature(AddLaplacianEigenvectorPE.DEFAULT_ATTR_NAME);
            assertEquals(k, pe.numCols);
            for (int c = 0; c < k; c++) {
                double dot = 0;
                for (int i = 0; i < 60; i++) {
                    dot += direct[i][c + 1] * pe.get(i, c);
                }
                for (int i = 0; i < 60; i++) {
                    assertEquals(direct[i][c + 1], Math.signum(dot) * pe.get(i, c), 1e-8);
                }
            }
        }
    }

    /** Seeded signs: each column is +-1 times the fixed one, the same for the same (seed, id). */
    @Test
    void randomSignsFlipWholeColumnsReproducibly() {
        Graph g = TestGraphs.random(30, 0.15, 5);
        DMatrixRMaj fixed = new AddLaplacianEigenvectorPE(6).apply(GraphData.of(g)).feature("laplacian_eigenvector_pe");
        AddLaplacianEigenvectorPE t = new AddLaplacianEigenvectorPE(6).withRandomSigns(11);
        DMatrixRMaj a = t.apply(GraphData.of(g).withId(4)).feature("laplacian_eigenvector_pe");
        DMatrixRMaj b = t.apply(GraphData.of(g).withId(4)).feature("laplacian_eigenvector_pe");
        assertTrue(java.util.Arrays.equals(a.data, b.data));
        boolean flipped = false;
        for (int id = 0; id < 4 && !flipped; id++) {
            DMatrixRMaj r = t.apply(GraphData.of(g).withId(id)).feature("laplacian_eigenvector_pe");
            for (int c = 0; c < 6; c++) {
                double s = Math.signum(r.get(0, c) * fixed.get(0, c));
                flipped |= s < 0;
                for (int i = 0; i < 30; i++) {
                    assertEquals(fixed.get(i, c), s * r.get(i, c), 0.0);
                }
            }
        }
        assertTrue(flipped);
    }

    /** Named features commute; appending to x concatenates in order; the input is never modified. */
    @Test
    void compositionOrderDoesNotMatterForNamedFeaturesAndInputsStayUntouched() {
        Graph g = TestGraphs.petersen();
        GraphData in = GraphData.of(g);
        GraphTransform lap = new AddLaplacianEigenvectorPE(3);
        GraphTransform rw = new AddRandomWalkPE(4);
        GraphData ab = lap.then(rw).apply(in);
        GraphData ba = GraphTransform.compose(List.of(rw, lap)).apply(in);
        assertTrue(in.names().isEmpty());
        for (String name : List.of("laplacian_eigenvector_pe", "random_walk_pe")) {
            assertTrue(java.util.Arrays.equals(ab.feature(name).data, ba.feature(name).data), name);
        }
        GraphData x = new AddLaplacianEigenvectorPE(3).withAttrName(null)
                .then(new AddRandomWalkPE(4, null)).apply(in);
        DMatrixRMaj joined = x.feature(GraphData.X);
        assertEquals(7, joined.numCols);
        assertEquals(ab.feature("laplacian_eigenvector_pe").get(2, 1), joined.get(2, 1), 0.0);
        assertEquals(ab.feature("random_walk_pe").get(2, 3), joined.get(2, 6), 0.0);
        assertThrows(IllegalArgumentException.class, () -> in.feature("x"));
    }

    /** Graphs with n &lt;= k get zero columns past n - 1, as LapPE does. */
    @Test
    void smallGraphsGetZeroColumns() {
        DMatrixRMaj pe = new AddLaplacianEigenvectorPE(5).apply(GraphData.of(complete(3)))
                .feature("laplacian_eigenvector_pe");
        for (int i = 0; i < 3; i++) {
            for (int c = 2; c < 5; c++) {
                assertEquals(0.0, pe.get(i, c));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new AddRandomWalkPE(0));
    }
}
