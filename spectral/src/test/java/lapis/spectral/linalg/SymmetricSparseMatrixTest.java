package lapis.spectral.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.sparse.Fixtures;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;

class SymmetricSparseMatrixTest {

    @Test
    void laplacianEntriesAndProductsMatchTheDenseMatrix() {
        Laplacian l = Laplacian.of(Fixtures.randomWeighted(60, 90, 2), Normalization.SYMMETRIC);
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(l);
        DMatrixRMaj d = l.toDense();
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 60; j++) {
                assertEquals(d.get(i, j), a.get(i, j), 0.0);
            }
        }
        Random r = new Random(1);
        DMatrixRMaj x = new DMatrixRMaj(60, 3);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextGaussian();
        }
        DMatrixRMaj y = a.applyBlock(x, null);
        DMatrixRMaj ref = new DMatrixRMaj(60, 3);
        org.ejml.dense.row.CommonOps_DDRM.mult(d, x, ref);
        for (int i = 0; i < y.data.length; i++) {
            assertEquals(ref.data[i], y.data[i], 1e-14);
        }
        double[] x0 = new double[60];
        double[] y0 = new double[60];
        for (int i = 0; i < 60; i++) {
            x0[i] = x.get(i, 0);
        }
        a.apply(x0, y0);
        for (int i = 0; i < 60; i++) {
            assertEquals(y.get(i, 0), y0[i], 1e-14);
        }
        double rowMax = 0;
        for (int i = 0; i < 60; i++) {
            double row = 0;
            for (int j = 0; j < 60; j++) {
                row += Math.abs(d.get(i, j));
            }
            rowMax = Math.max(rowMax, row);
        }
        assertEquals(rowMax, a.normInf(), 1e-14);
        double[] ev = Fixtures.denseReference(d, null).values();
        assertTrue(ev[59] <= a.normInf(), "the inf-norm bounds the spectral norm");
    }

    @Test
    void csrInputIsSortedAndDuplicatesAreSummed() {
        SymmetricSparseMatrix a = SymmetricSparseMatrix.fromCsr(2, new int[] {0, 3, 4}, new int[] {1, 0, 1, 0},
                new double[] {2, 5, 1, 3});
        assertEquals(5, a.get(0, 0), 0.0);
        assertEquals(3, a.get(0, 1), 0.0);
        assertEquals(3, a.get(1, 0), 0.0);
        assertEquals(3, a.nonZeroCount());
    }

    @Test
    void asymmetricInputIsRejectedNamingTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymmetricSparseMatrix.fromCsr(2, new int[] {0, 2, 3}, new int[] {0, 1, 1},
                        new double[] {1, 2, 1}));
        assertTrue(e.getMessage().contains("a(0, 1) = 2.0"), e.getMessage());
        DMatrixSparseCSC csc = new DMatrixSparseCSC(2, 3, 0);
        assertThrows(IllegalArgumentException.class, () -> SymmetricSparseMatrix.of(csc));
        assertThrows(IllegalArgumentException.class, () -> SymmetricSparseMatrix.of(
                Laplacian.of(Fixtures.path(4), Normalization.RANDOM_WALK)));
    }

    @Test
    void cscRoundTripAndLinearCombination() {
        Laplacian l = Laplacian.of(Fixtures.cycle(7), Normalization.COMBINATORIAL);
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(l.toSparse());
        SymmetricSparseMatrix shifted = a.plus(-0.5, SymmetricSparseMatrix.diagonal(new double[] {1, 2, 3, 4, 5, 6,
            7}));
        for (int i = 0; i < 7; i++) {
            assertEquals(2 - 0.5 * (i + 1), shifted.get(i, i), 0.0);
            assertEquals(-1, shifted.get(i, (i + 1) % 7), 0.0);
        }
        assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2, 2}, a.diagonal(), 0.0);
        assertFalse(a.isDiagonal());
        assertTrue(SymmetricSparseMatrix.identity(3).isDiagonal());
        assertEquals(4, a.normInf(), 0.0);
    }
}
