package lapis.nn;

import static lapis.nn.Tape.grads;

import java.util.Arrays;

/**
 * Scalar training losses: mean absolute and mean squared error, and the cross-entropy of logits against class
 * labels through a stable row-wise log softmax. Each is a mean over elements (or rows), differentiable twice.
 * Cost O(size).
 */
public final class Losses {
    private Losses() {
    }

    private static void sameShape(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shapeView(), b.shapeView())) {
            throw new IllegalArgumentException(op + ": prediction shape " + Arrays.toString(a.shapeView())
                    + " differs from target shape " + Arrays.toString(b.shapeView()));
        }
    }

    /** mean |prediction - target|. */
    public static Tensor l1(Tape tape, Tensor prediction, Tensor target) {
        sameShape("l1", prediction, target);
        return Reductions.mean(tape, Arithmetic.abs(tape, Arithmetic.sub(tape, prediction, target)));
    }

    /** mean (prediction - target)^2. */
    public static Tensor mse(Tape tape, Tensor prediction, Tensor target) {
        sameShape("mse", prediction, target);
        return Reductions.mean(tape, Arithmetic.square(tape, Arithmetic.sub(tape, prediction, target)));
    }

    /** Row-wise log softmax x - log sum exp x, computed stably. Backward: g - softmax sum_row(g). */
    public static Tensor logSoftmax(Tape tape, Tensor x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("logSoftmax needs a matrix, got " + Arrays.toString(x.shapeView()));
        }
        int rows = x.rows();
        int cols = x.cols();
        Tensor out = tape.alloc(x.dtype(), x.shapeView().clone(), false);
        for (int r = 0; r < rows; r++) {
            double mx = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                mx = Math.max(mx, x.getFlat(r * cols + c));
            }
            double s = 0;
            for (int c = 0; c < cols; c++) {
                s += Math.exp(x.getFlat(r * cols + c) - mx);
            }
            double lse = mx + Math.log(s);
            for (int c = 0; c < cols; c++) {
                out.setFlat(r * cols + c, x.getFlat(r * cols + c) - lse);
            }
        }
        return tape.record(out, "logSoftmax",
                (t, g, o) -> grads(Arithmetic.sub(t, g,
                        Arithmetic.mul(t, Arithmetic.exp(t, o), Reductions.sumTo(t, g, new int[] {rows, 1})))), x);
    }

    /** Mean cross-entropy of the rows of {@code logits} against class labels in [0, C). */
    public static Tensor crossEntropy(Tape tape, Tensor logits, int[] labels) {
        if (logits.rank() != 2 || labels.length != logits.rows()) {
            throw new IllegalArgumentException("crossEntropy: logits " + Arrays.toString(logits.shapeView()) + ", "
                    + labels.length + " labels");
        }
        int cols = logits.cols();
        double[] onehot = new double[logits.size()];
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= cols) {
                throw new IllegalArgumentException("crossEntropy: label " + labels[r] + " of row " + r
                        + " is outside [0, " + cols + ")");
            }
            onehot[r * cols + labels[r]] = 1;
        }
        Tensor picked = Arithmetic.mul(tape, logSoftmax(tape, logits),
                Tensor.of(logits.dtype(), onehot, logits.shapeView()));
        return Arithmetic.scale(tape, Reductions.sum(tape, picked), -1.0 / labels.length);
    }
}
