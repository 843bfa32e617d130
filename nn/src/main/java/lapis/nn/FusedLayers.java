package lapis.nn;

import static lapis.nn.Tape.grads;

import java.util.Arrays;

/**
 * Layer steps computed in one pass and one output array where a composition of primitives would make several:
 * the dense layer act(x W + b) and the combination step (1 + eps) x + S x of a graph isomorphism network. The
 * values equal those of the composition bit for bit; without recording, the first-order backward is fused too,
 * and with recording it is composed of differentiable operations, so double backward works.
 */
public final class FusedLayers {
    private FusedLayers() {
    }

    /**
     * y = act(x W + b), act = ReLU or the identity: a layer's linear map, bias and activation in one output array
     * where {@link LinearAlgebra#matmul}, {@link Arithmetic#add} and {@link Activations#relu} make three (same
     * values, bit for bit). x is read as rows x in (any leading shape, which y keeps with the last dimension out),
     * W is in x out, b has out values or is null.
     * Backward: dZ = g where y &gt; 0 (with ReLU; g itself without), dx = dZ W^T, dW = x^T dZ, db = the column sums
     * of dZ; without recording, dZ is a scratch array given back to the workspace before the rule returns. Cost
     * 2 rows in out for the product, O(rows out) for the rest.
     */
    public static Tensor linear(Tape tape, Tensor x, Tensor w, Tensor b, boolean relu) {
        int in = x.cols();
        if (x.rank() < 1 || w.rank() != 2 || w.dim(0) != in || x.dtype() != w.dtype()
                || (b != null && (b.size() != w.dim(1) || b.dtype() != x.dtype()))) {
            throw new IllegalArgumentException("linear: x " + Arrays.toString(x.shapeView()) + ", W "
                    + Arrays.toString(w.shapeView()) + (b == null ? "" : ", b " + Arrays.toString(b.shapeView()))
                    + " (types must agree)");
        }
        int rows = x.rank() == 1 ? 1 : x.rows();
        int out = w.dim(1);
        int[] shape = x.shapeView().clone();
        shape[shape.length - 1] = out;
        Tensor y = tape.alloc(x.dtype(), shape, false);
        Gemm.multiply(x, false, w, false, y, 1, rows, out, in, false, tape.threads());
        Elementwise.biasActivation(y, b, relu, rows, out, tape.threads());
        return tape.record(y, "linear", (t, g, o) -> {
            if (!t.isRecording()) {
                Tensor dz = g;
                if (relu) {
                    dz = t.alloc(g.dtype(), g.shapeView().clone(), false);
                    Elementwise.reluGradInto(o, g, dz, t.threads());
                }
                Tensor dx = null;
                if (x.requiresGrad()) {
                    dx = t.alloc(x.dtype(), x.shapeView().clone(), false);
                    Gemm.multiply(dz, false, w, true, dx, 1, rows, in, out, false, t.threads());
                }
                Tensor dw = null;
                if (w.requiresGrad()) {
                    dw = t.alloc(w.dtype(), w.shapeView().clone(), false);
                    Gemm.multiply(x, true, dz, false, dw, 1, in, out, rows, false, t.threads());
                }
                Tensor db = b != null && b.requiresGrad()
                        ? Reduce.sumTo(new Tensor(new int[] {rows, out}, dz.f, dz.d, false, null, -1),
                        b.shapeView(), t) : null;
                if (relu) {
                    t.release(dz);
                }
                return grads(dx, dw, db);
            }
            Tensor dz = Shapes.reshape(t, relu ? Activations.reluGrad(t, o, g) : g, rows, out);
            return grads(x.requiresGrad()
                            ? Shapes.reshape(t, LinearAlgebra.matmul(t, dz, w, false, true), x.shapeView()) : null,
                    w.requiresGrad() ? LinearAlgebra.matmul(t, Shapes.reshape(t, x, rows, in), dz, true, false) : null,
                    b != null && b.requiresGrad() ? Reductions.sumTo(t, dz, b.shapeView()) : null);
        }, x, w, b);
    }

    /**
     * y = (1 + eps) x + S x for a constant square sparse S and a one-element eps: the combination step of a graph
     * isomorphism network (Xu et al., ICLR 2019) with S the adjacency, in one pass and one output array where
     * {@link MessagePassing#sparseMultiply}, {@link Arithmetic#mul} and {@link Arithmetic#add} make three. A row of
     * x is everything after the first axis. Backward: dx = (1 + eps) g + S^T g (one pass), deps = sum(g * x).
     * O(nnz w + size), deterministic.
     */
    public static Tensor ginAggregate(Tape tape, SparseMatrix s, Tensor x, Tensor eps) {
        if (s.rows() != s.cols() || x.rank() == 0 || x.dim(0) != s.cols() || eps.size() != 1
                || eps.dtype() != x.dtype()) {
            throw new IllegalArgumentException("ginAggregate: matrix " + s.rows() + " x " + s.cols() + ", x "
                    + Arrays.toString(x.shapeView()) + ", eps " + Arrays.toString(eps.shapeView())
                    + " (square matrix, one eps of x's type)");
        }
        Tensor out = tape.alloc(x.dtype(), x.shapeView().clone(), false);
        s.multiply(x, 1 + eps.getFlat(0), out, tape.threads());
        return tape.record(out, "ginAggregate", (t, g, o) -> {
            if (!t.isRecording()) {
                Tensor dx = null;
                if (x.requiresGrad()) {
                    dx = t.alloc(x.dtype(), x.shapeView().clone(), false);
                    s.transpose().multiply(g, 1 + eps.getFlat(0), dx, t.threads());
                }
                Tensor de = null;
                if (eps.requiresGrad()) {
                    de = t.alloc(eps.dtype(), eps.shapeView().clone(), false);
                    de.setFlat(0, Reduce.dot(g, x));
                }
                return grads(dx, de);
            }
            return grads(x.requiresGrad() ? Arithmetic.add(t, Arithmetic.mul(t, g, Arithmetic.shift(t, eps, 1)),
                            MessagePassing.sparseMultiply(t, s.transpose(), g)) : null,
                    eps.requiresGrad()
                            ? Shapes.reshape(t, Reductions.sum(t, Arithmetic.mul(t, g, x)), eps.shapeView()) : null);
        }, x, eps);
    }
}
