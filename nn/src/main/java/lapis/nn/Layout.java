package lapis.nn;

import java.util.Arrays;

/** Copies that move elements: transpose, concatenation and slices along the first or the last axis. */
final class Layout {
    private Layout() {
    }

    /** The last two axes swapped (a rank-2 transpose, or one per matrix of a rank-3 batch). */
    static Tensor transpose(Tensor x, Tape t) {
        int[] s = x.shapeView();
        int batch = s.length == 3 ? s[0] : 1;
        int r = s[s.length - 2];
        int c = s[s.length - 1];
        int[] shape = s.clone();
        shape[s.length - 2] = c;
        shape[s.length - 1] = r;
        Tensor out = t.alloc(x.dtype(), shape, false);
        final int block = 32;
        for (int q = 0; q < batch; q++) {
            int off = q * r * c;
            for (int i0 = 0; i0 < r; i0 += block) {
                for (int j0 = 0; j0 < c; j0 += block) {
                    int i1 = Math.min(r, i0 + block);
                    int j1 = Math.min(c, j0 + block);
                    for (int i = i0; i < i1; i++) {
                        for (int j = j0; j < j1; j++) {
                            if (x.f != null) {
                                out.f[off + j * r + i] = x.f[off + i * c + j];
                            } else {
                                out.d[off + j * r + i] = x.d[off + i * c + j];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Axis 0 or the last axis, as a pair (outer, inner) of block counts: x is outer x axisLen x inner. */
    private static int outer(int[] s, int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= s[i];
        }
        return n;
    }

    private static int inner(int[] s, int axis) {
        int n = 1;
        for (int i = axis + 1; i < s.length; i++) {
            n *= s[i];
        }
        return n;
    }

    static Tensor concat(int axis, Tensor[] parts, Tape t) {
        int[] shape = parts[0].shapeView().clone();
        int total = 0;
        for (Tensor p : parts) {
            total += p.shapeView()[axis];
        }
        shape[axis] = total;
        Tensor out = t.alloc(parts[0].dtype(), shape, false);
        int outer = outer(shape, axis);
        int inner = inner(shape, axis);
        int at = 0;
        for (Tensor p : parts) {
            int len = p.shapeView()[axis] * inner;
            for (int o = 0; o < outer; o++) {
                if (p.f != null) {
                    System.arraycopy(p.f, o * len, out.f, o * total * inner + at, len);
                } else {
                    System.arraycopy(p.d, o * len, out.d, o * total * inner + at, len);
                }
            }
            at += len;
        }
        return out;
    }

    /** Indices [from, to) along {@code axis}. */
    static Tensor slice(Tensor x, int axis, int from, int to, Tape t) {
        int[] s = x.shapeView();
        int[] shape = s.clone();
        shape[axis] = to - from;
        Tensor out = t.alloc(x.dtype(), shape, false);
        int outer = outer(s, axis);
        int inner = inner(s, axis);
        int len = (to - from) * inner;
        for (int o = 0; o < outer; o++) {
            int src = (o * s[axis] + from) * inner;
            if (x.f != null) {
                System.arraycopy(x.f, src, out.f, o * len, len);
            } else {
                System.arraycopy(x.d, src, out.d, o * len, len);
            }
        }
        return out;
    }

    /** The adjoint of {@link #slice}: g placed at [from, from + len) along {@code axis} of zeros of {@code shape}. */
    static Tensor place(Tensor g, int[] shape, int axis, int from, Tape t) {
        Tensor out = t.alloc(g.dtype(), shape.clone(), true);
        int outer = outer(shape, axis);
        int inner = inner(shape, axis);
        int len = g.shapeView()[axis] * inner;
        for (int o = 0; o < outer; o++) {
            int dst = (o * shape[axis] + from) * inner;
            if (g.f != null) {
                System.arraycopy(g.f, o * len, out.f, dst, len);
            } else {
                System.arraycopy(g.d, o * len, out.d, dst, len);
            }
        }
        return out;
    }

    static String shapes(Tensor[] parts) {
        StringBuilder sb = new StringBuilder();
        for (Tensor p : parts) {
            sb.append(sb.length() == 0 ? "" : ", ").append(Arrays.toString(p.shapeView()));
        }
        return sb.toString();
    }
}
