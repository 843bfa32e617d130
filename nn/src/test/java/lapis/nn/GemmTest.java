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
            Tensor c64 = LinearAlgebra.matmul(t, a, b, ta, tb);
            Tensor c32 = LinearAlgebra.matmul(t, a.to(DType.F32), b.to(DType.F32), ta, tb);
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
            one = LinearAlgebra.matmul(Tape.inference(th), a, b).toFloatArray();
            oneT = LinearAlgebra.matmul(Tape.inference(th), a, a, true, false).toFloatArray();
        }
        try (Threads th = Threads.of(3)) {
            two = LinearAlgebra.matmul(Tape.inference(th), a, b).toFloatArray();
            twoT = LinearAlgebra.matmul(Tape.inference(th), a, a, true, false).toFloatArray();
        }
        assertArrayEquals(one, two);
        assertArrayEquals(oneT, twoT);
    }

    @ParameterizedTest(name = "width {0}, self {1}")
    @CsvSource({"1,0", "7,0", "8,0.5", "25,0", "25,-1.5", "33,2"})
    void sparseRowsOfTheVectorKernelEqualTheScalarFmaChainBitForBit(int w, double self) {
        SplittableRandom rng = new SplittableRandom(w);
        int n = 40;
        int[] offsets = new int[n + 1];
        int[] columns = new int[n * 6];
        double[] dv = new double[n * 6];
        float[] fv = new float[n * 6];
        for (int r = 0; r < n; r++) {
            offsets[r + 1] = offsets[r] + r % 7;
            for (int e = offsets[r]; e < offsets[r + 1]; e++) {
                columns[e] = rng.nextInt(n);
                dv[e] = rng.nextDouble(-1, 1);
                fv[e] = (float) dv[e];
            }
        }
        double[] xd = new double[n * w];
        float[] xf = new float[n * w];
        for (int i = 0; i < xd.length; i++) {
            xd[i] = rng.nextDouble(-1, 1);
            xf[i] = (float) xd[i];
        }
        double[] yd = new double[n * w];
        float[] yf = new float[n * w];
        new VectorGemm().sparseF64(offsets, columns, dv, xd, yd, w, self, 0, n);
        new VectorGemm().sparseF32(offsets, columns, fv, xf, yf, w, (float) self, 0, n);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                double s = self == 0 ? 0 : self * xd[r * w + j];
                float sf = self == 0 ? 0 : (float) self * xf[r * w + j];
                for (int e = offsets[r]; e < offsets[r + 1]; e++) {
                    s = Math.fma(dv[e], xd[columns[e] * w + j], s);
                    sf = Math.fma(fv[e], xf[columns[e] * w + j], sf);
                }
                assertEquals(s, yd[r * w + j], 0.0);
                assertEquals(sf, yf[r * w + j], 0.0f);
            }
        }
    }
}
