package lapis.spectral.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.graph.SymmetricSparseMatrix;
import lapis.spectral.Fixtures;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class OperatorsTest {

    private static double[] random(int n, long seed) {
        return new Random(seed).doubles(n, -1, 1).toArray();
    }

    @Test
    void laplacianOperatorAppliesTheLaplacianAndRefusesRandomWalk() {
        Laplacian l = Laplacian.of(Fixtures.grid(7, 5), Normalization.SYMMETRIC);
        LaplacianOperator op = LaplacianOperator.of(l);
        double[] x = random(35, 1);
        double[] y = new double[35];
        double[] ref = new double[35];
        op.apply(x, y);
        l.multiply(x, ref);
        for (int i = 0; i < 35; i++) {
            assertEquals(ref[i], y[i], 0.0);
        }
        assertEquals(l.nonZeroCount(), op.matrix().nonZeroCount());
        assertThrows(IllegalArgumentException.class, () -> LaplacianOperator.of(
                Laplacian.of(Fixtures.path(3), Normalization.RANDOM_WALK)));
    }

    @Test
    void sparseMatrixOperatorAppliesTheMatrixItWraps() {
        Laplacian l = Laplacian.of(Fixtures.randomWeighted(60, 90, 2), Normalization.SYMMETRIC);
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(l);
        SparseMatrixOperator op = SparseMatrixOperator.of(a);
        assertSame(a, op.matrix());
        assertEquals(60, op.size());
        double[] x = random(60, 5);
        double[] y = new double[60];
        double[] ref = new double[60];
        op.apply(x, y);
        l.multiply(x, ref);
        assertArrayEquals(ref, y, 0.0);
        DMatrixRMaj xb = new DMatrixRMaj(60, 3);
        xb.data = random(180, 6);
        assertArrayEquals(l.multiply(xb, null).data, op.applyBlock(xb, null).data, 0.0);
        assertThrows(NullPointerException.class, () -> SparseMatrixOperator.of(null));
    }

    @Test
    void shiftInvertSolvesTheShiftedSystemWithAndWithoutMass() {
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(Laplacian.of(Fixtures.randomWeighted(200, 300, 4),
                Normalization.COMBINATORIAL));
        double[] m = random(200, 2);
        for (int i = 0; i < 200; i++) {
            m[i] = 1.5 + m[i];
        }
        SymmetricSparseMatrix mass = SymmetricSparseMatrix.diagonal(m);
        for (SymmetricSparseMatrix b : new SymmetricSparseMatrix[] {null, mass}) {
            double sigma = -0.05;
            ShiftInvertOperator si = ShiftInvertOperator.of(a, b, sigma);
            SymmetricSparseMatrix shifted = a.plus(-sigma, b == null ? SymmetricSparseMatrix.identity(200) : b);
            double[] x = random(200, 3);
            double[] y = new double[200];
            si.apply(x, y);
            double[] back = new double[200];
            shifted.multiply(y, back);
            for (int i = 0; i < 200; i++) {
                assertEquals(x[i], back[i], 1e-11);
            }
            DMatrixRMaj xb = new DMatrixRMaj(200, 2);
            for (int i = 0; i < 200; i++) {
                xb.set(i, 0, x[i]);
                xb.set(i, 1, -x[i]);
            }
            DMatrixRMaj yb = si.applyBlock(xb, null);
            for (int i = 0; i < 200; i++) {
                assertEquals(y[i], yb.get(i, 0), 1e-13);
                assertEquals(-y[i], yb.get(i, 1), 1e-13);
            }
            assertEquals(sigma, si.shift(), 0.0);
            assertEquals(b != null, si.hasMass());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShiftInvertOperator.of(a, null, 0.0));
        assertTrue(e.getMessage().contains("sigma = 0.0"), e.getMessage());
    }

    @Test
    void incompleteCholeskyIsExactOnATridiagonalMatrix() {
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(Laplacian.of(Fixtures.path(50),
                Normalization.COMBINATORIAL)).plus(0.1, SymmetricSparseMatrix.identity(50));
        IncompleteCholesky ic = IncompleteCholesky.of(a, 0.0);
        assertEquals(0.0, ic.shift(), 0.0);
        double[] x = random(50, 5);
        double[] y = new double[50];
        ic.apply(x, y);
        double[] back = new double[50];
        a.multiply(y, back);
        for (int i = 0; i < 50; i++) {
            assertEquals(x[i], back[i], 1e-12);
        }
    }

    @Test
    void incompleteCholeskyIsSymmetricPositiveDefiniteOnAGrid() {
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(Laplacian.of(Fixtures.grid(20, 20),
                Normalization.COMBINATORIAL));
        IncompleteCholesky ic = IncompleteCholesky.of(a, -1e-3);
        double[] u = random(400, 6);
        double[] v = random(400, 7);
        double[] tu = new double[400];
        double[] tv = new double[400];
        ic.apply(u, tu);
        ic.apply(v, tv);
        double uTv = 0;
        double vTu = 0;
        double uTu = 0;
        for (int i = 0; i < 400; i++) {
            uTv += u[i] * tv[i];
            vTu += v[i] * tu[i];
            uTu += u[i] * tu[i];
        }
        assertEquals(uTv, vTu, 1e-9 * Math.abs(uTv));
        assertTrue(uTu > 0);
    }

    @Test
    void incompleteCholeskyShiftsUntilItSucceeds() {
        SymmetricSparseMatrix negative = SymmetricSparseMatrix.diagonal(new double[] {-1, -2, 1});
        IncompleteCholesky ic = IncompleteCholesky.of(negative, 0.0);
        assertTrue(ic.shift() < -2, "shift " + ic.shift());
    }

    @Test
    void jacobiInvertsTheShiftedDiagonal() {
        SymmetricSparseMatrix a = SymmetricSparseMatrix.diagonal(new double[] {2, 4, 0});
        Preconditioner t = Preconditioner.jacobi(a, -2);
        double[] y = new double[3];
        t.apply(new double[] {1, 1, 1}, y);
        assertEquals(0.25, y[0], 0.0);
        assertEquals(1.0 / 6, y[1], 1e-16);
        assertEquals(0.5, y[2], 0.0);
    }
}
