package lapis.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lapis.graph.Seeds;

/**
 * The record of one step of computation: a reverse-mode automatic differentiation engine in the manner of
 * micrograd and PyTorch's autograd. The operations that write to it are static methods of their families, each
 * taking the tape first: {@link Arithmetic}, {@link Activations}, {@link Reductions}, {@link Shapes},
 * {@link LinearAlgebra}, {@link MessagePassing}, {@link FusedLayers}, {@link NormalizationLayers},
 * {@link Regularization} and {@link Losses}.
 *
 * <p>Each operation computes its result at once. If an input needs a gradient and the tape records, the result is
 * appended to the tape together with its backward rule, which sits next to the operation's forward code. Since
 * results are appended in the order they are made, the tape is already topologically sorted: {@link #backward}
 * walks it once in reverse. A gradient reaching a tensor from several consumers is summed; inputs that need no
 * gradient are skipped. There is no global state: the tape is owned by the step that made it and dropped with it,
 * or closed: a tape made with a {@link Workspace} takes its result arrays from it and gives them back in
 * {@link #close()}, after which its results are invalid (a training loop then allocates nothing large).
 *
 * <p><b>Higher derivatives: double backward.</b> Every backward rule is written with the same differentiable
 * operations. {@link #gradients(Tensor, List, boolean)} with {@code createGraph = true} runs the rules on this tape
 * itself, so the gradients are recorded results that can be differentiated again: a Hessian-vector product is
 * {@code gradients(sum(g . v), params, false)} with {@code g = gradients(loss, params, true)} (Pearlmutter 1994,
 * computed as reverse-over-reverse). Without {@code createGraph} the rules run on a non-recording twin, and the
 * operations that have fused first-order kernels (batch and layer norm, the fused layers) use them. Only the third
 * derivatives of gelu and silu are missing; asking for one throws.
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
        return Seeds.mix(seed + Seeds.GOLDEN_GAMMA * ++seedCounter);
    }

    /**
     * {@code out} as a result of operation {@code op} with backward {@code rule}, when this tape records and some
     * input needs a gradient; else {@code out} itself.
     *
     * @throws IllegalArgumentException if an input that needs a gradient was recorded on another tape
     */
    Tensor record(Tensor out, String op, Rule rule, Tensor... inputs) {
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

    /** A rule's result: the gradients of the inputs in their order, null where none is needed. */
    static Tensor[] grads(Tensor... g) {
        return g;
    }

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
                        acc[k] = Arithmetic.add(bt, acc[k], gj);
                        owned[k] = !createGraph;
                    }
                } else if (leafSink == null) {
                    in.accumulateGrad(gj);
                } else if (leafSink.containsKey(in)) {
                    Tensor prev = leafSink.get(in);
                    leafSink.put(in, prev == null ? gj : Arithmetic.add(bt, prev, gj));
                }
            }
        }
    }
}
