package lapis.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The product kernel against a naive triple loop, for remainders of rows and columns, flags and batches. */
class GemmTest {

    private static double[] naive(double[] a, boolean ta, double[] b, boolean tb, int batch, int m, int n, int k) {
        double[] c = new double[batch * m * n];
        for (int q = 0; q < batch; q++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        double av = ta ? a[q * m * k + p * m + i] : a[q * m * k + i * k + p];
                        double bv = tb ? b[q * k * n + j * k + p] : b[q * k * n + p * n + j];
                        s += av * bv;
                    }
                    c[q * m * n + i * n + j] = s;
                }
            }
        }
        return c;
    }

    @ParameterizedTest(name = "batch {0}, {1}x{2}x{3}, ta {4}, tb {5}")
    @CsvSource({"1,1,1,1,false,false", "1,7,37,5,false,false", "1,9,33,300,true,false", "1,13,17,19,false,true",
        "2,6,48,3,true,true", "3,5,1,8,false,false", "1,64,129,260,false,false", "1,0,4,3,false,false",
        "1,4,5,0,false,false"})
    void matchesNaiveProduct(int batch, int m, int n, int k, boolean ta, boolean tb) {
        SplittableRandom rng = new SplittableRandom(m * 31L + n * 7L + k);
        int[] as = batch == 1 ? (ta ? new int[] {k, m} : new int[] {m, k})
                : (ta ? new int[] {batch, k, m} : new int[] {batch, m, k});
        int[] bs = batch == 1 ? (tb ? new int[] {n, k} : new int[] {k, n})
                : (tb ? new int[] {batch, n, k} : new int[] {batch, k, n});
        Tensor a = Tensor.uniform(DType.F64, rng, -1, 1, as);
        Tensor b = Tensor.uniform(DType.F64, rng, -1, 1, bs);
        double[] expected = naive(a.toDoubleArray(), ta, b.toDoubleArray(), tb, batch, m, n, k);
        try (Threads th = Threads.of(2)) {
            Tape t = Tape.inference(th);
            Tensor c64 = t.matmul(a, b, ta, tb);
            Tensor c32 = t.matmul(a.to(DType.F32), b.to(DType.F32), ta, tb);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], c64.getFlat(i), 1e-12 * (1 + k), "f64 element " + i);
                assertEquals(expected[i], c32.getFlat(i), 1e-5 * (1 + k), "f32 element " + i);
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        SplittableRandom rng = new SplittableRandom(3);
        Tensor a = Tensor.uniform(DType.F32, rng, -1, 1, 2970, 128);
        Tensor b = Tensor.uniform(DType.F32, rng, -1, 1, 128, 128);
        float[] one;
        float[] two;
        float[] twoT;
        float[] oneT;
        try (Threads th = Threads.single()) {
            one = Tape.inference(th).matmul(a, b).toFloatArray();
            oneT = Tape.inference(th).matmul(a, a, true, false).toFloatArray();
        }
        try (Threads th = Threads.of(3)) {
            two = Tape.inference(th).matmul(a, b).toFloatArray();
            twoT = Tape.inference(th).matmul(a, a, true, false).toFloatArray();
        }
        assertArrayEquals(one, two);
        assertArrayEquals(oneT, twoT);
    }
}
