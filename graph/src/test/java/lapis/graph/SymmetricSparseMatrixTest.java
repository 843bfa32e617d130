package lapis.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SymmetricSparseMatrixTest {

    @Test
    void assembledDuplicatesSumAndOffDiagonalsAreMirrored() {
        SymmetricSparseMatrix s = SymmetricSparseMatrix.assemble(3,
                new int[] {0, 1, 2, 0, 2}, new int[] {1, 0, 2, 1, 2}, new double[] {1, 2, 5, 0.5, -1}, 5);
        assertEquals(3.5, s.get(0, 1), 0);
        assertEquals(3.5, s.get(1, 0), 0);
        assertEquals(4.0, s.get(2, 2), 0);
        assertEquals(0.0, s.get(0, 2), 0);
        assertEquals(3, s.nonZeroCount());
    }

    @Test
    void assembledProductEqualsTheDenseProduct() {
        Random rnd = new Random(7);
        int n = 30;
        int t = 200;
        int[] r = new int[t];
        int[] c = new int[t];
        double[] v = new double[t];
        for (int k = 0; k < t; k++) {
            r[k] = rnd.nextInt(n);
            c[k] = rnd.nextInt(n);
            v[k] = rnd.nextGaussian();
        }
        SymmetricSparseMatrix s = SymmetricSparseMatrix.assemble(n, r, c, v, t);
        double[] dense = s.toDense().data;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] y = new double[n];
        s.multiply(x, y);
        for (int i = 0; i < n; i++) {
            double expected = 0;
            for (int j = 0; j < n; j++) {
                assertEquals(dense[i * n + j], dense[j * n + i], 0, "symmetry at " + i + "," + j);
                expected += dense[i * n + j] * x[j];
            }
            assertEquals(expected, y[i], 1e-12);
        }
        assertEquals(s.nonZeroCount(), s.toSparse().nz_length);
    }

    @Test
    void outOfRangeTripletIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymmetricSparseMatrix.assemble(2, new int[] {0, 2}, new int[] {1, 0}, new double[] {1, 1},
                        2));
        assertTrue(e.getMessage().contains("triplet 1 (2, 0)"), e.getMessage());
    }

    @Test
    void laplacianEntriesAndProductsMatchTheDenseMatrix() {
        Laplacian l = Laplacian.of(LaplacianTest.randomGraph(60, 150, 2), Normalization.SYMMETRIC);
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
        DMatrixRMaj y = a.multiply(x, null);
        DMatrixRMaj ref = new DMatrixRMaj(60, 3);
        CommonOps_DDRM.mult(d, x, ref);
        for (int i = 0; i < y.data.length; i++) {
            assertEquals(ref.data[i], y.data[i], 1e-14);
        }
        double[] x0 = new double[60];
        double[] y0 = new double[60];
        for (int i = 0; i < 60; i++) {
            x0[i] = x.get(i, 0);
        }
        a.multiply(x0, y0);
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
        double[] ev = LaplacianTest.eigenvalues(d);
        assertTrue(Math.max(-ev[0], ev[59]) <= a.normInf(), "the inf-norm bounds the spectral norm");
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
                Laplacian.of(KnownSpectra.path(4, Normalization.RANDOM_WALK).graph(), Normalization.RANDOM_WALK)));
    }

    @Test
    void anEntryWithoutItsMirrorMustBeAnExplicitZeroAndIsDropped() {
        SymmetricSparseMatrix a = SymmetricSparseMatrix.fromCsr(2, new int[] {0, 2, 3}, new int[] {0, 1, 1},
                new double[] {4, 0, 7});
        assertEquals(2, a.nonZeroCount(), "the unmirrored explicit zero at (0, 1) is not stored");
        double[] y = new double[2];
        a.multiply(new double[] {1, 1}, y);
        assertArrayEquals(new double[] {4, 7}, y, 0.0);
        IllegalArgumentException lowerOnly = assertThrows(IllegalArgumentException.class,
                () -> SymmetricSparseMatrix.fromCsr(2, new int[] {0, 0, 1}, new int[] {0}, new double[] {5}));
        assertTrue(lowerOnly.getMessage().contains("a(1, 0) = 5.0") && lowerOnly.getMessage().contains("not stored"),
                lowerOnly.getMessage());
    }

    @Test
    void cscRoundTripAndLinearCombination() {
        Laplacian l = Laplacian.of(KnownSpectra.cycle(7, Normalization.COMBINATORIAL).graph(),
                Normalization.COMBINATORIAL);
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
