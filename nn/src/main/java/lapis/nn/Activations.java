package lapis.nn;

import static lapis.nn.Tape.grads;

/**
 * The non-linearities of neural networks, element by element: ReLU, GELU (tanh form), SiLU, tanh and the
 * logistic sigmoid. The derivatives of GELU and SiLU are closed-form operations of their own up to the second,
 * so double backward works; the third throws. Cost O(size), deterministic.
 */
public final class Activations {
    private Activations() {
    }

    /** max(x, 0). Backward: g where x &gt; 0 (the kink gets 0). */
    public static Tensor relu(Tape tape, Tensor x) {
        return Arithmetic.unary(tape, Elementwise.Unary.RELU, "relu", x, 0, (t, g, o) -> grads(reluGrad(t, x, g)));
    }

    /** g where x &gt; 0, else 0: relu's backward, linear in g. */
    static Tensor reluGrad(Tape tape, Tensor x, Tensor g) {
        Tensor out = Elementwise.reluGrad(x, g, tape);
        return tape.record(out, "reluGrad", (t, gg, o) -> grads(null, reluGrad(t, x, gg)), x, g);
    }

    /**
     * GELU, tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) (Hendrycks and Gimpel 2016; PyTorch's
     * approximate="tanh"). Derivatives in closed form up to the second.
     */
    public static Tensor gelu(Tape tape, Tensor x) {
        return Arithmetic.unary(tape, Elementwise.Unary.GELU, "gelu", x, 0, (t, g, o) -> grads(Arithmetic.mul(t, g, geluD1(t, x))));
    }

    private static Tensor geluD1(Tape tape, Tensor x) {
        return Arithmetic.unary(tape, Elementwise.Unary.GELU_D1, "gelu'", x, 0, (t, g, o) -> grads(Arithmetic.mul(t, g, geluD2(t, x))));
    }

    private static Tensor geluD2(Tape tape, Tensor x) {
        return Arithmetic.unary(tape, Elementwise.Unary.GELU_D2, "gelu''", x, 0, (t, g, o) -> {
            throw new UnsupportedOperationException("the third derivative of gelu is not implemented");
        });
    }

    /** SiLU (swish): x sigmoid(x). */
    public static Tensor silu(Tape tape, Tensor x) {
        return Arithmetic.unary(tape, Elementwise.Unary.SILU, "silu", x, 0, (t, g, o) -> grads(Arithmetic.mul(t, g, siluD1(t, x))));
    }

    private static Tensor siluD1(Tape tape, Tensor x) {
        return Arithmetic.unary(tape, Elementwise.Unary.SILU_D1, "silu'", x, 0, (t, g, o) -> grads(Arithmetic.mul(t, g, siluD2(t, x))));
    }

    private static Tensor siluD2(Tape tape, Tensor x) {
        return Arithmetic.unary(tape, Elementwise.Unary.SILU_D2, "silu''", x, 0, (t, g, o) -> {
            throw new UnsupportedOperationException("the third derivative of silu is not implemented");
        });
    }

    /** tanh x. Backward: g (1 - y^2). */
    public static Tensor tanh(Tape tape, Tensor x) {
        return Arithmetic.unary(tape, Elementwise.Unary.TANH, "tanh", x, 0,
                (t, g, o) -> grads(Arithmetic.mul(t, g, Arithmetic.affine(t, Arithmetic.square(t, o), -1, 1))));
    }

    /** 1 / (1 + e^-x). Backward: g y (1 - y). */
    public static Tensor sigmoid(Tape tape, Tensor x) {
        return Arithmetic.unary(tape, Elementwise.Unary.SIGMOID, "sigmoid", x, 0,
                (t, g, o) -> grads(Arithmetic.mul(t, g, Arithmetic.mul(t, o, Arithmetic.affine(t, o, -1, 1)))));
    }
}
