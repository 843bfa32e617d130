package lapis.nn;

/**
 * Dense matrix products C = op(A) op(B), the operation that decides training speed.
 *
 * <p><b>Route, chosen by measurement</b> (2-core AVX-512 EPYC, Java 17, product (2970 x 128)(128 x 128) as in one
 * GINE layer of a ZINC batch; methods.md section 7 for the other routes): a register-tiled kernel on
 * {@code jdk.incubator.vector} ({@link VectorGemm}) reaches 92-104 GFLOP/s float32 on one thread and up to 193 on
 * two, against 7 for EJML, 32 for netlib's VectorBLAS, 42 for the bundled org.bytedeco OpenBLAS and 129 for the
 * system OpenBLAS that PyTorch uses (which a fresh machine does not have: it gets Debian's reference BLAS). So
 * the engine needs no native library and no new dependency. The price is the incubator flag:
 * {@code --add-modules jdk.incubator.vector} at compile time (set in nn/pom.xml) and at run time, where the JVM
 * prints one warning line to stderr. Without the flag at run time, {@link ScalarGemm} runs instead (plain loops,
 * 4.5-6 GFLOP/s): same API, about 20x slower products, and the GINE training step drops from about 1,260 to 149
 * graphs/s. {@link #route()} says which one is active.
 *
 * <p>Products are split over threads by blocks of 4 rows of C; since every C element is one sequential
 * multiply-add chain, the split does not change results (see {@link Threads}). op(B) = B^T is packed into a
 * row-major copy first (O(kn), against O(mnk) for the product).
 */
public final class Gemm {
    private static final GemmKernel KERNEL = load();
    private static final int MIN_PARALLEL_FLOPS = 1 << 18;

    private Gemm() {
    }

    private static GemmKernel load() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (GemmKernel) Class.forName("lapis.nn.VectorGemm").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarGemm();
            }
        }
        return new ScalarGemm();
    }

    /** Rows [r0, r1) of Y = self X + S X for S in compressed sparse rows ({@link GemmKernel#sparseF32}). */
    static void sparseRows(int[] offsets, int[] columns, float[] fv, double[] dv, Tensor x, Tensor y, int w,
                           double self, int r0, int r1) {
        if (x.f != null) {
            KERNEL.sparseF32(offsets, columns, fv, x.f, y.f, w, (float) self, r0, r1);
        } else {
            KERNEL.sparseF64(offsets, columns, dv, x.d, y.d, w, self, r0, r1);
        }
    }

    /** Which kernel runs: "jdk.incubator.vector" or "scalar (run with --add-modules jdk.incubator.vector)". */
    public static String route() {
        return KERNEL instanceof ScalarGemm ? "scalar (run with --add-modules jdk.incubator.vector)"
                : "jdk.incubator.vector";
    }

    /**
     * For each of {@code batch} matrices: C = op(A) op(B), or C += op(A) op(B) when {@code accumulate}. op(A) is
     * m x k (A stored k x m when {@code ta}), op(B) is k x n (B stored n x k when {@code tb}), C is m x n; the
     * matrices of a batch follow each other in the arrays. A, B: not modified. C: modified.
     */
    static void multiply(Tensor a, boolean ta, Tensor b, boolean tb, Tensor c, int batch, int m, int n, int k,
                         boolean accumulate, Threads threads) {
        int tiles = (m + 3) / 4;
        long flops = 2L * batch * m * n * k;
        int grain = flops < MIN_PARALLEL_FLOPS ? batch * tiles : Math.max(1, (int) (batch * tiles
                * (long) MIN_PARALLEL_FLOPS / flops));
        int sai = ta ? 1 : k;
        int sap = ta ? m : 1;
        if (a.f != null) {
            float[] bv = tb ? packTransposedF(b.f, batch, k, n) : b.f;
            threads.forRange(batch * tiles, grain, (lo, hi) -> {
                for (int t = lo; t < hi; ) {
                    int q = t / tiles;
                    int end = Math.min(hi, (q + 1) * tiles);
                    int i0 = (t - q * tiles) * 4;
                    int i1 = Math.min(m, (end - q * tiles) * 4);
                    KERNEL.f32(a.f, q * m * k, sai, sap, bv, q * k * n, n, c.f, q * m * n, n, i0, i1, n, k,
                            accumulate);
                    t = end;
                }
            });
        } else {
            double[] bv = tb ? packTransposedD(b.d, batch, k, n) : b.d;
            threads.forRange(batch * tiles, grain, (lo, hi) -> {
                for (int t = lo; t < hi; ) {
                    int q = t / tiles;
                    int end = Math.min(hi, (q + 1) * tiles);
                    int i0 = (t - q * tiles) * 4;
                    int i1 = Math.min(m, (end - q * tiles) * 4);
                    KERNEL.f64(a.d, q * m * k, sai, sap, bv, q * k * n, n, c.d, q * m * n, n, i0, i1, n, k,
                            accumulate);
                    t = end;
                }
            });
        }
    }

    /** B stored n x k per batch entry, returned as k x n row-major. */
    private static float[] packTransposedF(float[] b, int batch, int k, int n) {
        float[] out = new float[batch * k * n];
        for (int q = 0; q < batch; q++) {
            int off = q * k * n;
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    out[off + p * n + j] = b[off + j * k + p];
                }
            }
        }
        return out;
    }

    private static double[] packTransposedD(double[] b, int batch, int k, int n) {
        double[] out = new double[batch * k * n];
        for (int q = 0; q < batch; q++) {
            int off = q * k * n;
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    out[off + p * n + j] = b[off + j * k + p];
                }
            }
        }
        return out;
    }
}
