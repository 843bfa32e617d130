package lapis.graph.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricSparseMatrixTest {

    @Test
    void duplicateTripletsSumAndOffDiagonalsAreMirrored() {
        SymmetricSparseMatrix s = SymmetricSparseMatrix.fromTriplets(3,
                new int[] {0, 1, 2, 0, 2}, new int[] {1, 0, 2, 1, 2}, new double[] {1, 2, 5, 0.5, -1}, 5);
        assertEquals(3.5, s.get(0, 1), 0);
        assertEquals(3.5, s.get(1, 0), 0);
        assertEquals(4.0, s.get(2, 2), 0);
        assertEquals(0.0, s.get(0, 2), 0);
        assertEquals(3, s.nonZeroCount());
    }

    @Test
    void productEqualsTheDenseProduct() {
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
        SymmetricSparseMatrix s = SymmetricSparseMatrix.fromTriplets(n, r, c, v, t);
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
                () -> SymmetricSparseMatrix.fromTriplets(2, new int[] {0, 2}, new int[] {1, 0}, new double[] {1, 1},
                        2));
        assertTrue(e.getMessage().contains("triplet 1 (2, 0)"), e.getMessage());
    }
}
