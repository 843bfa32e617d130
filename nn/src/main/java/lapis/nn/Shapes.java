package lapis.nn;

import static lapis.nn.Tape.grads;

import java.util.Arrays;
import java.util.Objects;

/**
 * Operations that keep the values and change their arrangement or type: reshape (shares the array), cast,
 * transpose, concatenation and slices. Each backward rule is the inverse arrangement: reshape back, cast back,
 * transpose, slice, or place into zeros. Cost O(size), reshape O(1).
 */
public final class Shapes {
    private Shapes() {
    }

    /** The same values with another shape of equal size; one dimension may be -1. Shares the array. */
    public static Tensor reshape(Tape tape, Tensor x, int... shape) {
        int[] s = shape.clone();
        int free = -1;
        int known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && free < 0) {
                free = i;
            } else {
                known *= s[i];
            }
        }
        if (free >= 0 && known > 0) {
            s[free] = x.size() / known;
        }
        if (Tensor.sizeOf(s) != x.size() || s.length > 3) {
            throw new IllegalArgumentException("reshape: shape " + Arrays.toString(x.shapeView()) + " cannot become "
                    + Arrays.toString(shape));
        }
        if (Arrays.equals(s, x.shapeView())) {
            return x;
        }
        Tensor out = new Tensor(s, x.f, x.d, false, null, -1);
        int[] back = x.shapeView();
        return tape.record(out, "reshape", (t, g, o) -> grads(reshape(t, g, back)), x);
    }

    /**
     * The same values in another element type (float64 for the Gram matrix of a float32 network's outputs, say).
     * Backward: the gradient converted back to x's type. O(size); x itself when the types agree.
     */
    public static Tensor cast(Tape tape, Tensor x, DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (x.dtype() == dtype) {
            return x;
        }
        Tensor out = tape.alloc(dtype, x.shapeView().clone(), false);
        int n = x.size();
        if (dtype == DType.F64) {
            for (int i = 0; i < n; i++) {
                out.d[i] = x.f[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out.f[i] = (float) x.d[i];
            }
        }
        DType back = x.dtype();
        return tape.record(out, "cast", (t, g, o) -> grads(cast(t, g, back)), x);
    }

    /** The transpose of a matrix, or of each matrix of a rank-3 batch. */
    public static Tensor transpose(Tape tape, Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("transpose of shape " + Arrays.toString(x.shapeView()));
        }
        return tape.record(Layout.transpose(x, tape), "transpose", (t, g, o) -> grads(transpose(t, g)), x);
    }

    /** The parts joined along axis 0 or the last axis; all other dimensions must agree. */
    public static Tensor concat(Tape tape, int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat of nothing");
        }
        int rank = parts[0].rank();
        int ax = axis < 0 ? rank + axis : axis;
        if (rank == 0 || ax < 0 || ax >= rank) {
            throw new IllegalArgumentException("concat: axis " + axis + " for shapes " + Layout.shapes(parts));
        }
        for (Tensor p : parts) {
            boolean ok = p.rank() == rank && p.dtype() == parts[0].dtype();
            for (int i = 0; ok && i < rank; i++) {
                ok = i == ax || p.dim(i) == parts[0].dim(i);
            }
            if (!ok) {
                throw new IllegalArgumentException("concat along axis " + axis + ": shapes " + Layout.shapes(parts)
                        + " (types must agree too)");
            }
        }
        Tensor out = Layout.concat(ax, parts, tape);
        Tensor[] ins = parts.clone();
        return tape.record(out, "concat", (t, g, o) -> {
            Tensor[] gs = new Tensor[ins.length];
            int at = 0;
            for (int i = 0; i < ins.length; i++) {
                int len = ins[i].dim(ax);
                gs[i] = ins[i].requiresGrad() ? slice(t, g, ax, at, at + len) : null;
                at += len;
            }
            return gs;
        }, ins);
    }

    /** Indices [from, to) along {@code axis}. Backward: the gradient placed into zeros. */
    public static Tensor slice(Tape tape, Tensor x, int axis, int from, int to) {
        int ax = axis < 0 ? x.rank() + axis : axis;
        if (ax < 0 || ax >= x.rank() || from < 0 || to > x.dim(ax) || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") along axis " + axis + " of shape "
                    + Arrays.toString(x.shapeView()));
        }
        int[] shape = x.shapeView();
        return tape.record(Layout.slice(x, ax, from, to, tape), "slice",
                (t, g, o) -> grads(place(t, g, shape, ax, from)), x);
    }

    private static Tensor place(Tape tape, Tensor g, int[] shape, int axis, int from) {
        int len = g.dim(axis);
        return tape.record(Layout.place(g, shape, axis, from, tape), "place",
                (t, gg, o) -> grads(slice(t, gg, axis, from, from + len)), g);
    }
}
