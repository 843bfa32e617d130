package lapis.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LaplacianTest {

    static Stream<KnownSpectra.Case> cases() {
        return KnownSpectra.all().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void spectrumMatchesClosedForm(KnownSpectra.Case c) {
        double[] eig = eigenvalues(Laplacian.of(c.graph(), c.normalization()).toDense());
        assertArrayEquals(c.eigenvalues(), eig, 1e-10, c.name());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void normalisedKindsShareTheirSpectrumInZeroTwo(KnownSpectra.Case c) {
        double[] sym = eigenvalues(Laplacian.of(c.graph(), Normalization.SYMMETRIC).toDense());
        double[] rw = eigenvaluesGeneral(Laplacian.of(c.graph(), Normalization.RANDOM_WALK).toDense());
        assertArrayEquals(sym, rw, 1e-9, c.name());
        assertTrue(sym[0] > -1e-12 && sym[sym.length - 1] < 2 + 1e-12, c.name());
    }

    @Test
    void symmetricNormalisedOfRegularGraphIsScaledCombinatorial() {
        KnownSpectra.Case q = KnownSpectra.hypercube(4, Normalization.COMBINATORIAL);
        double[] sym = eigenvalues(Laplacian.of(q.graph(), Normalization.SYMMETRIC).toDense());
        double[] expected = Arrays.stream(q.eigenvalues()).map(x -> x / 4).toArray();
        assertArrayEquals(expected, sym, 1e-12);
    }

    @Test
    void isolatedVertexFollowsPygConvention() {
        Graph g = Graph.fromEdges(4, new int[] {0, 1}, new int[] {1, 2}, null, GraphOptions.defaults());
        Laplacian sym = Laplacian.of(g, Normalization.SYMMETRIC);
        assertEquals(1.0, sym.get(3, 3));
        assertEquals(0.0, Laplacian.of(g, Normalization.COMBINATORIAL).get(3, 3));
        double[] eig = eigenvalues(sym.toDense());
        assertEquals(0.0, eig[0], 1e-12);
        assertEquals(1.0, eig[1], 1e-12, "path 0-1-2 has sym spectrum {0, 1, 2}; the isolated vertex adds 1");
        assertEquals(1.0, eig[2], 1e-12);
        assertEquals(2.0, eig[3], 1e-12);
    }

    @Test
    void selfLoopCancelsInCombinatorialAndShowsInNormalised() {
        Graph g = Graph.fromEdges(2, new int[] {0, 0}, new int[] {1, 0}, new double[] {1, 3},
                GraphOptions.defaults().withKeepSelfLoops(true));
        assertEquals(1, g.selfLoopCount());
        Laplacian comb = Laplacian.of(g, Normalization.COMBINATORIAL);
        assertEquals(1.0, comb.get(0, 0), 1e-15);
        assertEquals(-1.0, comb.get(0, 1), 1e-15);
        Laplacian sym = Laplacian.of(g, Normalization.SYMMETRIC);
        assertEquals(1 - 3.0 / 4, sym.get(0, 0), 1e-15);
        assertEquals(-1 / Math.sqrt(4 * 1), sym.get(0, 1), 1e-15);
    }

    @Test
    void nullSpaceHasOneVectorPerComponentAndIsAnnihilated() {
        // two triangles, a path of 3, one isolated vertex: 4 components
        int[] u = {0, 1, 2, 3, 4, 5, 6, 7};
        int[] v = {1, 2, 0, 4, 5, 3, 7, 8};
        Graph g = Graph.fromEdges(10, u, v, new double[] {1, 2, 3, 1, 1, 1, 0.5, 4}, GraphOptions.defaults());
        ConnectedComponents cc = ConnectedComponents.of(g);
        assertEquals(4, cc.count());
        for (Normalization kind : Normalization.values()) {
            Laplacian l = Laplacian.of(g, kind);
            DMatrixRMaj z = l.nullSpace(cc);
            int expected = kind == Normalization.COMBINATORIAL ? 4 : 3;
            assertEquals(expected, z.numCols, kind.name());
            DMatrixRMaj lz = l.multiply(z, null);
            assertEquals(0.0, CommonOps_DDRM.elementMaxAbs(lz), 1e-14, kind.name());
            DMatrixRMaj gram = new DMatrixRMaj(1, 1);
            CommonOps_DDRM.multTransA(z, z, gram);
            assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentity(gram, 1e-14), kind.name());
        }
        double[] eig = eigenvalues(Laplacian.of(g, Normalization.COMBINATORIAL).toDense());
        assertEquals(4, Arrays.stream(eig).filter(x -> Math.abs(x) < 1e-12).count());
    }

    @Test
    void relabellingIsPermutationSimilarity() {
        Graph g = randomGraph(30, 70, 1);
        int[] p = Permutations.random(30, new SplittableRandom(2));
        for (Normalization kind : Normalization.values()) {
            Laplacian l = Laplacian.of(g, kind);
            Laplacian lp = Laplacian.of(g.relabel(p), kind);
            for (int i = 0; i < 30; i++) {
                for (int j = 0; j < 30; j++) {
                    assertEquals(l.get(i, j), lp.get(p[i], p[j]), 1e-15);
                }
            }
        }
    }

    @Test
    void blockMultiplyEqualsColumnByColumnAndDense() {
        Graph g = randomGraph(200, 900, 3);
        Laplacian l = Laplacian.of(g, Normalization.SYMMETRIC);
        DMatrixRMaj x = new DMatrixRMaj(200, 5);
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextDouble() - 0.5;
        }
        DMatrixRMaj y = l.multiply(x, null);
        DMatrixRMaj dense = new DMatrixRMaj(200, 5);
        CommonOps_DDRM.mult(l.toDense(), x, dense);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(dense, y, 1e-13));
        double[] col = new double[200];
        double[] out = new double[200];
        for (int i = 0; i < 200; i++) {
            col[i] = x.get(i, 2);
        }
        l.multiply(col, out);
        for (int i = 0; i < 200; i++) {
            assertEquals(y.get(i, 2), out[i], 1e-13);
        }
    }

    @Test
    void sparseAndDenseFormsAgree() {
        Laplacian l = Laplacian.of(randomGraph(40, 100, 5), Normalization.RANDOM_WALK);
        DMatrixRMaj fromSparse = new DMatrixRMaj(40, 40);
        org.ejml.ops.DConvertMatrixStruct.convert(l.toSparse(), fromSparse);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(l.toDense(), fromSparse, 0));
        assertEquals(org.ejml.dense.row.NormOps_DDRM.normF(fromSparse), l.frobeniusNorm(), 1e-12);
    }

    @Test
    void multiplyRejectsWrongShapes() {
        Graph path = KnownSpectra.path(4, Normalization.COMBINATORIAL).graph();
        Laplacian l = Laplacian.of(path, Normalization.COMBINATORIAL);
        assertThrows(IllegalArgumentException.class, () -> l.multiply(new double[3], new double[4]));
        double[] x = new double[4];
        assertThrows(IllegalArgumentException.class, () -> l.multiply(x, x));
        assertThrows(IllegalArgumentException.class, () -> l.multiply(new DMatrixRMaj(5, 2), null));
    }

    static Graph randomGraph(int n, int edges, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        for (int e = 0; e < edges; e++) {
            int u = r.nextInt(n);
            int v = r.nextInt(n);
            if (u != v) {
                b.addEdge(u, v, 0.1 + r.nextDouble());
            }
        }
        return b.build();
    }

    static double[] eigenvalues(DMatrixRMaj symmetric) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(symmetric.numRows, false, true);
        assertTrue(eig.decompose(symmetric.copy()));
        double[] v = new double[symmetric.numRows];
        for (int i = 0; i < v.length; i++) {
            v[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(v);
        return v;
    }

    static double[] eigenvaluesGeneral(DMatrixRMaj m) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m.numRows, false, false);
        assertTrue(eig.decompose(m.copy()));
        double[] v = new double[m.numRows];
        for (int i = 0; i < v.length; i++) {
            assertEquals(0.0, eig.getEigenvalue(i).getImaginary(), 1e-9);
            v[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(v);
        return v;
    }
}
