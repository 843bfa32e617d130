package lapis.nn;

import static lapis.nn.Tape.grads;

/**
 * Element-wise arithmetic on tensors: a + b, a - b, a b and a / b with the broadcasting of {@link Elementwise}
 * (a row, a column or a single value against a matrix), the affine map p x + q, and the functions x^2, x^p,
 * sqrt x, e^x, ln x, |x| and sign x. Each records its backward rule, written with these same operations, on the
 * given {@link Tape}, so it can be differentiated again. Cost O(size), split over rows, deterministic.
 */
public final class Arithmetic {
    private Arithmetic() {
    }

    /** a + b with broadcasting of a row, a column or a scalar (see {@link Elementwise}). */
    public static Tensor add(Tape tape, Tensor a, Tensor b) {
        int[] s = Elementwise.broadcastShape("add", a, b);
        Tensor out = Elementwise.binary(Elementwise.Binary.ADD, a, b, s, tape);
        return tape.record(out, "add", (t, g, o) -> grads(
                a.requiresGrad() ? Reductions.sumTo(t, g, a.shapeView()) : null,
                b.requiresGrad() ? Reductions.sumTo(t, g, b.shapeView()) : null), a, b);
    }

    /** a - b with broadcasting. */
    public static Tensor sub(Tape tape, Tensor a, Tensor b) {
        int[] s = Elementwise.broadcastShape("sub", a, b);
        Tensor out = Elementwise.binary(Elementwise.Binary.SUB, a, b, s, tape);
        return tape.record(out, "sub", (t, g, o) -> grads(
                a.requiresGrad() ? Reductions.sumTo(t, g, a.shapeView()) : null,
                b.requiresGrad() ? neg(t, Reductions.sumTo(t, g, b.shapeView())) : null), a, b);
    }

    /** a * b element-wise with broadcasting. Backward: da = g b, db = g a (summed over broadcast axes). */
    public static Tensor mul(Tape tape, Tensor a, Tensor b) {
        int[] s = Elementwise.broadcastShape("mul", a, b);
        Tensor out = Elementwise.binary(Elementwise.Binary.MUL, a, b, s, tape);
        return tape.record(out, "mul", (t, g, o) -> grads(
                a.requiresGrad() ? Reductions.sumTo(t, mul(t, g, b), a.shapeView()) : null,
                b.requiresGrad() ? Reductions.sumTo(t, mul(t, g, a), b.shapeView()) : null), a, b);
    }

    /** a / b element-wise with broadcasting. Backward: da = g / b, db = -g (a / b) / b. */
    public static Tensor div(Tape tape, Tensor a, Tensor b) {
        int[] s = Elementwise.broadcastShape("div", a, b);
        Tensor out = Elementwise.binary(Elementwise.Binary.DIV, a, b, s, tape);
        return tape.record(out, "div", (t, g, o) -> grads(
                a.requiresGrad() ? Reductions.sumTo(t, div(t, g, b), a.shapeView()) : null,
                b.requiresGrad() ? neg(t, Reductions.sumTo(t, div(t, mul(t, g, o), b), b.shapeView())) : null), a, b);
    }

    /** p x + q element-wise, p and q numbers. */
    public static Tensor affine(Tape tape, Tensor x, double p, double q) {
        Tensor out = Elementwise.unary(Elementwise.Unary.AFFINE, x, p, q, tape);
        return tape.record(out, "affine", (t, g, o) -> grads(affine(t, g, p, 0)), x);
    }

    /** c x. */
    public static Tensor scale(Tape tape, Tensor x, double c) {
        return affine(tape, x, c, 0);
    }

    /** x + c. */
    public static Tensor shift(Tape tape, Tensor x, double c) {
        return affine(tape, x, 1, c);
    }

    /** -x. */
    public static Tensor neg(Tape tape, Tensor x) {
        return affine(tape, x, -1, 0);
    }

    /** f(x) element by element by the kernel {@link Elementwise#unary}, recorded with the backward {@code rule}. */
    static Tensor unary(Tape tape, Elementwise.Unary kind, String name, Tensor x, double p, Tape.Rule rule) {
        return tape.record(Elementwise.unary(kind, x, p, 0, tape), name, rule, x);
    }

    /** e^x. Backward: g y. */
    public static Tensor exp(Tape tape, Tensor x) {
        return unary(tape, Elementwise.Unary.EXP, "exp", x, 0, (t, g, o) -> grads(mul(t, g, o)));
    }

    /** ln x. Backward: g / x. */
    public static Tensor log(Tape tape, Tensor x) {
        return unary(tape, Elementwise.Unary.LOG, "log", x, 0, (t, g, o) -> grads(div(t, g, x)));
    }

    /** sqrt x. Backward: g / (2 y). */
    public static Tensor sqrt(Tape tape, Tensor x) {
        return unary(tape, Elementwise.Unary.SQRT, "sqrt", x, 0, (t, g, o) -> grads(scale(t, div(t, g, o), 0.5)));
    }

    /** x^p for a number p. Backward: g p x^(p-1). */
    public static Tensor pow(Tape tape, Tensor x, double p) {
        return unary(tape, Elementwise.Unary.POW, "pow", x, p,
                (t, g, o) -> grads(p == 0 ? null : mul(t, g, scale(t, pow(t, x, p - 1), p))));
    }

    /** x^2. */
    public static Tensor square(Tape tape, Tensor x) {
        return unary(tape, Elementwise.Unary.SQUARE, "square", x, 0, (t, g, o) -> grads(mul(t, g, scale(t, x, 2))));
    }

    /** |x|. Backward: g sign(x) (0 at 0). */
    public static Tensor abs(Tape tape, Tensor x) {
        return unary(tape, Elementwise.Unary.ABS, "abs", x, 0, (t, g, o) -> grads(mul(t, g, sign(t, x))));
    }

    /** sign(x), whose derivative is zero. */
    public static Tensor sign(Tape tape, Tensor x) {
        return unary(tape, Elementwise.Unary.SIGN, "sign", x, 0, (t, g, o) -> grads((Tensor) null));
    }
}
