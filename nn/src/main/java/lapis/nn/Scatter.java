package lapis.nn;

/**
 * Row gathers and scatter-sums through an {@link Index}: y[k] = x[idx[k]] and z[i] = sum over k with idx[k] = i
 * of y[k], each k in increasing order. A "row" is everything after the first axis. Gather splits over k and
 * scatter over i, so both are deterministic on any number of threads.
 */
final class Scatter {
    private static final int GRAIN = 1 << 14;

    private Scatter() {
    }

    static Tensor gather(Tensor x, Index idx, Tape t) {
        int[] shape = x.shapeView().clone();
        shape[0] = idx.size();
        Tensor out = t.alloc(x.dtype(), shape, false);
        int w = x.size() / Math.max(1, x.shapeView()[0]);
        int[] v = idx.valuesView();
        t.threads().forRange(v.length, Math.max(1, GRAIN / Math.max(1, w)), (k0, k1) -> {
            for (int k = k0; k < k1; k++) {
                if (x.f != null) {
                    System.arraycopy(x.f, v[k] * w, out.f, k * w, w);
                } else {
                    System.arraycopy(x.d, v[k] * w, out.d, k * w, w);
                }
            }
        });
        return out;
    }

    static Tensor scatterSum(Tensor y, Index idx, Tape t) {
        int[] shape = y.shapeView().clone();
        shape[0] = idx.range();
        Tensor out = t.alloc(y.dtype(), shape, true);
        int w = y.size() / Math.max(1, y.shapeView()[0]);
        int[] starts = idx.startsView();
        int[] order = idx.orderView();
        t.threads().forRange(idx.range(), Math.max(1, GRAIN / Math.max(1, w)), (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                int o = i * w;
                for (int e = starts[i]; e < starts[i + 1]; e++) {
                    int src = order[e] * w;
                    if (y.f != null) {
                        float[] ys = y.f;
                        float[] zs = out.f;
                        for (int j = 0; j < w; j++) {
                            zs[o + j] += ys[src + j];
                        }
                    } else {
                        double[] ys = y.d;
                        double[] zs = out.d;
                        for (int j = 0; j < w; j++) {
                            zs[o + j] += ys[src + j];
                        }
                    }
                }
            }
        });
        return out;
    }
}
