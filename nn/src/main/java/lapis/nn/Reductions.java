package lapis.nn;

import static lapis.nn.Tape.grads;

import java.util.Arrays;

/**
 * Sums and means, over everything or over one axis, and the pair behind broadcasting: {@code sumTo} (the sum
 * over the axes a shape was broadcast along) and {@code expand} (the broadcast written out), each the other's
 * adjoint. Float32 sums accumulate in double in a fixed order (see {@link Reduce}), so no result depends on the
 * thread count. Cost O(size).
 */
public final class Reductions {
    private Reductions() {
    }

    /** The sum of all elements, a rank-0 tensor. */
    public static Tensor sum(Tape tape, Tensor x) {
        return sumTo(tape, x, new int[0]);
    }

    /** The mean of all elements. */
    public static Tensor mean(Tape tape, Tensor x) {
        return Arithmetic.scale(tape, sum(tape, x), 1.0 / x.size());
    }

    /**
     * The sum over one axis of a matrix, keeping it with length 1: axis 0 gives 1 x C (column sums), axis 1 or
     * -1 gives R x 1 (row sums; for rank 3, the last axis).
     */
    public static Tensor sum(Tape tape, Tensor x, int axis) {
        int[] s = x.shapeView().clone();
        if (axis == -1 || axis == s.length - 1) {
            s[s.length - 1] = 1;
        } else if (axis == 0 && s.length == 2) {
            s[0] = 1;
        } else {
            throw new IllegalArgumentException("sum over axis " + axis + " of shape " + Arrays.toString(x.shapeView())
                    + ": use axis 0 of a matrix or the last axis");
        }
        return sumTo(tape, x, s);
    }

    /** The mean over one axis (see {@link #sum(Tape, Tensor, int)}). */
    public static Tensor mean(Tape tape, Tensor x, int axis) {
        int len = axis == 0 ? x.dim(0) : x.dim(-1);
        return Arithmetic.scale(tape, sum(tape, x, axis), 1.0 / len);
    }

    /** x summed over the axes along which {@code shape} broadcasts to x's shape; x itself if equal. */
    static Tensor sumTo(Tape tape, Tensor x, int[] shape) {
        if (Arrays.equals(x.shapeView(), shape)) {
            return x;
        }
        Tensor out = Reduce.sumTo(x, shape, tape);
        return tape.record(out, "sum", (t, g, o) -> grads(expand(t, g, x.shapeView())), x);
    }

    /** x broadcast to {@code shape} and written out; x itself if equal. */
    static Tensor expand(Tape tape, Tensor x, int[] shape) {
        if (Arrays.equals(x.shapeView(), shape)) {
            return x;
        }
        Tensor out = Reduce.expand(x, shape, tape);
        return tape.record(out, "expand", (t, g, o) -> grads(sumTo(t, g, x.shapeView())), x);
    }
}
