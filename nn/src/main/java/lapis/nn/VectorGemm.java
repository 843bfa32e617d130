package lapis.nn;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled product on {@code jdk.incubator.vector}: a 4-row by 2-vector tile of C (8 accumulators of
 * 16 floats or 8 doubles on AVX-512) stays in registers while p runs over a block of 256; each step loads two
 * vectors of B, broadcasts four scalars of A and issues eight fused multiply-adds. Each C element is one
 * sequential chain c = fma(a_ip, b_pj, c) over p (blocking over p only stores and reloads it), so every column
 * and row remainder gives the same bits as the tile, and any split of rows among threads the same result.
 *
 * <p>Measured on the 2-core AVX-512 EPYC for (2970 x 128)(128 x 128), warm JIT: float32 92-104 GFLOP/s on one
 * thread and 103-193 on two (machine shared); float64 44 on one thread. Loaded only when the JVM resolves the
 * incubator module ({@link Gemm}).
 */
final class VectorGemm implements GemmKernel {
    private static final int KC = 256;

    @Override
    public void f32(float[] a, int aOff, int sai, int sap, float[] b, int bOff, int ldb, float[] c, int cOff,
                    int ldc, int i0, int i1, int n, int k, boolean accumulate) {
        final VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
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
                final int a0 = aOff + i * sai;
                final int a1 = a0 + sai;
                final int a2 = a1 + sai;
                final int a3 = a2 + sai;
                final int c0 = cOff + i * ldc;
                final int c1 = c0 + ldc;
                final int c2 = c1 + ldc;
                final int c3 = c2 + ldc;
                int j = 0;
                for (; j + 2 * w <= n; j += 2 * w) {
                    FloatVector x00, x01, x10, x11, x20, x21, x30, x31;
                    if (load) {
                        x00 = FloatVector.fromArray(s, c, c0 + j);
                        x01 = FloatVector.fromArray(s, c, c0 + j + w);
                        x10 = FloatVector.fromArray(s, c, c1 + j);
                        x11 = FloatVector.fromArray(s, c, c1 + j + w);
                        x20 = FloatVector.fromArray(s, c, c2 + j);
                        x21 = FloatVector.fromArray(s, c, c2 + j + w);
                        x30 = FloatVector.fromArray(s, c, c3 + j);
                        x31 = FloatVector.fromArray(s, c, c3 + j + w);
                    } else {
                        x00 = FloatVector.zero(s);
                        x01 = x00;
                        x10 = x00;
                        x11 = x00;
                        x20 = x00;
                        x21 = x00;
                        x30 = x00;
                        x31 = x00;
                    }
                    for (int p = p0; p < p1; p++) {
                        final int bp = bOff + p * ldb + j;
                        final FloatVector b0 = FloatVector.fromArray(s, b, bp);
                        final FloatVector b1 = FloatVector.fromArray(s, b, bp + w);
                        final int ap = p * sap;
                        FloatVector av = FloatVector.broadcast(s, a[a0 + ap]);
                        x00 = av.fma(b0, x00);
                        x01 = av.fma(b1, x01);
                        av = FloatVector.broadcast(s, a[a1 + ap]);
                        x10 = av.fma(b0, x10);
                        x11 = av.fma(b1, x11);
                        av = FloatVector.broadcast(s, a[a2 + ap]);
                        x20 = av.fma(b0, x20);
                        x21 = av.fma(b1, x21);
                        av = FloatVector.broadcast(s, a[a3 + ap]);
                        x30 = av.fma(b0, x30);
                        x31 = av.fma(b1, x31);
                    }
                    x00.intoArray(c, c0 + j);
                    x01.intoArray(c, c0 + j + w);
                    x10.intoArray(c, c1 + j);
                    x11.intoArray(c, c1 + j + w);
                    x20.intoArray(c, c2 + j);
                    x21.intoArray(c, c2 + j + w);
                    x30.intoArray(c, c3 + j);
                    x31.intoArray(c, c3 + j + w);
                }
                for (; j + w <= n; j += w) {
                    FloatVector x0, x1, x2, x3;
                    if (load) {
                        x0 = FloatVector.fromArray(s, c, c0 + j);
                        x1 = FloatVector.fromArray(s, c, c1 + j);
                        x2 = FloatVector.fromArray(s, c, c2 + j);
                        x3 = FloatVector.fromArray(s, c, c3 + j);
                    } else {
                        x0 = FloatVector.zero(s);
                        x1 = x0;
                        x2 = x0;
                        x3 = x0;
                    }
                    for (int p = p0; p < p1; p++) {
                        final FloatVector b0 = FloatVector.fromArray(s, b, bOff + p * ldb + j);
                        final int ap = p * sap;
                        x0 = FloatVector.broadcast(s, a[a0 + ap]).fma(b0, x0);
                        x1 = FloatVector.broadcast(s, a[a1 + ap]).fma(b0, x1);
                        x2 = FloatVector.broadcast(s, a[a2 + ap]).fma(b0, x2);
                        x3 = FloatVector.broadcast(s, a[a3 + ap]).fma(b0, x3);
                    }
                    x0.intoArray(c, c0 + j);
                    x1.intoArray(c, c1 + j);
                    x2.intoArray(c, c2 + j);
                    x3.intoArray(c, c3 + j);
                }
                for (; j < n; j++) {
                    tailF(a, a0, sap, b, bOff + j, ldb, c, c0 + j, p0, p1, load);
                    tailF(a, a1, sap, b, bOff + j, ldb, c, c1 + j, p0, p1, load);
                    tailF(a, a2, sap, b, bOff + j, ldb, c, c2 + j, p0, p1, load);
                    tailF(a, a3, sap, b, bOff + j, ldb, c, c3 + j, p0, p1, load);
                }
            }
            for (; i < i1; i++) {
                final int a0 = aOff + i * sai;
                final int c0 = cOff + i * ldc;
                int j = 0;
                for (; j + w <= n; j += w) {
                    FloatVector x0 = load ? FloatVector.fromArray(s, c, c0 + j) : FloatVector.zero(s);
                    for (int p = p0; p < p1; p++) {
                        x0 = FloatVector.broadcast(s, a[a0 + p * sap]).fma(FloatVector.fromArray(s, b, bOff + p * ldb + j), x0);
                    }
                    x0.intoArray(c, c0 + j);
                }
                for (; j < n; j++) {
                    tailF(a, a0, sap, b, bOff + j, ldb, c, c0 + j, p0, p1, load);
                }
            }
        }
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
        final VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
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
                final int a0 = aOff + i * sai;
                final int a1 = a0 + sai;
                final int a2 = a1 + sai;
                final int a3 = a2 + sai;
                final int c0 = cOff + i * ldc;
                final int c1 = c0 + ldc;
                final int c2 = c1 + ldc;
                final int c3 = c2 + ldc;
                int j = 0;
                for (; j + 2 * w <= n; j += 2 * w) {
                    DoubleVector x00, x01, x10, x11, x20, x21, x30, x31;
                    if (load) {
                        x00 = DoubleVector.fromArray(s, c, c0 + j);
                        x01 = DoubleVector.fromArray(s, c, c0 + j + w);
                        x10 = DoubleVector.fromArray(s, c, c1 + j);
                        x11 = DoubleVector.fromArray(s, c, c1 + j + w);
                        x20 = DoubleVector.fromArray(s, c, c2 + j);
                        x21 = DoubleVector.fromArray(s, c, c2 + j + w);
                        x30 = DoubleVector.fromArray(s, c, c3 + j);
                        x31 = DoubleVector.fromArray(s, c, c3 + j + w);
                    } else {
                        x00 = DoubleVector.zero(s);
                        x01 = x00;
                        x10 = x00;
                        x11 = x00;
                        x20 = x00;
                        x21 = x00;
                        x30 = x00;
                        x31 = x00;
                    }
                    for (int p = p0; p < p1; p++) {
                        final int bp = bOff + p * ldb + j;
                        final DoubleVector b0 = DoubleVector.fromArray(s, b, bp);
                        final DoubleVector b1 = DoubleVector.fromArray(s, b, bp + w);
                        final int ap = p * sap;
                        DoubleVector av = DoubleVector.broadcast(s, a[a0 + ap]);
                        x00 = av.fma(b0, x00);
                        x01 = av.fma(b1, x01);
                        av = DoubleVector.broadcast(s, a[a1 + ap]);
                        x10 = av.fma(b0, x10);
                        x11 = av.fma(b1, x11);
                        av = DoubleVector.broadcast(s, a[a2 + ap]);
                        x20 = av.fma(b0, x20);
                        x21 = av.fma(b1, x21);
                        av = DoubleVector.broadcast(s, a[a3 + ap]);
                        x30 = av.fma(b0, x30);
                        x31 = av.fma(b1, x31);
                    }
                    x00.intoArray(c, c0 + j);
                    x01.intoArray(c, c0 + j + w);
                    x10.intoArray(c, c1 + j);
                    x11.intoArray(c, c1 + j + w);
                    x20.intoArray(c, c2 + j);
                    x21.intoArray(c, c2 + j + w);
                    x30.intoArray(c, c3 + j);
                    x31.intoArray(c, c3 + j + w);
                }
                for (; j + w <= n; j += w) {
                    DoubleVector x0, x1, x2, x3;
                    if (load) {
                        x0 = DoubleVector.fromArray(s, c, c0 + j);
                        x1 = DoubleVector.fromArray(s, c, c1 + j);
                        x2 = DoubleVector.fromArray(s, c, c2 + j);
                        x3 = DoubleVector.fromArray(s, c, c3 + j);
                    } else {
                        x0 = DoubleVector.zero(s);
                        x1 = x0;
                        x2 = x0;
                        x3 = x0;
                    }
                    for (int p = p0; p < p1; p++) {
                        final DoubleVector b0 = DoubleVector.fromArray(s, b, bOff + p * ldb + j);
                        final int ap = p * sap;
                        x0 = DoubleVector.broadcast(s, a[a0 + ap]).fma(b0, x0);
                        x1 = DoubleVector.broadcast(s, a[a1 + ap]).fma(b0, x1);
                        x2 = DoubleVector.broadcast(s, a[a2 + ap]).fma(b0, x2);
                        x3 = DoubleVector.broadcast(s, a[a3 + ap]).fma(b0, x3);
                    }
                    x0.intoArray(c, c0 + j);
                    x1.intoArray(c, c1 + j);
                    x2.intoArray(c, c2 + j);
                    x3.intoArray(c, c3 + j);
                }
                for (; j < n; j++) {
                    tailD(a, a0, sap, b, bOff + j, ldb, c, c0 + j, p0, p1, load);
                    tailD(a, a1, sap, b, bOff + j, ldb, c, c1 + j, p0, p1, load);
                    tailD(a, a2, sap, b, bOff + j, ldb, c, c2 + j, p0, p1, load);
                    tailD(a, a3, sap, b, bOff + j, ldb, c, c3 + j, p0, p1, load);
                }
            }
            for (; i < i1; i++) {
                final int a0 = aOff + i * sai;
                final int c0 = cOff + i * ldc;
                int j = 0;
                for (; j + w <= n; j += w) {
                    DoubleVector x0 = load ? DoubleVector.fromArray(s, c, c0 + j) : DoubleVector.zero(s);
                    for (int p = p0; p < p1; p++) {
                        x0 = DoubleVector.broadcast(s, a[a0 + p * sap]).fma(DoubleVector.fromArray(s, b, bOff + p * ldb + j), x0);
                    }
                    x0.intoArray(c, c0 + j);
                }
                for (; j < n; j++) {
                    tailD(a, a0, sap, b, bOff + j, ldb, c, c0 + j, p0, p1, load);
                }
            }
        }
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
}
