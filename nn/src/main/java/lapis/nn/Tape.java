package lapis.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The record of one step of computation, and the operations that write to it: a reverse-mode automatic
 * differentiation engine in the manner of micrograd and PyTorch's autograd.
 *
 * <p>Each operation computes its result at once. If an input needs a gradient and the tape records, the result is
 * appended to the tape together with its backward rule, which sits next to the forward code below. Since results
 * are appended in the order they are made, the tape is already topologically sorted: {@link #backward} walks it
 * once in reverse. A gradient reaching a tensor from several consumers is summed; inputs that need no gradient are
 * skipped. There is no global state: the tape is owned by the step that made it and dropped with it, or closed:
 * a tape made with a {@link Workspace} takes its result arrays from it and gives them back in {@link #close()},
 * after which its results are invalid (a training loop then allocates nothing large).
 *
 * <p><b>Higher derivatives: double backward.</b> Every backward rule is written with the operations of this
 * class. {@link #gradients(Tensor, List, boolean)} with {@code createGraph = true} runs the rules on this tape
 * itself, so the gradients are recorded results that can be differentiated again: a Hessian-vector product is
 * {@code gradients(sum(g . v), params, false)} with {@code g = gradients(loss, params, true)} (Pearlmutter 1994,
 * computed as reverse-over-reverse). Without {@code createGraph} the rules run on a non-recording twin, and the
 * operations that have fused first-order kernels (batch and layer norm) use them. Only the third derivatives of
 * gelu and silu are missing; asking for one throws.
 *
 * <p>Modes: {@link Mode#TRAIN} (batch statistics, dropout on) and {@link Mode#EVAL} (running statistics); an
 * {@link #inference} tape records nothing. Parallel work goes to the given {@link Threads}; results do not
 * depend on their number. Not thread-safe: one tape per step and thread.
 */
public final class Tape implements AutoCloseable {
    /** Whether layers use batch statistics and dropout (TRAIN) or running statistics and no dropout (EVAL). */
    public enum Mode { TRAIN, EVAL }

    /** A backward rule: the gradients of the inputs (null where none is needed) given the output's gradient g. */
    @FunctionalInterface
    interface Rule {
        Tensor[] apply(Tape t, Tensor g, Tensor out);
    }

    private record Node(String op, Tensor[] inputs, Rule rule, Tensor out) {
    }

    /** The arrays a tape and its non-recording twin took from a workspace. */
    private static final class Arena {
        final Workspace workspace;
        final List<Object> taken = new ArrayList<>();
        boolean closed;

        Arena(Workspace workspace) {
            this.workspace = workspace;
        }
    }

    private final Threads threads;
    private final Mode mode;
    private final long seed;
    private final boolean recording;
    private final List<Node> nodes = new ArrayList<>();
    private final Tape plain;
    private final Arena arena;
    private long seedCounter;

    private Tape(Threads threads, Mode mode, long seed, boolean recording, Tape plain, Arena arena) {
        this.threads = Objects.requireNonNull(threads, "threads");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.seed = seed;
        this.recording = recording;
        this.plain = plain == null ? this : plain;
        this.arena = arena;
    }

    private static Tape recordingTape(Threads threads, Mode mode, long seed, Workspace workspace) {
        Arena arena = new Arena(workspace);
        return new Tape(threads, mode, seed, true, new Tape(threads, mode, seed, false, null, arena), arena);
    }

    /** A recording tape in training mode; {@code seed} feeds {@link #nextSeed()} (dropout). */
    public static Tape train(Threads threads, long seed) {
        return recordingTape(threads, Mode.TRAIN, seed, null);
    }

    /** As {@link #train(Threads, long)}, with result arrays from {@code workspace} until {@link #close()}. */
    public static Tape train(Threads threads, long seed, Workspace workspace) {
        return recordingTape(threads, Mode.TRAIN, seed, Objects.requireNonNull(workspace, "workspace"));
    }

    /** A recording tape in evaluation mode (running statistics, no dropout), e.g. for gradients of a trained model. */
    public static Tape eval(Threads threads) {
        return recordingTape(threads, Mode.EVAL, 0, null);
    }

    /** An evaluation tape that records nothing: the fastest way to predict. */
    public static Tape inference(Threads threads) {
        return new Tape(threads, Mode.EVAL, 0, false, null, new Arena(null));
    }

    /** As {@link #inference(Threads)}, with result arrays from {@code workspace} until {@link #close()}. */
    public static Tape inference(Threads threads, Workspace workspace) {
        return new Tape(threads, Mode.EVAL, 0, false, null, new Arena(Objects.requireNonNull(workspace,
                "workspace")));
    }

    /**
     * Ends the step: forgets the recorded operations and gives the result arrays back to the workspace, if any.
     * Afterwards results of this tape must not be read, and operations on it throw.
     */
    @Override
    public void close() {
        if (arena.closed) {
            return;
        }
        arena.closed = true;
        nodes.clear();
        Workspace ws = arena.workspace;
        if (ws != null) {
            for (Object a : arena.taken) {
                if (a instanceof float[] fa) {
                    ws.give(fa);
                } else {
                    ws.give((double[]) a);
                }
            }
        }
        arena.taken.clear();
        if (ws != null) {
            ws.tapeClosed();
        }
    }

    /** A result buffer of the given type and shape, zero-filled if {@code zero} (else its contents are arbitrary). */
    Tensor alloc(DType dtype, int[] shape, boolean zero) {
        if (arena.closed) {
            throw new IllegalStateException("this tape is closed");
        }
        Workspace ws = arena.workspace;
        if (ws == null) {
            return Tensor.blank(dtype, shape);
        }
        int n = Tensor.sizeOf(shape);
        if (dtype == DType.F32) {
            float[] a = ws.takeFloats(n, zero);
            arena.taken.add(a);
            return new Tensor(shape, a, null, false, null, -1);
        }
        double[] a = ws.takeDoubles(n, zero);
        arena.taken.add(a);
        return new Tensor(shape, null, a, false, null, -1);
    }

    /**
     * Gives the array of a scratch result of this tape's {@link #alloc} back to the workspace before the tape
     * closes; the tensor must not be used afterwards. Without a workspace it does nothing.
     */
    void release(Tensor scratch) {
        Workspace ws = arena.workspace;
        if (ws == null) {
            return;
        }
        Object a = scratch.f != null ? scratch.f : scratch.d;
        for (int i = arena.taken.size() - 1; i >= 0; i--) {
            if (arena.taken.get(i) == a) {
                arena.taken.remove(i);
                if (a instanceof float[] fa) {
                    ws.give(fa);
                } else {
                    ws.give((double[]) a);
                }
                return;
            }
        }
    }

    public Mode mode() {
        return mode;
    }

    /** Whether layers should behave as in training. */
    public boolean training() {
        return mode == Mode.TRAIN;
    }

    /** Whether operations on inputs that need gradients are recorded. */
    public boolean isRecording() {
        return recording;
    }

    public Threads threads() {
        return threads;
    }

    /** Number of recorded operations. */
    public int size() {
        return nodes.size();
    }

    /** The next seed of this tape's sequence, SplitMix64 of (seed, call number): one per dropout call. */
    public long nextSeed() {
        return mix(seed + 0x9E3779B97F4A7C15L * ++seedCounter);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private Tensor record(Tensor out, String op, Rule rule, Tensor... inputs) {
        if (!recording) {
            return out;
        }
        boolean needs = false;
        for (Tensor in : inputs) {
            if (in != null && in.requiresGrad()) {
                if (in.tape != null && in.tape != this) {
                    throw new IllegalArgumentException(op + ": an input was recorded on another tape");
                }
                needs = true;
            }
        }
        if (!needs) {
            return out;
        }
        Tensor r = new Tensor(out.shapeView(), out.f, out.d, true, this, nodes.size());
        nodes.add(new Node(op, inputs, rule, r));
        return r;
    }

    private static Tensor[] grads(Tensor... g) {
        return g;
    }

    // ================================================================================================ backward

    /**
     * Adds d(loss)/d(leaf) into {@link Tensor#grad()} of every leaf that {@code loss} depends on. The rules run
     * without recording, so this is the fast path of training.
     *
     * @throws IllegalArgumentException if loss has more than one element or was not recorded on this tape
     */
    public void backward(Tensor loss) {
        sweep(loss, false, null, null);
    }

    /**
     * The gradients of the scalar {@code loss} with respect to {@code wrt} (leaves or results of this tape), in
     * order; a tensor that loss does not depend on gets zeros. Leaves' {@link Tensor#grad()} are not touched.
     * With {@code createGraph} the gradients are recorded on this tape and can be differentiated again.
     */
    public List<Tensor> gradients(Tensor loss, List<Tensor> wrt, boolean createGraph) {
        Objects.requireNonNull(wrt, "wrt");
        Map<Tensor, Tensor> leaves = new IdentityHashMap<>();
        Map<Tensor, Tensor> results = new IdentityHashMap<>();
        for (Tensor w : wrt) {
            if (w.tape == this) {
                results.put(w, null);
            } else {
                leaves.put(w, null);
            }
        }
        sweep(loss, createGraph, leaves, results);
        List<Tensor> out = new ArrayList<>(wrt.size());
        for (Tensor w : wrt) {
            Tensor g = w.tape == this ? results.get(w) : leaves.get(w);
            out.add(g != null ? g : Tensor.zeros(w.dtype(), w.shapeView()));
        }
        return out;
    }

    private void sweep(Tensor loss, boolean createGraph, Map<Tensor, Tensor> leafSink,
                       Map<Tensor, Tensor> resultSink) {
        Objects.requireNonNull(loss, "loss");
        if (loss.size() != 1) {
            throw new IllegalArgumentException("backward needs a scalar loss, got shape "
                    + Arrays.toString(loss.shapeView()));
        }
        if (arena.closed) {
            throw new IllegalStateException("this tape is closed");
        }
        if (loss.tape != this) {
            throw new IllegalArgumentException(loss.requiresGrad() ? "loss was recorded on another tape"
                    : "loss does not depend on any tensor that needs a gradient");
        }
        Tape bt = createGraph ? this : plain;
        int top = loss.node;
        Tensor[] acc = new Tensor[top + 1];
        boolean[] owned = new boolean[top + 1];
        acc[top] = Tensor.full(loss.dtype(), 1.0, loss.shapeView());
        for (int i = top; i >= 0; i--) {
            Tensor g = acc[i];
            if (g == null) {
                continue;
            }
            acc[i] = null;
            Node nd = nodes.get(i);
            if (resultSink != null && resultSink.containsKey(nd.out())) {
                resultSink.put(nd.out(), g);
            }
            Tensor[] gin = nd.rule().apply(bt, g, nd.out());
            for (int j = 0; j < nd.inputs().length; j++) {
                Tensor in = nd.inputs()[j];
                if (in == null || !in.requiresGrad() || gin[j] == null) {
                    continue;
                }
                Tensor gj = gin[j];
                if (!Arrays.equals(gj.shapeView(), in.shapeView())) {
                    throw new IllegalStateException("backward of " + nd.op() + ": gradient of input " + j
                            + " has shape " + Arrays.toString(gj.shapeView()) + ", input has "
                            + Arrays.toString(in.shapeView()));
                }
                if (in.tape == this) {
                    int k = in.node;
                    if (acc[k] == null) {
                        acc[k] = gj;
                        owned[k] = false;
                    } else if (!createGraph && owned[k]) {
                        Elementwise.addInPlace(acc[k], gj);
                    } else {
                        acc[k] = bt.add(acc[k], gj);
                        owned[k] = !createGraph;
                    }
                } else if (leafSink == null) {
                    in.accumulateGrad(gj);
                } else if (leafSink.containsKey(in)) {
                    Tensor prev = leafSink.get(in);
                    leafSink.put(in, prev == null ? gj : bt.add(prev, gj));
                }
            }
        }
    }

    // ================================================================================================ products

    /** C = A B for matrices, or per matrix for rank-3 batches (a rank-3 A times a shared rank-2 B also works). */
    public Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, b, false, false);
    }

    /**
     * C = op(A) op(B), op(X) = X^T when the flag is set (the last two axes of a batch). Backward: with C = A B,
     * dA = dC B^T and dB = A^T dC, and the transposed cases likewise, all as products with flags. Cost 2 m n k per
     * matrix, on {@link Gemm}.
     */
    public Tensor matmul(Tensor a, Tensor b, boolean ta, boolean tb) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("matmul: element types differ, " + a.dtype() + " vs " + b.dtype());
        }
        if (a.rank() == 3 && b.rank() == 2 && !ta) {
            int batch = a.dim(0);
            int m = a.dim(1);
            Tensor flat = matmul(reshape(a, batch * m, a.dim(2)), b, false, tb);
            return reshape(flat, batch, m, flat.dim(1));
        }
        if (a.rank() != b.rank() || a.rank() < 2 || (a.rank() == 3 && a.dim(0) != b.dim(0))) {
            throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(a.shapeView()) + " and "
                    + Arrays.toString(b.shapeView()) + " are not two matrices or two equal batches");
        }
        int r = a.rank();
        int batch = r == 3 ? a.dim(0) : 1;
        int m = ta ? a.dim(-1) : a.dim(-2);
        int k = ta ? a.dim(-2) : a.dim(-1);
        int kb = tb ? b.dim(-1) : b.dim(-2);
        int n = tb ? b.dim(-2) : b.dim(-1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ, " + Arrays.toString(a.shapeView())
                    + (ta ? "^T" : "") + " x " + Arrays.toString(b.shapeView()) + (tb ? "^T" : ""));
        }
        int[] shape = r == 3 ? new int[] {batch, m, n} : new int[] {m, n};
        Tensor out = alloc(a.dtype(), shape, false);
        Gemm.multiply(a, ta, b, tb, out, batch, m, n, k, false, threads);
        return record(out, "matmul", (t, g, o) -> grads(
                a.requiresGrad() ? (!ta ? t.matmul(g, b, false, !tb) : t.matmul(b, g, tb, true)) : null,
                b.requiresGrad() ? (!tb ? t.matmul(a, g, !ta, false) : t.matmul(g, a, true, ta)) : null), a, b);
    }

    // ================================================================================================ arithmetic

    /** a + b with broadcasting of a row, a column or a scalar (see {@link Elementwise}). */
    public Tensor add(Tensor a, Tensor b) {
        int[] s = Elementwise.broadcastShape("add", a, b);
        Tensor out = Elementwise.binary(Elementwise.Binary.ADD, a, b, s, this);
        return record(out, "add", (t, g, o) -> grads(
                a.requiresGrad() ? t.sumTo(g, a.shapeView()) : null,
                b.requiresGrad() ? t.sumTo(g, b.shapeView()) : null), a, b);
    }

    /** a - b with broadcasting. */
    public Tensor sub(Tensor a, Tensor b) {
        int[] s = Elementwise.broadcastShape("sub", a, b);
        Tensor out = Elementwise.binary(Elementwise.Binary.SUB, a, b, s, this);
        return record(out, "sub", (t, g, o) -> grads(
                a.requiresGrad() ? t.sumTo(g, a.shapeView()) : null,
                b.requiresGrad() ? t.neg(t.sumTo(g, b.shapeView())) : null), a, b);
    }

    /** a * b element-wise with broadcasting. Backward: da = g b, db = g a (summed over broadcast axes). */
    public Tensor mul(Tensor a, Tensor b) {
        int[] s = Elementwise.broadcastShape("mul", a, b);
        Tensor out = Elementwise.binary(Elementwise.Binary.MUL, a, b, s, this);
        return record(out, "mul", (t, g, o) -> grads(
                a.requiresGrad() ? t.sumTo(t.mul(g, b), a.shapeView()) : null,
                b.requiresGrad() ? t.sumTo(t.mul(g, a), b.shapeView()) : null), a, b);
    }

    /** a / b element-wise with broadcasting. Backward: da = g / b, db = -g (a / b) / b. */
    public Tensor div(Tensor a, Tensor b) {
        int[] s = Elementwise.broadcastShape("div", a, b);
        Tensor out = Elementwise.binary(Elementwise.Binary.DIV, a, b, s, this);
        return record(out, "div", (t, g, o) -> grads(
                a.requiresGrad() ? t.sumTo(t.div(g, b), a.shapeView()) : null,
                b.requiresGrad() ? t.neg(t.sumTo(t.div(t.mul(g, o), b), b.shapeView())) : null), a, b);
    }

    /** p x + q element-wise, p and q numbers. */
    public Tensor affine(Tensor x, double p, double q) {
        Tensor out = Elementwise.unary(Elementwise.Unary.AFFINE, x, p, q, this);
        return record(out, "affine", (t, g, o) -> grads(t.affine(g, p, 0)), x);
    }

    /** c x. */
    public Tensor scale(Tensor x, double c) {
        return affine(x, c, 0);
    }

    /** x + c. */
    public Tensor shift(Tensor x, double c) {
        return affine(x, 1, c);
    }

    /** -x. */
    public Tensor neg(Tensor x) {
        return affine(x, -1, 0);
    }

    // ================================================================================================ functions

    private Tensor unary(Elementwise.Unary kind, String name, Tensor x, double p, Rule rule) {
        return record(Elementwise.unary(kind, x, p, 0, this), name, rule, x);
    }

    /** max(x, 0). Backward: g where x &gt; 0 (the kink gets 0). */
    public Tensor relu(Tensor x) {
        return unary(Elementwise.Unary.RELU, "relu", x, 0, (t, g, o) -> grads(t.reluGrad(x, g)));
    }

    /** g where x &gt; 0, else 0: relu's backward, linear in g. */
    Tensor reluGrad(Tensor x, Tensor g) {
        Tensor out = Elementwise.reluGrad(x, g, this);
        return record(out, "reluGrad", (t, gg, o) -> grads(null, t.reluGrad(x, gg)), x, g);
    }

    /**
     * GELU, tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) (Hendrycks and Gimpel 2016; PyTorch's
     * approximate="tanh"). Derivatives in closed form up to the second.
     */
    public Tensor gelu(Tensor x) {
        return unary(Elementwise.Unary.GELU, "gelu", x, 0, (t, g, o) -> grads(t.mul(g, t.geluD1(x))));
    }

    private Tensor geluD1(Tensor x) {
        return unary(Elementwise.Unary.GELU_D1, "gelu'", x, 0, (t, g, o) -> grads(t.mul(g, t.geluD2(x))));
    }

    private Tensor geluD2(Tensor x) {
        return unary(Elementwise.Unary.GELU_D2, "gelu''", x, 0, (t, g, o) -> {
            throw new UnsupportedOperationException("the third derivative of gelu is not implemented");
        });
    }

    /** SiLU (swish): x sigmoid(x). */
    public Tensor silu(Tensor x) {
        return unary(Elementwise.Unary.SILU, "silu", x, 0, (t, g, o) -> grads(t.mul(g, t.siluD1(x))));
    }

    private Tensor siluD1(Tensor x) {
        return unary(Elementwise.Unary.SILU_D1, "silu'", x, 0, (t, g, o) -> grads(t.mul(g, t.siluD2(x))));
    }

    private Tensor siluD2(Tensor x) {
        return unary(Elementwise.Unary.SILU_D2, "silu''", x, 0, (t, g, o) -> {
            throw new UnsupportedOperationException("the third derivative of silu is not implemented");
        });
    }

    /** tanh x. Backward: g (1 - y^2). */
    public Tensor tanh(Tensor x) {
        return unary(Elementwise.Unary.TANH, "tanh", x, 0,
                (t, g, o) -> grads(t.mul(g, t.affine(t.square(o), -1, 1))));
    }

    /** 1 / (1 + e^-x). Backward: g y (1 - y). */
    public Tensor sigmoid(Tensor x) {
        return unary(Elementwise.Unary.SIGMOID, "sigmoid", x, 0,
                (t, g, o) -> grads(t.mul(g, t.mul(o, t.affine(o, -1, 1)))));
    }

    /** e^x. Backward: g y. */
    public Tensor exp(Tensor x) {
        return unary(Elementwise.Unary.EXP, "exp", x, 0, (t, g, o) -> grads(t.mul(g, o)));
    }

    /** ln x. Backward: g / x. */
    public Tensor log(Tensor x) {
        return unary(Elementwise.Unary.LOG, "log", x, 0, (t, g, o) -> grads(t.div(g, x)));
    }

    /** sqrt x. Backward: g / (2 y). */
    public Tensor sqrt(Tensor x) {
        return unary(Elementwise.Unary.SQRT, "sqrt", x, 0, (t, g, o) -> grads(t.scale(t.div(g, o), 0.5)));
    }

    /** x^p for a number p. Backward: g p x^(p-1). */
    public Tensor pow(Tensor x, double p) {
        return unary(Elementwise.Unary.POW, "pow", x, p,
                (t, g, o) -> grads(p == 0 ? null : t.mul(g, t.scale(t.pow(x, p - 1), p))));
    }

    /** x^2. */
    public Tensor square(Tensor x) {
        return unary(Elementwise.Unary.SQUARE, "square", x, 0, (t, g, o) -> grads(t.mul(g, t.scale(x, 2))));
    }

    /** |x|. Backward: g sign(x) (0 at 0). */
    public Tensor abs(Tensor x) {
        return unary(Elementwise.Unary.ABS, "abs", x, 0, (t, g, o) -> grads(t.mul(g, t.sign(x))));
    }

    /** sign(x), whose derivative is zero. */
    public Tensor sign(Tensor x) {
        return unary(Elementwise.Unary.SIGN, "sign", x, 0, (t, g, o) -> grads((Tensor) null));
    }

    // ================================================================================================ reductions

    /** The sum of all elements, a rank-0 tensor. */
    public Tensor sum(Tensor x) {
        return sumTo(x, new int[0]);
    }

    /** The mean of all elements. */
    public Tensor mean(Tensor x) {
        return scale(sum(x), 1.0 / x.size());
    }

    /**
     * The sum over one axis of a matrix, keeping it with length 1: axis 0 gives 1 x C (column sums), axis 1 or
     * -1 gives R x 1 (row sums; for rank 3, the last axis).
     */
    public Tensor sum(Tensor x, int axis) {
        int[] s = x.shapeView().clone();
        if (axis == -1 || axis == s.length - 1) {
            s[s.length - 1] = 1;
        } else if (axis == 0 && s.length == 2) {
            s[0] = 1;
        } else {
            throw new IllegalArgumentException("sum over axis " + axis + " of shape " + Arrays.toString(x.shapeView())
                    + ": use axis 0 of a matrix or the last axis");
        }
        return sumTo(x, s);
    }

    /** The mean over one axis (see {@link #sum(Tensor, int)}). */
    public Tensor mean(Tensor x, int axis) {
        int len = axis == 0 ? x.dim(0) : x.dim(-1);
        return scale(sum(x, axis), 1.0 / len);
    }

    /** x summed over the axes along which {@code shape} broadcasts to x's shape; x itself if equal. */
    Tensor sumTo(Tensor x, int[] shape) {
        if (Arrays.equals(x.shapeView(), shape)) {
            return x;
        }
        Tensor out = Reduce.sumTo(x, shape, this);
        return record(out, "sum", (t, g, o) -> grads(t.expand(g, x.shapeView())), x);
    }

    /** x broadcast to {@code shape} and written out; x itself if equal. */
    Tensor expand(Tensor x, int[] shape) {
        if (Arrays.equals(x.shapeView(), shape)) {
            return x;
        }
        Tensor out = Reduce.expand(x, shape, this);
        return record(out, "expand", (t, g, o) -> grads(t.sumTo(g, x.shapeView())), x);
    }

    // ================================================================================================ layout

    /** The same values with another shape of equal size; one dimension may be -1. Shares the array. */
    public Tensor reshape(Tensor x, int... shape) {
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
        return record(out, "reshape", (t, g, o) -> grads(t.reshape(g, back)), x);
    }

    /**
     * The same values in another element type (float64 for the Gram matrix of a float32 network's outputs, say).
     * Backward: the gradient converted back to x's type. O(size); x itself when the types agree.
     */
    public Tensor cast(Tensor x, DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (x.dtype() == dtype) {
            return x;
        }
        Tensor out = alloc(dtype, x.shapeView().clone(), false);
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
        return record(out, "cast", (t, g, o) -> grads(t.cast(g, back)), x);
    }

    /** The transpose of a matrix, or of each matrix of a rank-3 batch. */
    public Tensor transpose(Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("transpose of shape " + Arrays.toString(x.shapeView()));
        }
        return record(Layout.transpose(x, this), "transpose", (t, g, o) -> grads(t.transpose(g)), x);
    }

    /** The parts joined along axis 0 or the last axis; all other dimensions must agree. */
    public Tensor concat(int axis, Tensor... parts) {
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
        Tensor out = Layout.concat(ax, parts, this);
        Tensor[] ins = parts.clone();
        return record(out, "concat", (t, g, o) -> {
            Tensor[] gs = new Tensor[ins.length];
            int at = 0;
            for (int i = 0; i < ins.length; i++) {
                int len = ins[i].dim(ax);
                gs[i] = ins[i].requiresGrad() ? t.slice(g, ax, at, at + len) : null;
                at += len;
            }
            return gs;
        }, ins);
    }

    /** Indices [from, to) along {@code axis}. Backward: the gradient placed into zeros. */
    public Tensor slice(Tensor x, int axis, int from, int to) {
        int ax = axis < 0 ? x.rank() + axis : axis;
        if (ax < 0 || ax >= x.rank() || from < 0 || to > x.dim(ax) || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") along axis " + axis + " of shape "
                    + Arrays.toString(x.shapeView()));
        }
        int[] shape = x.shapeView();
        return record(Layout.slice(x, ax, from, to, this), "slice", (t, g, o) -> grads(t.place(g, shape, ax, from)), x);
    }

    private Tensor place(Tensor g, int[] shape, int axis, int from) {
        int len = g.dim(axis);
        return record(Layout.place(g, shape, axis, from, this), "place",
                (t, gg, o) -> grads(t.slice(gg, axis, from, from + len)), g);
    }

    // ================================================================================================ indexing

    /** Rows x[idx[k]] for k = 0..size-1 (index-select). Backward: scatter-sum of the gradient through idx. */
    public Tensor gather(Tensor x, Index idx) {
        if (x.rank() == 0 || x.dim(0) != idx.range()) {
            throw new IllegalArgumentException("gather: index range " + idx.range() + " but input has shape "
                    + Arrays.toString(x.shapeView()));
        }
        return record(Scatter.gather(x, idx, this), "gather", (t, g, o) -> grads(t.scatterSum(g, idx)), x);
    }

    /**
     * S B for a constant sparse S (rows x cols) and B with cols rows (a row is everything after the first axis).
     * Backward: dB = S^T dY. O(nnz x row length), deterministic.
     */
    public Tensor sparseMultiply(SparseMatrix s, Tensor b) {
        if (b.rank() == 0 || b.dim(0) != s.cols()) {
            throw new IllegalArgumentException("sparseMultiply: matrix is " + s.rows() + " x " + s.cols()
                    + ", dense operand has shape " + Arrays.toString(b.shapeView()));
        }
        int[] shape = b.shapeView().clone();
        shape[0] = s.rows();
        Tensor out = alloc(b.dtype(), shape, false);
        s.multiply(b, 0, out, threads);
        return record(out, "sparseMultiply", (t, g, o) -> grads(t.sparseMultiply(s.transpose(), g)), b);
    }

    /**
     * y = act(x W + b), act = ReLU or the identity: a layer's linear map, bias and activation in one output array
     * where {@link #matmul}, {@link #add} and {@link #relu} make three (same values, bit for bit). x is read as rows x
     * in (any leading shape, which y keeps with the last dimension out), W is in x out, b has out values or is null.
     * Backward: dZ = g where y &gt; 0 (with ReLU; g itself without), dx = dZ W^T, dW = x^T dZ, db = the column sums
     * of dZ; without recording, dZ is a scratch array given back to the workspace before the rule returns. Cost
     * 2 rows in out for the product, O(rows out) for the rest.
     */
    public Tensor linear(Tensor x, Tensor w, Tensor b, boolean relu) {
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
        Tensor y = alloc(x.dtype(), shape, false);
        Gemm.multiply(x, false, w, false, y, 1, rows, out, in, false, threads);
        Elementwise.biasActivation(y, b, relu, rows, out, threads);
        return record(y, "linear", (t, g, o) -> {
            if (!t.isRecording()) {
                Tensor dz = g;
                if (relu) {
                    dz = t.alloc(g.dtype(), g.shapeView().clone(), false);
                    Elementwise.reluGradInto(o, g, dz, t.threads);
                }
                Tensor dx = null;
                if (x.requiresGrad()) {
                    dx = t.alloc(x.dtype(), x.shapeView().clone(), false);
                    Gemm.multiply(dz, false, w, true, dx, 1, rows, in, out, false, t.threads);
                }
                Tensor dw = null;
                if (w.requiresGrad()) {
                    dw = t.alloc(w.dtype(), w.shapeView().clone(), false);
                    Gemm.multiply(x, true, dz, false, dw, 1, in, out, rows, false, t.threads);
                }
                Tensor db = b != null && b.requiresGrad()
                        ? Reduce.sumTo(new Tensor(new int[] {rows, out}, dz.f, dz.d, false, null, -1),
                        b.shapeView(), t) : null;
                if (relu) {
                    t.release(dz);
                }
                return grads(dx, dw, db);
            }
            Tensor dz = t.reshape(relu ? t.reluGrad(o, g) : g, rows, out);
            return grads(x.requiresGrad() ? t.reshape(t.matmul(dz, w, false, true), x.shapeView()) : null,
                    w.requiresGrad() ? t.matmul(t.reshape(x, rows, in), dz, true, false) : null,
                    b != null && b.requiresGrad() ? t.sumTo(dz, b.shapeView()) : null);
        }, x, w, b);
    }

    /**
     * y = (1 + eps) x + S x for a constant square sparse S and a one-element eps: the combination step of a graph
     * isomorphism network (Xu et al., ICLR 2019) with S the adjacency, in one pass and one output array where
     * {@link #sparseMultiply}, {@link #mul} and {@link #add} make three. A row of x is everything after the first
     * axis. Backward: dx = (1 + eps) g + S^T g (one pass), deps = sum(g * x). O(nnz w + size), deterministic.
     */
    public Tensor ginAggregate(SparseMatrix s, Tensor x, Tensor eps) {
        if (s.rows() != s.cols() || x.rank() == 0 || x.dim(0) != s.cols() || eps.size() != 1
                || eps.dtype() != x.dtype()) {
            throw new IllegalArgumentException("ginAggregate: matrix " + s.rows() + " x " + s.cols() + ", x "
                    + Arrays.toString(x.shapeView()) + ", eps " + Arrays.toString(eps.shapeView())
                    + " (square matrix, one eps of x's type)");
        }
        Tensor out = alloc(x.dtype(), x.shapeView().clone(), false);
        s.multiply(x, 1 + eps.getFlat(0), out, threads);
        return record(out, "ginAggregate", (t, g, o) -> {
            if (!t.isRecording()) {
                Tensor dx = null;
                if (x.requiresGrad()) {
                    dx = t.alloc(x.dtype(), x.shapeView().clone(), false);
                    s.transpose().multiply(g, 1 + eps.getFlat(0), dx, t.threads);
                }
                Tensor de = null;
                if (eps.requiresGrad()) {
                    de = t.alloc(eps.dtype(), eps.shapeView().clone(), false);
                    de.setFlat(0, Reduce.dot(g, x));
                }
                return grads(dx, de);
            }
            return grads(x.requiresGrad() ? t.add(t.mul(g, t.shift(eps, 1)), t.sparseMultiply(s.transpose(), g))
                    : null, eps.requiresGrad() ? t.reshape(t.sum(t.mul(g, x)), eps.shapeView()) : null);
        }, x, eps);
    }

    /** Embedding lookup: row {@code ids[k]} of {@code table} for every k; the same as {@link #gather}. */
    public Tensor embedding(Tensor table, Index ids) {
        return gather(table, ids);
    }

    /**
     * z[i] = sum of y[k] over k with idx[k] = i (scatter-add, segment sum): message aggregation and sum pooling.
     * Targets with no entry get 0. Backward: gather. O(size x row length), deterministic.
     */
    public Tensor scatterSum(Tensor y, Index idx) {
        if (y.rank() == 0 || y.dim(0) != idx.size()) {
            throw new IllegalArgumentException("scatterSum: index size " + idx.size() + " but input has shape "
                    + Arrays.toString(y.shapeView()));
        }
        return record(Scatter.scatterSum(y, idx, this), "scatterSum", (t, g, o) -> grads(t.gather(g, idx)), y);
    }

    /** The mean of the rows y[k] with idx[k] = i (mean pooling); an empty segment gives 0. y is a matrix. */
    public Tensor segmentMean(Tensor y, Index idx) {
        if (y.rank() != 2) {
            throw new IllegalArgumentException("segmentMean needs a matrix, got shape "
                    + Arrays.toString(y.shapeView()));
        }
        double[] inv = new double[idx.range()];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = idx.count(i) == 0 ? 0 : 1.0 / idx.count(i);
        }
        return mul(scatterSum(y, idx), Tensor.of(y.dtype(), inv, idx.range(), 1));
    }

    // ================================================================================================ dropout

    /**
     * Inverted dropout: each element is kept with probability 1 - p and scaled by 1 / (1 - p). Element i's coin is
     * SplitMix64 of (seed, i), so the mask does not depend on threads or on other calls.
     */
    public Tensor dropout(Tensor x, double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        if (p == 0) {
            return x;
        }
        double keep = 1 / (1 - p);
        double[] mask = new double[x.size()];
        for (int i = 0; i < mask.length; i++) {
            double u = (mix(seed ^ (0x9E3779B97F4A7C15L * (i + 1L))) >>> 11) * 0x1.0p-53;
            mask[i] = u < p ? 0 : keep;
        }
        return mul(x, Tensor.of(x.dtype(), mask, x.shapeView()));
    }

    // ================================================================================================ normalisation

    private static Tensor row(Tape t, Tensor v, int cols) {
        return t.reshape(v, 1, cols);
    }

    private static boolean[] checkMask(boolean[] mask, int rows) {
        if (mask != null && mask.length != rows) {
            throw new IllegalArgumentException("batch norm mask has length " + mask.length + ", input has " + rows
                    + " rows");
        }
        return mask == null ? null : mask.clone();
    }

    /**
     * Batch normalisation of the columns of the R x C matrix x: y = gamma (x - mean) / sqrt(var + eps) + beta,
     * with the mean and biased variance over the rows where {@code mask} is true (all rows if null; padded rows are
     * normalised with the same statistics but do not enter them). The batch mean and biased variance are written to
     * {@code meanOut} and {@code varianceOut} when not null (for running statistics). Ioffe and Szegedy 2015.
     * O(R C); the first-order backward is fused, the double-backward one composed.
     *
     * @throws IllegalArgumentException if no row is selected, or shapes disagree
     */
    public Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, boolean[] mask, double eps, double[] meanOut,
                            double[] varianceOut) {
        if (x.rank() != 2 || gamma.size() != x.cols() || beta.size() != x.cols() || gamma.dtype() != x.dtype()
                || beta.dtype() != x.dtype()) {
            throw new IllegalArgumentException("batchNorm: x " + Arrays.toString(x.shapeView()) + ", gamma "
                    + Arrays.toString(gamma.shapeView()) + ", beta " + Arrays.toString(beta.shapeView()));
        }
        boolean[] m = checkMask(mask, x.rows());
        Tensor out = alloc(x.dtype(), x.shapeView().clone(), false);
        Norms.BatchStats st = Norms.batchNorm(x, gamma, beta, m, eps, out, threads);
        if (st.count() == 0) {
            throw new IllegalArgumentException("batchNorm: the mask selects no row");
        }
        if (meanOut != null) {
            System.arraycopy(st.mean(), 0, meanOut, 0, x.cols());
        }
        if (varianceOut != null) {
            System.arraycopy(st.var(), 0, varianceOut, 0, x.cols());
        }
        return record(out, "batchNorm", (t, g, o) -> {
            if (!t.isRecording()) {
                Tensor dx = x.requiresGrad() ? t.alloc(x.dtype(), x.shapeView().clone(), false) : null;
                Tensor dg = gamma.requiresGrad() ? t.alloc(x.dtype(), gamma.shapeView().clone(), false) : null;
                Tensor db = beta.requiresGrad() ? t.alloc(x.dtype(), beta.shapeView().clone(), false) : null;
                Norms.batchNormBackward(x, gamma, m, st, g, dx, dg, db, threads);
                return grads(dx, dg, db);
            }
            return batchNormGradients(t, x, gamma, beta, m, eps, g, st.count());
        }, x, gamma, beta);
    }

    /** The batch-norm gradients as differentiable operations (same formulas as {@link Norms#batchNormBackward}). */
    private static Tensor[] batchNormGradients(Tape t, Tensor x, Tensor gamma, Tensor beta, boolean[] mask,
                                               double eps, Tensor g, int count) {
        int rows = x.rows();
        int cols = x.cols();
        Tensor mk = null;
        if (mask != null) {
            double[] mv = new double[rows];
            for (int r = 0; r < rows; r++) {
                mv[r] = mask[r] ? 1 : 0;
            }
            mk = Tensor.of(x.dtype(), mv, rows, 1);
        }
        int[] rowShape = {1, cols};
        Tensor xm = mk == null ? x : t.mul(x, mk);
        Tensor mean = t.scale(t.sumTo(xm, rowShape), 1.0 / count);
        Tensor xc = t.sub(x, mean);
        Tensor sq = t.square(xc);
        Tensor var = t.scale(t.sumTo(mk == null ? sq : t.mul(sq, mk), rowShape), 1.0 / count);
        Tensor r = t.pow(t.shift(var, eps), -0.5);
        Tensor xhat = t.mul(xc, r);
        Tensor s1 = t.sumTo(g, rowShape);
        Tensor s2 = t.sumTo(t.mul(g, xhat), rowShape);
        Tensor corr = t.scale(t.add(s1, t.mul(xhat, s2)), 1.0 / count);
        if (mk != null) {
            corr = t.mul(corr, mk);
        }
        Tensor dx = x.requiresGrad() ? t.mul(t.sub(g, corr), t.mul(row(t, gamma, cols), r)) : null;
        Tensor dg = gamma.requiresGrad() ? t.reshape(s2, gamma.shapeView()) : null;
        Tensor db = beta.requiresGrad() ? t.reshape(s1, beta.shapeView()) : null;
        return grads(dx, dg, db);
    }

    /**
     * Layer normalisation of each row of x (Ba et al. 2016): y = gamma (x - mean_r) / sqrt(var_r + eps) + beta,
     * gamma and beta of length C. O(R C); fused first-order backward, composed double backward.
     */
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, double eps) {
        if (x.rank() < 1 || gamma.size() != x.cols() || beta.size() != x.cols() || gamma.dtype() != x.dtype()
                || beta.dtype() != x.dtype()) {
            throw new IllegalArgumentException("layerNorm: x " + Arrays.toString(x.shapeView()) + ", gamma "
                    + Arrays.toString(gamma.shapeView()) + ", beta " + Arrays.toString(beta.shapeView()));
        }
        Tensor out = alloc(x.dtype(), x.shapeView().clone(), false);
        Norms.RowStats st = Norms.layerNorm(x, gamma, beta, eps, out, threads);
        return record(out, "layerNorm", (t, g, o) -> {
            if (!t.isRecording()) {
                Tensor dx = x.requiresGrad() ? t.alloc(x.dtype(), x.shapeView().clone(), false) : null;
                Tensor dg = gamma.requiresGrad() ? t.alloc(x.dtype(), gamma.shapeView().clone(), false) : null;
                Tensor db = beta.requiresGrad() ? t.alloc(x.dtype(), beta.shapeView().clone(), false) : null;
                Norms.layerNormBackward(x, gamma, st, g, dx, dg, db, threads);
                return grads(dx, dg, db);
            }
            return layerNormGradients(t, x, gamma, beta, eps, g);
        }, x, gamma, beta);
    }

    private static Tensor[] layerNormGradients(Tape t, Tensor x, Tensor gamma, Tensor beta, double eps, Tensor g) {
        int cols = x.cols();
        Tensor x2 = t.reshape(x, x.rows(), cols);
        Tensor g2 = t.reshape(g, x.rows(), cols);
        int[] colShape = {x.rows(), 1};
        Tensor mean = t.scale(t.sumTo(x2, colShape), 1.0 / cols);
        Tensor xc = t.sub(x2, mean);
        Tensor var = t.scale(t.sumTo(t.square(xc), colShape), 1.0 / cols);
        Tensor r = t.pow(t.shift(var, eps), -0.5);
        Tensor xhat = t.mul(xc, r);
        Tensor h = t.mul(g2, row(t, gamma, cols));
        Tensor a = t.scale(t.sumTo(h, colShape), 1.0 / cols);
        Tensor b = t.scale(t.sumTo(t.mul(h, xhat), colShape), 1.0 / cols);
        Tensor dx = x.requiresGrad()
                ? t.reshape(t.mul(t.sub(t.sub(h, a), t.mul(xhat, b)), r), x.shapeView()) : null;
        Tensor dg = gamma.requiresGrad() ? t.reshape(t.sumTo(t.mul(g2, xhat), new int[] {1, cols}),
                gamma.shapeView()) : null;
        Tensor db = beta.requiresGrad() ? t.reshape(t.sumTo(g2, new int[] {1, cols}), beta.shapeView()) : null;
        return grads(dx, dg, db);
    }

    // ================================================================================================ losses

    private static void sameShape(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shapeView(), b.shapeView())) {
            throw new IllegalArgumentException(op + ": prediction shape " + Arrays.toString(a.shapeView())
                    + " differs from target shape " + Arrays.toString(b.shapeView()));
        }
    }

    /** mean |prediction - target|. */
    public Tensor l1Loss(Tensor prediction, Tensor target) {
        sameShape("l1Loss", prediction, target);
        return mean(abs(sub(prediction, target)));
    }

    /** mean (prediction - target)^2. */
    public Tensor mseLoss(Tensor prediction, Tensor target) {
        sameShape("mseLoss", prediction, target);
        return mean(square(sub(prediction, target)));
    }

    /** Row-wise log softmax x - log sum exp x, computed stably. Backward: g - softmax sum_row(g). */
    public Tensor logSoftmax(Tensor x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("logSoftmax needs a matrix, got " + Arrays.toString(x.shapeView()));
        }
        int rows = x.rows();
        int cols = x.cols();
        Tensor out = alloc(x.dtype(), x.shapeView().clone(), false);
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
        return record(out, "logSoftmax",
                (t, g, o) -> grads(t.sub(g, t.mul(t.exp(o), t.sumTo(g, new int[] {rows, 1})))), x);
    }

    /** Mean cross-entropy of the rows of {@code logits} against class labels in [0, C). */
    public Tensor crossEntropy(Tensor logits, int[] labels) {
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
        Tensor picked = mul(logSoftmax(logits), Tensor.of(logits.dtype(), onehot, logits.shapeView()));
        return scale(sum(picked), -1.0 / labels.length);
    }

    // ================================================================================================ dense algebra

    /**
     * The Cholesky factor L (lower triangular, S = L L^T) of a symmetric positive definite k x k matrix; only the
     * lower triangle of S is read. Backward (Murray 2016, arXiv 1602.07527), symmetrised:
     * dS = sym(L^-T Phi(L^T dL) L^-1), Phi = lower triangle with half the diagonal. O(k^3).
     */
    public Tensor cholesky(Tensor s) {
        if (s.rank() != 2 || s.dim(0) != s.dim(1)) {
            throw new IllegalArgumentException("cholesky needs a square matrix, got "
                    + Arrays.toString(s.shapeView()));
        }
        return record(Linalg.cholesky(s), "cholesky", (t, g, l) -> {
            Tensor p = t.lowerTriangle(t.matmul(l, g, true, false), 0.5);
            Tensor w = t.solveTriangular(l, t.solveTriangular(l, p, true, true), false, false);
            return grads(t.scale(t.add(w, t.transpose(w)), 0.5));
        }, s);
    }

    /**
     * X = op(L)^-1 B ({@code left}) or B op(L)^-1, op(L) = L^T when {@code transpose}, L lower triangular k x k
     * (its upper triangle is ignored). Computed as L^-1 by substitution (O(k^3)) and a product on {@link Gemm}
     * (O(k^2 r)), which is fast for the tall B of an orthonormalisation. Backward, left: dB = op(L)^-T dX and
     * d op(L) = -dB X^T; right: dB = dX op(L)^-T and d op(L) = -X^T dB; dL is the lower triangle of that.
     */
    public Tensor solveTriangular(Tensor l, Tensor b, boolean left, boolean transpose) {
        int k = l.dim(0);
        if (l.rank() != 2 || l.dim(1) != k || b.rank() != 2 || (left ? b.dim(0) : b.dim(1)) != k
                || l.dtype() != b.dtype()) {
            throw new IllegalArgumentException("solveTriangular: L " + Arrays.toString(l.shapeView()) + ", B "
                    + Arrays.toString(b.shapeView()) + (left ? " (left)" : " (right)"));
        }
        Tensor inv = Tensor.of(l.dtype(), Linalg.lowerInverse(l), k, k);
        Tensor out = alloc(b.dtype(), b.shapeView().clone(), false);
        if (left) {
            Gemm.multiply(inv, transpose, b, false, out, 1, k, b.dim(1), k, false, threads);
        } else {
            Gemm.multiply(b, false, inv, transpose, out, 1, b.dim(0), k, k, false, threads);
        }
        return record(out, "solveTriangular", (t, g, x) -> {
            Tensor gb = t.solveTriangular(l, g, left, !transpose);
            Tensor gl = null;
            if (l.requiresGrad()) {
                Tensor m;
                if (left) {
                    m = transpose ? t.matmul(x, gb, false, true) : t.matmul(gb, x, false, true);
                } else {
                    m = transpose ? t.matmul(gb, x, true, false) : t.matmul(x, gb, true, false);
                }
                gl = t.neg(t.lowerTriangle(m, 1));
            }
            return grads(gl, b.requiresGrad() ? gb : null);
        }, l, b);
    }

    /** The lower triangle of a square matrix, diagonal times {@code diagScale}; it is its own adjoint. */
    public Tensor lowerTriangle(Tensor x, double diagScale) {
        if (x.rank() != 2 || x.dim(0) != x.dim(1)) {
            throw new IllegalArgumentException("lowerTriangle needs a square matrix, got "
                    + Arrays.toString(x.shapeView()));
        }
        return record(Linalg.lowerTriangle(x, diagScale), "lowerTriangle",
                (t, g, o) -> grads(t.lowerTriangle(g, diagScale)), x);
    }

    /**
     * Orthonormalises the columns of the N x K matrix Q in the inner product of the point weights w (an N-vector
     * or N x 1 column, e.g. the sampling measure; null for uniform weights): B = Q R^-1 with R = L^T and L the
     * Cholesky factor of Q^T diag(w) Q, so B^T diag(w) B = I and B_k spans the first k columns of Q for every k
     * (methods.md section 5). Differentiable (twice); cost 2 N K^2 for the Gram matrix, K^3 / 3 for the factor and
     * N K^2 for the solve. Use float64 for large N or nearly dependent columns: the Gram matrix squares the
     * condition number.
     */
    public Tensor orthonormalize(Tensor q, Tensor w) {
        if (q.rank() != 2) {
            throw new IllegalArgumentException("orthonormalize needs an N x K matrix, got "
                    + Arrays.toString(q.shapeView()));
        }
        Tensor qw = q;
        if (w != null) {
            if (w.size() != q.rows()) {
                throw new IllegalArgumentException("orthonormalize: " + w.size() + " weights for " + q.rows()
                        + " rows");
            }
            qw = mul(q, reshape(w, q.rows(), 1));
        }
        Tensor l = cholesky(matmul(q, qw, true, false));
        return solveTriangular(l, q, false, true);
    }
}
