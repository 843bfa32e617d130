package lapis.nn;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A dense array of {@link DType} values in row-major order with a shape, and its place in automatic
 * differentiation.
 *
 * <p>There are three kinds. A <em>constant</em> (inputs, targets, anything made with the factories here) needs no
 * gradient. A <em>leaf</em> ({@link #variable}, model parameters) needs one: {@link Tape#backward} adds
 * d(loss)/d(leaf) into {@link #grad()}, so gradients accumulate over calls until {@link #zeroGrad()}. A
 * <em>result</em> is made by an operation on a {@link Tape}; it needs a gradient exactly when one of its inputs
 * does, and then it is recorded on that tape.
 *
 * <p>Values are immutable except a leaf's, which {@link #assign} overwrites in place (optimisers do this between
 * steps, never during one). Operations may share arrays ({@link Shapes#reshape} does), which is safe because of that
 * rule. Shapes have rank 0 (a scalar), 1, 2 or 3; most operations read a tensor as a matrix whose row length is
 * the last dimension.
 */
public final class Tensor {
    private final int[] shape;
    private final int size;
    final float[] f;
    final double[] d;
    private final boolean requiresGrad;
    final Tape tape;
    final int node;
    private Tensor grad;

    Tensor(int[] shape, float[] f, double[] d, boolean requiresGrad, Tape tape, int node) {
        this.shape = shape;
        this.size = sizeOf(shape);
        this.f = f;
        this.d = d;
        this.requiresGrad = requiresGrad;
        this.tape = tape;
        this.node = node;
    }

    // ---------------------------------------------------------------------------------------------- factories

    /** A float64 constant holding a copy of {@code values} with the given shape. */
    public static Tensor of(double[] values, int... shape) {
        Objects.requireNonNull(values, "values");
        int[] s = checkShape(shape, values.length);
        return new Tensor(s, null, values.clone(), false, null, -1);
    }

    /** A float32 constant holding a copy of {@code values} with the given shape. */
    public static Tensor of(float[] values, int... shape) {
        Objects.requireNonNull(values, "values");
        int[] s = checkShape(shape, values.length);
        return new Tensor(s, values.clone(), null, false, null, -1);
    }

    /** A constant of type {@code dtype} holding {@code values} rounded to it. */
    public static Tensor of(DType dtype, double[] values, int... shape) {
        Objects.requireNonNull(values, "values");
        int[] s = checkShape(shape, values.length);
        if (dtype == DType.F64) {
            return new Tensor(s, null, values.clone(), false, null, -1);
        }
        float[] v = new float[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values[i];
        }
        return new Tensor(s, v, null, false, null, -1);
    }

    /** A constant of zeros. */
    public static Tensor zeros(DType dtype, int... shape) {
        int[] s = checkShape(shape, -1);
        return blank(dtype, s);
    }

    /** A constant filled with {@code value}. */
    public static Tensor full(DType dtype, double value, int... shape) {
        Tensor t = zeros(dtype, shape);
        if (t.f != null) {
            Arrays.fill(t.f, (float) value);
        } else {
            Arrays.fill(t.d, value);
        }
        return t;
    }

    /** A rank-0 constant. */
    public static Tensor scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    /** A constant with independent U(lo, hi) entries drawn from {@code rng} in row-major order. */
    public static Tensor uniform(DType dtype, RandomGenerator rng, double lo, double hi, int... shape) {
        Objects.requireNonNull(rng, "rng");
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, lo + (hi - lo) * rng.nextDouble());
        }
        return t;
    }

    /** A constant with independent N(0, std^2) entries drawn from {@code rng} in row-major order. */
    public static Tensor normal(DType dtype, RandomGenerator rng, double std, int... shape) {
        Objects.requireNonNull(rng, "rng");
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, std * rng.nextGaussian());
        }
        return t;
    }

    /** A leaf that needs a gradient, holding a copy of this tensor's values: a trainable parameter. */
    public Tensor variable() {
        return new Tensor(shape.clone(), f == null ? null : Arrays.copyOf(f, size),
                d == null ? null : Arrays.copyOf(d, size), true, null, -1);
    }

    /** A constant holding a copy of this tensor's values, cut from any tape. */
    public Tensor detach() {
        return new Tensor(shape.clone(), f == null ? null : Arrays.copyOf(f, size),
                d == null ? null : Arrays.copyOf(d, size), false, null, -1);
    }

    /** A constant copy converted to {@code dtype}. */
    public Tensor to(DType dtype) {
        return of(dtype, toDoubleArray(), shape);
    }

    static Tensor blank(DType dtype, int[] shape) {
        int n = sizeOf(shape);
        return dtype == DType.F32
                ? new Tensor(shape, new float[n], null, false, null, -1)
                : new Tensor(shape, null, new double[n], false, null, -1);
    }

    static Tensor blankLike(Tensor like, int[] shape) {
        return blank(like.dtype(), shape);
    }

    private static int[] checkShape(int[] shape, int expectedSize) {
        Objects.requireNonNull(shape, "shape");
        if (shape.length > 3) {
            throw new IllegalArgumentException("rank must be <= 3, got shape " + Arrays.toString(shape));
        }
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31 - 1 entries");
        }
        if (expectedSize >= 0 && n != expectedSize) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values, got " + expectedSize);
        }
        return shape.clone();
    }

    static int sizeOf(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** The element type. */
    public DType dtype() {
        return f != null ? DType.F32 : DType.F64;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    int[] shapeView() {
        return shape;
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Dimension i; negative i counts from the end. */
    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    /** Number of elements (the array may be longer: a pooled buffer from a {@link Workspace}). */
    public int size() {
        return size;
    }

    /** Rows when read as a matrix: the product of all dimensions but the last (1 for rank 0 and 1). */
    public int rows() {
        return shape.length <= 1 ? 1 : size() / shape[shape.length - 1];
    }

    /** Columns when read as a matrix: the last dimension (1 for rank 0). */
    public int cols() {
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }

    /** Whether d(loss)/d(this) is computed: leaves made by {@link #variable} and results recorded on a tape. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Whether this is a leaf that needs a gradient (a parameter). */
    public boolean isLeaf() {
        return requiresGrad && tape == null;
    }

    /** Element at flat row-major position i. */
    public double getFlat(int i) {
        return f != null ? f[i] : d[i];
    }

    void setFlat(int i, double v) {
        if (f != null) {
            f[i] = (float) v;
        } else {
            d[i] = v;
        }
    }

    /** Element at the given indices (one per dimension). */
    public double get(int... idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException(idx.length + " indices for shape " + Arrays.toString(shape));
        }
        int flat = 0;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " outside shape "
                        + Arrays.toString(shape));
            }
            flat = flat * shape[i] + idx[i];
        }
        return getFlat(flat);
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (size() != 1) {
            throw new IllegalStateException("item() of a tensor with shape " + Arrays.toString(shape));
        }
        return getFlat(0);
    }

    /** The values as a new double array. */
    public double[] toDoubleArray() {
        if (d != null) {
            return Arrays.copyOf(d, size);
        }
        double[] out = new double[size];
        for (int i = 0; i < out.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** The values as a new float array. */
    public float[] toFloatArray() {
        if (f != null) {
            return Arrays.copyOf(f, size);
        }
        float[] out = new float[size];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- leaves

    /** The accumulated gradient of a leaf (a constant of the same shape), or null before any backward pass. */
    public Tensor grad() {
        return grad;
    }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /** Multiplies the accumulated gradient by {@code factor} (gradient clipping). */
    public void scaleGrad(double factor) {
        if (grad != null) {
            Elementwise.scaleInPlace(grad, factor);
        }
    }

    /**
     * Overwrites a leaf's or constant's values with {@code values} (rounded to the dtype). Optimisers call this
     * between steps; a result recorded on a tape cannot be assigned.
     */
    public void assign(double[] values) {
        Objects.requireNonNull(values, "values");
        if (tape != null) {
            throw new IllegalStateException("cannot assign to a result recorded on a tape");
        }
        if (values.length != size()) {
            throw new IllegalArgumentException("assign: " + values.length + " values for shape "
                    + Arrays.toString(shape));
        }
        if (d != null) {
            System.arraycopy(values, 0, d, 0, values.length);
        } else {
            for (int i = 0; i < values.length; i++) {
                f[i] = (float) values[i];
            }
        }
    }

    void accumulateGrad(Tensor g) {
        if (grad == null) {
            Tensor copy = blankLike(this, shape.clone());
            Elementwise.copyInto(g, copy);
            grad = copy;
        } else {
            Elementwise.addInPlace(grad, g);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor(").append(dtype()).append(' ').append(Arrays.toString(shape));
        int shown = Math.min(size(), 6);
        sb.append(" [");
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(getFlat(i));
        }
        sb.append(size() > shown ? ", ...])" : "])");
        return sb.toString();
    }
}
