package lapis.nn;

import static lapis.nn.Tape.grads;

import java.util.List;

/**
 * The non-linearities of neural networks, element by element: ReLU, GELU (tanh form), SiLU, tanh and the
 * logistic sigmoid. The derivatives of GELU and SiLU are closed-form operations of their own up to the second,
 * so double backward works; the third throws. Cost O(size), deterministic.
 */
public final class Activations {
    private static final List<Elementwise.Unary> GELU = List.of(Elementwise.Unary.GELU, Elementwise.Unary.GELU_D1,
            Elementwise.Unary.GELU_D2);
    private static final List<Elementwise.Unary> SILU = List.of(Elementwise.Unary.SILU, Elementwise.Unary.SILU_D1,
            Elementwise.Unary.SILU_D2);

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
        return derivative(tape, "gelu", GELU, 0, x);
    }

    /** SiLU (swish): x sigmoid(x). */
    public static Tensor silu(Tape tape, Tensor x) {
        return derivative(tape, "silu", SILU, 0, x);
    }

    /**
     * The derivative of the given order of a function whose kernels {@code chain} are f, f', f'': its backward
     * is g times the next derivative; the backward of the last one throws.
     */
    private static Tensor derivative(Tape tape, String name, List<Elementwise.Unary> chain, int order, Tensor x) {
        String label = name + "'".repeat(order);
        if (order == chain.size() - 1) {
            return Arithmetic.unary(tape, chain.get(order), label, x, 0, (t, g, o) -> {
                throw new UnsupportedOperationException("the third derivative of " + name + " is not implemented");
            });
        }
        return Arithmetic.unary(tape, chain.get(order), label, x, 0,
                (t, g, o) -> grads(Arithmetic.mul(t, g, derivative(t, name, chain, order + 1, x))));
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
