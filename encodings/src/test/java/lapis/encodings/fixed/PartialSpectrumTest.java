package lapis.encodings.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lapis.encodings.Spectrum;
import lapis.encodings.TestGraphs;
import lapis.graph.Graph;
import lapis.graph.Normalization;
import lapis.nn.DType;
import lapis.spectral.Spectra;
import lapis.spectral.subspace.Subspaces;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** LapPE from the k pairs of a sparse solve against LapPE from the dense full spectrum. */
class PartialSpectrumTest {
    private static final Spectra.Options SPARSE = Spectra.Options.defaults().withDenseLimit(0);

    private static DMatrixRMaj matrix(double[][] rows, int from, int to) {
        DMatrixRMaj m = new DMatrixRMaj(rows.length, to - from);
        for (int i = 0; i < rows.length; i++) {
            for (int c = from; c < to; c++) {
                m.set(i, c - from, rows[i][c]);
            }
        }
        return m;
    }

    /** Simple eigenvalues (a random graph): every column agrees up to its sign. */
    @Test
    void sparsePairsGiveTheDenseEncodingUpToSign() {
        Graph g = TestGraphs.random(80, 0.06, 7);
        int d = 8;
        LapPe pe = new LapPe(d, DType.F64, 1);
        double[][] dense = pe.evaluate(g, Spectrum.of(g));
        Spectrum partial = Spectrum.of(Spectra.smallest(g, Normalization.SYMMETRIC, d, SPARSE).orThrow(),
                Normalization.SYMMETRIC);
        assertEquals(d, partial.pairCount());
        double[][] sparse = pe.evaluate(g, partial);
        for (int c = 0; c < d; c++) {
            double dot = 0;
            for (int i = 0; i < g.vertexCount(); i++) {
                dot += dense[i][c] * sparse[i][c];
            }
            double sign = Math.signum(dot);
            for (int i = 0; i < g.vertexCount(); i++) {
                assertEquals(dense[i][c], sign * sparse[i][c], 1e-8, "column " + c + ", node " + i);
            }
        }
    }

    /** Repeated eigenvalues (the cycle: 0, then pairs): the encodings span the same eigenspaces. */
    @Test
    void sparsePairsGiveTheDenseEigenspacesOnACycle() {
        Graph g = TestGraphs.cycle(40);
        LapPe pe = new LapPe(7, DType.F64, 1);
        double[][] dense = pe.evaluate(g, Spectrum.of(g));
        double[][] sparse = pe.evaluate(g, Spectrum.of(g, Normalization.SYMMETRIC, 7));
        int[] groups = {0, 1, 3, 5, 7};
        for (int q = 0; q + 1 < groups.length; q++) {
            assertTrue(Subspaces.projectorDistance(matrix(dense, groups[q], groups[q + 1]),
                    matrix(sparse, groups[q], groups[q + 1])) < 1e-8, "eigenspace " + q);
        }
    }

    /** The full spectrum through the new factory is the old one, bit for bit. */
    @Test
    void theAllPairsPathIsUnchanged() {
        Graph g = TestGraphs.petersen();
        Spectrum s = Spectrum.of(g);
        assertEquals(10, s.pairCount());
        assertEquals(Normalization.SYMMETRIC, s.normalization());
        LapPe pe = new LapPe(4, DType.F64, 1);
        double[][] a = pe.evaluate(g, s);
        double[][] b = pe.evaluate(g, Spectrum.of(s.values(), s.vectors()));
        for (int i = 0; i < 10; i++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(a[i][c], b[i][c], 0.0);
                assertEquals(s.vector(i, c), a[i][c], 0.0);
            }
        }
    }

    /** Any normalization; too few pairs are refused, naming the encoding. */
    @Test
    void combinatorialPairsAreAcceptedAndTooFewRefused() {
        Graph g = TestGraphs.hypercube(4);
        Spectrum comb = Spectrum.of(g, Normalization.COMBINATORIAL, 5);
        assertEquals(Normalization.COMBINATORIAL, comb.normalization());
        assertEquals(0.0, comb.value(0));
        assertEquals(2.0, comb.value(1), 1e-10);
        double[][] pe = new LapPe(5, DType.F64, 1).evaluate(g, comb);
        assertEquals(0.25, pe[3][0], 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LapPe(6, DType.F64, 1).evaluate(g, comb));
        assertTrue(e.getMessage().contains("LapPE(6)") && e.getMessage().contains("holds 5"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> comb.vector(0, 5));
    }
}
