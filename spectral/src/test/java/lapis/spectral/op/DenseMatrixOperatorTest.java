package lapis.spectral.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

class DenseMatrixOperatorTest {
    private final Random random = new Random(7);

    private DMatrixRMaj randomSymmetric(int n) {
        return RandomMatrices_DDRM.symmetric(n, -1, 1, random);
    }

    @Test
    void applyIsTheMatrixVectorProduct() {
        DMatrixRMaj a = randomSymmetric(9);
        DenseMatrixOperator op = DenseMatrixOperator.of(a);
        double[] x = random.doubles(9).toArray();
        double[] y = new double[9];
        op.apply(x, y);
        DMatrixRMaj expected = new DMatrixRMaj(9, 1);
        CommonOps_DDRM.mult(a, new DMatrixRMaj(9, 1, true, x), expected);
        assertArrayEquals(expected.data, y, 1e-14);
    }

    @Test
    void applyBlockAgreesWithColumnByColumnApply() {
        DenseMatrixOperator op = DenseMatrixOperator.of(randomSymmetric(11));
        DMatrixRMaj x = RandomMatrices_DDRM.rectangle(11, 4, random);
        DMatrixRMaj y = op.applyBlock(x, new DMatrixRMaj(2, 2));
        assertEquals(11, y.numRows);
        assertEquals(4, y.numCols);
        for (int c = 0; c < 4; c++) {
            double[] col = new double[11];
            for (int i = 0; i < 11; i++) {
                col[i] = x.get(i, c);
            }
            double[] out = new double[11];
            op.apply(col, out);
            for (int i = 0; i < 11; i++) {
                assertEquals(out[i], y.get(i, c), 1e-14);
            }
        }
    }

    @Test
    void copiesTheMatrixAndStoresItExactlySymmetric() {
        DMatrixRMaj a = randomSymmetric(5);
        a.set(3, 1, a.get(1, 3) + 1e-13);
        DenseMatrixOperator op = DenseMatrixOperator.of(a);
        assertEquals(op.get(1, 3), op.get(3, 1), 0.0);
        assertEquals(a.get(1, 3) + 0.5e-13, op.get(1, 3), 1e-16);
        double before = op.get(0, 0);
        a.set(0, 0, 99);
        assertEquals(before, op.get(0, 0), 0.0);
    }

    @Test
    void refusesAnAsymmetricMatrixNamingTheWorstPair() {
        DMatrixRMaj a = randomSymmetric(6);
        a.set(4, 2, a.get(2, 4) + 0.5);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> DenseMatrixOperator.of(a));
        assertTrue(ex.getMessage().contains("a(4, 2)"), ex.getMessage());
        assertTrue(ex.getMessage().contains("a(2, 4)"), ex.getMessage());
        DenseMatrixOperator loose = DenseMatrixOperator.of(a, 1.0);
        assertEquals(loose.get(2, 4), loose.get(4, 2), 0.0);
    }

    @Test
    void refusesNonSquareAndNonFiniteInput() {
        assertThrows(IllegalArgumentException.class, () -> DenseMatrixOperator.of(new DMatrixRMaj(3, 4)));
        DMatrixRMaj a = randomSymmetric(3);
        a.set(1, 1, Double.NaN);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> DenseMatrixOperator.of(a));
        assertTrue(ex.getMessage().contains("(1, 1)"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DenseMatrixOperator.of(randomSymmetric(3), -1));
        assertThrows(IllegalArgumentException.class, () -> DenseMatrixOperator.of(randomSymmetric(3), Double.NaN));
    }

    @Test
    void refusesAliasedOrMisshapenArguments() {
        DenseMatrixOperator op = DenseMatrixOperator.of(randomSymmetric(4));
        double[] x = new double[4];
        assertThrows(IllegalArgumentException.class, () -> op.apply(x, x));
        assertThrows(IllegalArgumentException.class, () -> op.apply(new double[3], new double[4]));
        DMatrixRMaj block = new DMatrixRMaj(4, 2);
        assertThrows(IllegalArgumentException.class, () -> op.applyBlock(block, block));
        assertThrows(IllegalArgumentException.class, () -> op.applyBlock(new DMatrixRMaj(5, 2), null));
    }
}
