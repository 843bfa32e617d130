package lapis.nn;

import static lapis.nn.Tape.grads;

import java.util.Arrays;

/**
 * The sparse operations of graph networks: gather of rows through an {@link Index} (y[k] = x[idx[k]]), its
 * adjoint scatter-sum (z[i] = sum over idx[k] = i of y[k]) and segment means, and the product S B with a
 * constant {@link SparseMatrix} (backward S^T dY). Each output row is written by one thread in a fixed order:
 * deterministic on any number of threads. Cost O(nnz or index size times row length).
 */
public final class MessagePassing {
    private MessagePassing() {
    }

    /** Rows x[idx[k]] for k = 0..size-1 (index-select). Backward: scatter-sum of the gradient through idx. */
    public static Tensor gather(Tape tape, Tensor x, Index idx) {
        requireRows("gather", "index range", idx.range(), x);
        return tape.record(Scatter.gather(x, idx, tape), "gather", (t, g, o) -> grads(scatterSum(t, g, idx)), x);
    }

    /**
     * S B for a constant sparse S (rows x cols) and B with cols rows (a row is everything after the first axis).
     * Backward: dB = S^T dY. O(nnz x row length), deterministic.
     */
    public static Tensor sparseMultiply(Tape tape, SparseMatrix s, Tensor b) {
        if (b.rank() == 0 || b.dim(0) != s.cols()) {
            throw new IllegalArgumentException("sparseMultiply: matrix is " + s.rows() + " x " + s.cols()
                    + ", dense operand has shape " + Arrays.toString(b.shapeView()));
        }
        int[] shape = b.shapeView().clone();
        shape[0] = s.rows();
        Tensor out = tape.alloc(b.dtype(), shape, false);
        s.multiply(b, 0, out, tape.threads());
        return tape.record(out, "sparseMultiply", (t, g, o) -> grads(sparseMultiply(t, s.transpose(), g)), b);
    }

    /**
     * z[i] = sum of y[k] over k with idx[k] = i (scatter-add, segment sum): message aggregation and sum pooling.
     * Targets with no entry get 0. Backward: gather. O(size x row length), deterministic.
     */
    public static Tensor scatterSum(Tape tape, Tensor y, Index idx) {
        requireRows("scatterSum", "index size", idx.size(), y);
        return tape.record(Scatter.scatterSum(y, idx, tape), "scatterSum", (t, g, o) -> grads(gather(t, g, idx)), y);
    }

    /** The mean of the rows y[k] with idx[k] = i (mean pooling); an empty segment gives 0. y is a matrix. */
    public static Tensor segmentMean(Tape tape, Tensor y, Index idx) {
        if (y.rank() != 2) {
            throw new IllegalArgumentException("segmentMean needs a matrix, got shape "
                    + Arrays.toString(y.shapeView()));
        }
        double[] inv = new double[idx.range()];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = idx.count(i) == 0 ? 0 : 1.0 / idx.count(i);
        }
        return Arithmetic.mul(tape, scatterSum(tape, y, idx), Tensor.of(y.dtype(), inv, idx.range(), 1));
    }

    /** Checks that x has {@code rows} rows (first axis), the index's range or size named by {@code what}. */
    private static void requireRows(String op, String what, int rows, Tensor x) {
        if (x.rank() == 0 || x.dim(0) != rows) {
            throw new IllegalArgumentException(op + ": " + what + " " + rows + " but input has shape "
                    + Arrays.toString(x.shapeView()));
        }
    }
}
