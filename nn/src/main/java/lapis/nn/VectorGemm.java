package lapis.nn;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled product on {@code jdk.incubator.vector}: a tile of 4 rows by 4 vectors of C (16 accumulators,
 * 4 x 64 floats or 4 x 32 doubles on AVX-512) stays in registers while p runs over a block of 256; each step loads
 * four vectors of B, broadcasts four scalars of A and issues sixteen fused multiply-adds. Leftover columns use
 * 4 x 1-vector tiles, then scalar fma; leftover rows use 1 x 1-vector tiles. Each C element is one sequential chain
 * c = fma(a_ip, b_pj, c) over p (blocking over p only stores and reloads it), so every remainder path gives the
 * same bits as the tile, and any split of rows among threads the same result.
 *
 * <p>Measured on the 2-core AVX-512 EPYC, (2970 x 128)(128 x 128), warm JIT, one thread: float32 92-104 GFLOP/s
 * with a 4 x 2 tile on a quiet machine; under load from other jobs the 4 x 4 tile ran 1.15-1.4x faster than
 * 4 x 2, most on X^T dY (k = 2970). Float64 reaches about half. Loaded only when the JVM resolves the incubator
 * module ({@link Gemm}).
 */
final class VectorGemm implements GemmKernel {
    private static final int KC = 256;
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void f32(float[] a, int aOff, int sai, int sap, float[] b, int bOff, int ldb, float[] c, int cOff,
                    int ldc, int i0, int i1, int n, int k, boolean accumulate) {
        final VectorSpecies<Float> s = FS;
        final int w = s.length();
        if (k == 0) {
            if (!accumulate) {
                for (int i = i0; i < i1; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0);
                }
            }
            return;
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            final int p1 = Math.min(k, p0 + KC);
            final boolean load = accumulate || p0 > 0;
            int i = i0;
            for (; i + 4 <= i1; i += 4) {
                final int ai = aOff + i * sai;
                final int ci = cOff + i * ldc;
                int j = 0;
                for (; j + 4 * w <= n; j += 4 * w) {
                    tile4x4F(a, ai, sai, sap, b, bOff + j, ldb, c, ci + j, ldc, p0, p1, load);
                }
                for (; j + w <= n; j += w) {
                    tile4x1F(a, ai, sai, sap, b, bOff + j, ldb, c, ci + j, ldc, p0, p1, load);
                }
                for (; j < n; j++) {
                    for (int r = 0; r < 4; r++) {
                        tailF(a, ai + r * sai, sap, b, bOff + j, ldb, c, ci + r * ldc + j, p0, p1, load);
                    }
                }
            }
            for (; i < i1; i++) {
                final int ai = aOff + i * sai;
                final int ci = cOff + i * ldc;
                int j = 0;
                for (; j + w <= n; j += w) {
                    FloatVector x = load ? FloatVector.fromArray(s, c, ci + j) : FloatVector.zero(s);
                    for (int p = p0; p < p1; p++) {
                        x = FloatVector.broadcast(s, a[ai + p * sap]).fma(FloatVector.fromArray(s, b, bOff + p * ldb + j), x);
                    }
                    x.intoArray(c, ci + j);
                }
                for (; j < n; j++) {
                    tailF(a, ai, sap, b, bOff + j, ldb, c, ci + j, p0, p1, load);
                }
            }
        }
    }

    /** C[4 rows, 4 vectors] at c0 (+)= A[4 rows, p0..p1) B[p0..p1, 4 vectors at b0]: 16 accumulators. */
    private static void tile4x4F(float[] a, int a0, int sai, int sap, float[] b, int b0, int ldb,
                                 float[] c, int c0, int ldc, int p0, int p1, boolean load) {
        final VectorSpecies<Float> s = FS;
        final int w = s.length();
        FloatVector x00 = load ? FloatVector.fromArray(s, c, c0 + 0 * ldc + 0 * w) : FloatVector.zero(s);
        FloatVector x01 = load ? FloatVector.fromArray(s, c, c0 + 0 * ldc + 1 * w) : FloatVector.zero(s);
        FloatVector x02 = load ? FloatVector.fromArray(s, c, c0 + 0 * ldc + 2 * w) : FloatVector.zero(s);
        FloatVector x03 = load ? FloatVector.fromArray(s, c, c0 + 0 * ldc + 3 * w) : FloatVector.zero(s);
        FloatVector x10 = load ? FloatVector.fromArray(s, c, c0 + 1 * ldc + 0 * w) : FloatVector.zero(s);
        FloatVector x11 = load ? FloatVector.fromArray(s, c, c0 + 1 * ldc + 1 * w) : FloatVector.zero(s);
        FloatVector x12 = load ? FloatVector.fromArray(s, c, c0 + 1 * ldc + 2 * w) : FloatVector.zero(s);
        FloatVector x13 = load ? FloatVector.fromArray(s, c, c0 + 1 * ldc + 3 * w) : FloatVector.zero(s);
        FloatVector x20 = load ? FloatVector.fromArray(s, c, c0 + 2 * ldc + 0 * w) : FloatVector.zero(s);
        FloatVector x21 = load ? FloatVector.fromArray(s, c, c0 + 2 * ldc + 1 * w) : FloatVector.zero(s);
        FloatVector x22 = load ? FloatVector.fromArray(s, c, c0 + 2 * ldc + 2 * w) : FloatVector.zero(s);
        FloatVector x23 = load ? FloatVector.fromArray(s, c, c0 + 2 * ldc + 3 * w) : FloatVector.zero(s);
        FloatVector x30 = load ? FloatVector.fromArray(s, c, c0 + 3 * ldc + 0 * w) : FloatVector.zero(s);
        FloatVector x31 = load ? FloatVector.fromArray(s, c, c0 + 3 * ldc + 1 * w) : FloatVector.zero(s);
        FloatVector x32 = load ? FloatVector.fromArray(s, c, c0 + 3 * ldc + 2 * w) : FloatVector.zero(s);
        FloatVector x33 = load ? FloatVector.fromArray(s, c, c0 + 3 * ldc + 3 * w) : FloatVector.zero(s);
        for (int p = p0; p < p1; p++) {
            final int bp = b0 + p * ldb;
            final FloatVector bv0 = FloatVector.fromArray(s, b, bp + 0 * w);
            final FloatVector bv1 = FloatVector.fromArray(s, b, bp + 1 * w);
            final FloatVector bv2 = FloatVector.fromArray(s, b, bp + 2 * w);
            final FloatVector bv3 = FloatVector.fromArray(s, b, bp + 3 * w);
            final int ap = a0 + p * sap;
            FloatVector av0 = FloatVector.broadcast(s, a[ap + 0 * sai]);
            x00 = av0.fma(bv0, x00);
            x01 = av0.fma(bv1, x01);
            x02 = av0.fma(bv2, x02);
            x03 = av0.fma(bv3, x03);
            FloatVector av1 = FloatVector.broadcast(s, a[ap + 1 * sai]);
            x10 = av1.fma(bv0, x10);
            x11 = av1.fma(bv1, x11);
            x12 = av1.fma(bv2, x12);
            x13 = av1.fma(bv3, x13);
            FloatVector av2 = FloatVector.broadcast(s, a[ap + 2 * sai]);
            x20 = av2.fma(bv0, x20);
            x21 = av2.fma(bv1, x21);
            x22 = av2.fma(bv2, x22);
            x23 = av2.fma(bv3, x23);
            FloatVector av3 = FloatVector.broadcast(s, a[ap + 3 * sai]);
            x30 = av3.fma(bv0, x30);
            x31 = av3.fma(bv1, x31);
            x32 = av3.fma(bv2, x32);
            x33 = av3.fma(bv3, x33);
        }
        x00.intoArray(c, c0 + 0 * ldc + 0 * w);
        x01.intoArray(c, c0 + 0 * ldc + 1 * w);
        x02.intoArray(c, c0 + 0 * ldc + 2 * w);
        x03.intoArray(c, c0 + 0 * ldc + 3 * w);
        x10.intoArray(c, c0 + 1 * ldc + 0 * w);
        x11.intoArray(c, c0 + 1 * ldc + 1 * w);
        x12.intoArray(c, c0 + 1 * ldc + 2 * w);
        x13.intoArray(c, c0 + 1 * ldc + 3 * w);
        x20.intoArray(c, c0 + 2 * ldc + 0 * w);
        x21.intoArray(c, c0 + 2 * ldc + 1 * w);
        x22.intoArray(c, c0 + 2 * ldc + 2 * w);
        x23.intoArray(c, c0 + 2 * ldc + 3 * w);
        x30.intoArray(c, c0 + 3 * ldc + 0 * w);
        x31.intoArray(c, c0 + 3 * ldc + 1 * w);
        x32.intoArray(c, c0 + 3 * ldc + 2 * w);
        x33.intoArray(c, c0 + 3 * ldc + 3 * w);
    }

    /** C[4 rows, 1 vector] at c0 (+)= A[4 rows, p0..p1) B[p0..p1, 1 vector at b0]. */
    private static void tile4x1F(float[] a, int a0, int sai, int sap, float[] b, int b0, int ldb,
                                 float[] c, int c0, int ldc, int p0, int p1, boolean load) {
        final VectorSpecies<Float> s = FS;
        FloatVector x0 = load ? FloatVector.fromArray(s, c, c0 + 0 * ldc) : FloatVector.zero(s);
        FloatVector x1 = load ? FloatVector.fromArray(s, c, c0 + 1 * ldc) : FloatVector.zero(s);
        FloatVector x2 = load ? FloatVector.fromArray(s, c, c0 + 2 * ldc) : FloatVector.zero(s);
        FloatVector x3 = load ? FloatVector.fromArray(s, c, c0 + 3 * ldc) : FloatVector.zero(s);
        for (int p = p0; p < p1; p++) {
            final FloatVector bv = FloatVector.fromArray(s, b, b0 + p * ldb);
            final int ap = a0 + p * sap;
            x0 = FloatVector.broadcast(s, a[ap + 0 * sai]).fma(bv, x0);
            x1 = FloatVector.broadcast(s, a[ap + 1 * sai]).fma(bv, x1);
            x2 = FloatVector.broadcast(s, a[ap + 2 * sai]).fma(bv, x2);
            x3 = FloatVector.broadcast(s, a[ap + 3 * sai]).fma(bv, x3);
        }
        x0.intoArray(c, c0 + 0 * ldc);
        x1.intoArray(c, c0 + 1 * ldc);
        x2.intoArray(c, c0 + 2 * ldc);
        x3.intoArray(c, c0 + 3 * ldc);
    }

    /** One element: c = fma(a_p, b_p, c) for p in [p0, p1), the same rounding as a vector lane. */
    private static void tailF(float[] a, int a0, int sap, float[] b, int bj, int ldb, float[] c, int cij, int p0,
                              int p1, boolean load) {
        float x = load ? c[cij] : 0;
        for (int p = p0; p < p1; p++) {
            x = Math.fma(a[a0 + p * sap], b[bj + p * ldb], x);
        }
        c[cij] = x;
    }

    @Override
    public void f64(double[] a, int aOff, int sai, int sap, double[] b, int bOff, int ldb, double[] c, int cOff,
                    int ldc, int i0, int i1, int n, int k, boolean accumulate) {
        final VectorSpecies<Double> s = DS;
        final int w = s.length();
        if (k == 0) {
            if (!accumulate) {
                for (int i = i0; i < i1; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0);
                }
            }
            return;
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            final int p1 = Math.min(k, p0 + KC);
            final boolean load = accumulate || p0 > 0;
            int i = i0;
            for (; i + 4 <= i1; i += 4) {
                final int ai = aOff + i * sai;
                final int ci = cOff + i * ldc;
                int j = 0;
                for (; j + 4 * w <= n; j += 4 * w) {
                    tile4x4D(a, ai, sai, sap, b, bOff + j, ldb, c, ci + j, ldc, p0, p1, load);
                }
                for (; j + w <= n; j += w) {
                    tile4x1D(a, ai, sai, sap, b, bOff + j, ldb, c, ci + j, ldc, p0, p1, load);
                }
                for (; j < n; j++) {
                    for (int r = 0; r < 4; r++) {
                        tailD(a, ai + r * sai, sap, b, bOff + j, ldb, c, ci + r * ldc + j, p0, p1, load);
                    }
                }
            }
            for (; i < i1; i++) {
                final int ai = aOff + i * sai;
                final int ci = cOff + i * ldc;
                int j = 0;
                for (; j + w <= n; j += w) {
                    DoubleVector x = load ? DoubleVector.fromArray(s, c, ci + j) : DoubleVector.zero(s);
                    for (int p = p0; p < p1; p++) {
                        x = DoubleVector.broadcast(s, a[ai + p * sap]).fma(DoubleVector.fromArray(s, b, bOff + p * ldb + j), x);
                    }
                    x.intoArray(c, ci + j);
                }
                for (; j < n; j++) {
                    tailD(a, ai, sap, b, bOff + j, ldb, c, ci + j, p0, p1, load);
                }
            }
        }
    }

    /** C[4 rows, 4 vectors] at c0 (+)= A[4 rows, p0..p1) B[p0..p1, 4 vectors at b0]: 16 accumulators. */
    private static void tile4x4D(double[] a, int a0, int sai, int sap, double[] b, int b0, int ldb,
                                 double[] c, int c0, int ldc, int p0, int p1, boolean load) {
        final VectorSpecies<Double> s = DS;
        final int w = s.length();
        DoubleVector x00 = load ? DoubleVector.fromArray(s, c, c0 + 0 * ldc + 0 * w) : DoubleVector.zero(s);
        DoubleVector x01 = load ? DoubleVector.fromArray(s, c, c0 + 0 * ldc + 1 * w) : DoubleVector.zero(s);
        DoubleVector x02 = load ? DoubleVector.fromArray(s, c, c0 + 0 * ldc + 2 * w) : DoubleVector.zero(s);
        DoubleVector x03 = load ? DoubleVector.fromArray(s, c, c0 + 0 * ldc + 3 * w) : DoubleVector.zero(s);
        DoubleVector x10 = load ? DoubleVector.fromArray(s, c, c0 + 1 * ldc + 0 * w) : DoubleVector.zero(s);
        DoubleVector x11 = load ? DoubleVector.fromArray(s, c, c0 + 1 * ldc + 1 * w) : DoubleVector.zero(s);
        DoubleVector x12 = load ? DoubleVector.fromArray(s, c, c0 + 1 * ldc + 2 * w) : DoubleVector.zero(s);
        DoubleVector x13 = load ? DoubleVector.fromArray(s, c, c0 + 1 * ldc + 3 * w) : DoubleVector.zero(s);
        DoubleVector x20 = load ? DoubleVector.fromArray(s, c, c0 + 2 * ldc + 0 * w) : DoubleVector.zero(s);
        DoubleVector x21 = load ? DoubleVector.fromArray(s, c, c0 + 2 * ldc + 1 * w) : DoubleVector.zero(s);
        DoubleVector x22 = load ? DoubleVector.fromArray(s, c, c0 + 2 * ldc + 2 * w) : DoubleVector.zero(s);
        DoubleVector x23 = load ? DoubleVector.fromArray(s, c, c0 + 2 * ldc + 3 * w) : DoubleVector.zero(s);
        DoubleVector x30 = load ? DoubleVector.fromArray(s, c, c0 + 3 * ldc + 0 * w) : DoubleVector.zero(s);
        DoubleVector x31 = load ? DoubleVector.fromArray(s, c, c0 + 3 * ldc + 1 * w) : DoubleVector.zero(s);
        DoubleVector x32 = load ? DoubleVector.fromArray(s, c, c0 + 3 * ldc + 2 * w) : DoubleVector.zero(s);
        DoubleVector x33 = load ? DoubleVector.fromArray(s, c, c0 + 3 * ldc + 3 * w) : DoubleVector.zero(s);
        for (int p = p0; p < p1; p++) {
            final int bp = b0 + p * ldb;
            final DoubleVector bv0 = DoubleVector.fromArray(s, b, bp + 0 * w);
            final DoubleVector bv1 = DoubleVector.fromArray(s, b, bp + 1 * w);
            final DoubleVector bv2 = DoubleVector.fromArray(s, b, bp + 2 * w);
            final DoubleVector bv3 = DoubleVector.fromArray(s, b, bp + 3 * w);
            final int ap = a0 + p * sap;
            DoubleVector av0 = DoubleVector.broadcast(s, a[ap + 0 * sai]);
            x00 = av0.fma(bv0, x00);
            x01 = av0.fma(bv1, x01);
            x02 = av0.fma(bv2, x02);
            x03 = av0.fma(bv3, x03);
            DoubleVector av1 = DoubleVector.broadcast(s, a[ap + 1 * sai]);
            x10 = av1.fma(bv0, x10);
            x11 = av1.fma(bv1, x11);
            x12 = av1.fma(bv2, x12);
            x13 = av1.fma(bv3, x13);
            DoubleVector av2 = DoubleVector.broadcast(s, a[ap + 2 * sai]);
            x20 = av2.fma(bv0, x20);
            x21 = av2.fma(bv1, x21);
            x22 = av2.fma(bv2, x22);
            x23 = av2.fma(bv3, x23);
            DoubleVector av3 = DoubleVector.broadcast(s, a[ap + 3 * sai]);
            x30 = av3.fma(bv0, x30);
            x31 = av3.fma(bv1, x31);
            x32 = av3.fma(bv2, x32);
            x33 = av3.fma(bv3, x33);
        }
        x00.intoArray(c, c0 + 0 * ldc + 0 * w);
        x01.intoArray(c, c0 + 0 * ldc + 1 * w);
        x02.intoArray(c, c0 + 0 * ldc + 2 * w);
        x03.intoArray(c, c0 + 0 * ldc + 3 * w);
        x10.intoArray(c, c0 + 1 * ldc + 0 * w);
        x11.intoArray(c, c0 + 1 * ldc + 1 * w);
        x12.intoArray(c, c0 + 1 * ldc + 2 * w);
        x13.intoArray(c, c0 + 1 * ldc + 3 * w);
        x20.intoArray(c, c0 + 2 * ldc + 0 * w);
        x21.intoArray(c, c0 + 2 * ldc + 1 * w);
        x22.intoArray(c, c0 + 2 * ldc + 2 * w);
        x23.intoArray(c, c0 + 2 * ldc + 3 * w);
        x30.intoArray(c, c0 + 3 * ldc + 0 * w);
        x31.intoArray(c, c0 + 3 * ldc + 1 * w);
        x32.intoArray(c, c0 + 3 * ldc + 2 * w);
        x33.intoArray(c, c0 + 3 * ldc + 3 * w);
    }

    /** C[4 rows, 1 vector] at c0 (+)= A[4 rows, p0..p1) B[p0..p1, 1 vector at b0]. */
    private static void tile4x1D(double[] a, int a0, int sai, int sap, double[] b, int b0, int ldb,
                                 double[] c, int c0, int ldc, int p0, int p1, boolean load) {
        final VectorSpecies<Double> s = DS;
        DoubleVector x0 = load ? DoubleVector.fromArray(s, c, c0 + 0 * ldc) : DoubleVector.zero(s);
        DoubleVector x1 = load ? DoubleVector.fromArray(s, c, c0 + 1 * ldc) : DoubleVector.zero(s);
        DoubleVector x2 = load ? DoubleVector.fromArray(s, c, c0 + 2 * ldc) : DoubleVector.zero(s);
        DoubleVector x3 = load ? DoubleVector.fromArray(s, c, c0 + 3 * ldc) : DoubleVector.zero(s);
        for (int p = p0; p < p1; p++) {
            final DoubleVector bv = DoubleVector.fromArray(s, b, b0 + p * ldb);
            final int ap = a0 + p * sap;
            x0 = DoubleVector.broadcast(s, a[ap + 0 * sai]).fma(bv, x0);
            x1 = DoubleVector.broadcast(s, a[ap + 1 * sai]).fma(bv, x1);
            x2 = DoubleVector.broadcast(s, a[ap + 2 * sai]).fma(bv, x2);
            x3 = DoubleVector.broadcast(s, a[ap + 3 * sai]).fma(bv, x3);
        }
        x0.intoArray(c, c0 + 0 * ldc);
        x1.intoArray(c, c0 + 1 * ldc);
        x2.intoArray(c, c0 + 2 * ldc);
        x3.intoArray(c, c0 + 3 * ldc);
    }

    /** One element: c = fma(a_p, b_p, c) for p in [p0, p1), the same rounding as a vector lane. */
    private static void tailD(double[] a, int a0, int sap, double[] b, int bj, int ldb, double[] c, int cij, int p0,
                              int p1, boolean load) {
        double x = load ? c[cij] : 0;
        for (int p = p0; p < p1; p++) {
            x = Math.fma(a[a0 + p * sap], b[bj + p * ldb], x);
        }
        c[cij] = x;
    }

    /**
     * Per row, blocks of one 256-bit vector of Y accumulate in a register over the row's entries (a broadcast of
     * the entry times a vector of X's row), then the leftover columns by scalar fma; the self term starts each chain
     * (0 when self = 0, whatever X holds). 256-bit vectors and a scalar tail measured faster than full-width vectors
     * with a masked tail for the narrow rows of a basis (25 columns: 1.8 against 6 ms for 142,000 entries).
     */
    @Override
    public void sparseF32(int[] offsets, int[] columns, float[] values, float[] x, float[] y, int w, float self,
                          int r0, int r1) {
        final VectorSpecies<Float> s = FloatVector.SPECIES_256;
        final int full = w - w % s.length();
        for (int r = r0; r < r1; r++) {
            int o = r * w;
            int k0 = offsets[r];
            int k1 = offsets[r + 1];
            for (int j = 0; j < full; j += s.length()) {
                FloatVector acc = self == 0 ? FloatVector.zero(s) : FloatVector.fromArray(s, x, o + j).mul(self);
                for (int k = k0; k < k1; k++) {
                    acc = FloatVector.fromArray(s, x, columns[k] * w + j).fma(FloatVector.broadcast(s, values[k]),
                            acc);
                }
                acc.intoArray(y, o + j);
            }
            for (int j = full; j < w; j++) {
                float acc = self == 0 ? 0 : self * x[o + j];
                for (int k = k0; k < k1; k++) {
                    acc = Math.fma(values[k], x[columns[k] * w + j], acc);
                }
                y[o + j] = acc;
            }
        }
    }

    @Override
    public void sparseF64(int[] offsets, int[] columns, double[] values, double[] x, double[] y, int w, double self,
                          int r0, int r1) {
        final VectorSpecies<Double> s = DoubleVector.SPECIES_256;
        final int full = w - w % s.length();
        for (int r = r0; r < r1; r++) {
            int o = r * w;
            int k0 = offsets[r];
            int k1 = offsets[r + 1];
            for (int j = 0; j < full; j += s.length()) {
                DoubleVector acc = self == 0 ? DoubleVector.zero(s) : DoubleVector.fromArray(s, x, o + j).mul(self);
                for (int k = k0; k < k1; k++) {
                    acc = DoubleVector.fromArray(s, x, columns[k] * w + j).fma(DoubleVector.broadcast(s, values[k]),
                            acc);
                }
                acc.intoArray(y, o + j);
            }
            for (int j = full; j < w; j++) {
                double acc = self == 0 ? 0 : self * x[o + j];
                for (int k = k0; k < k1; k++) {
                    acc = Math.fma(values[k], x[columns[k] * w + j], acc);
                }
                y[o + j] = acc;
            }
        }
    }
}
