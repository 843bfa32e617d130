package lapis.bases;

import java.util.Objects;
import java.util.SplittableRandom;
import lapis.graph.knn.PointSet;
import lapis.nn.DType;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.layers.Mlp;
import lapis.nn.layers.Norm;

/**
 * f : R^D -&gt; R^K, a per-point coordinate network: x is centred and scaled to unit root-mean-square radius with
 * the training points' statistics, mapped to Fourier features phi(x) = [x, cos(2 pi x Omega), sin(2 pi x Omega)]
 * with a fixed Gaussian Omega (D x F, entries N(0, s^2); Tancik et al., NeurIPS 2020), then through an MLP of
 * {@code layers} linear maps with ReLU between them (float32).
 *
 * <p>Why per point and not the reference's transformer over the point set: a per-point network evaluates a new
 * point on its own (out of sample, one row at a time) and costs O(N) per step instead of O(N^2) attention.
 *
 * <p>Cost per point: 2 (D + 2F) H + 2 (layers - 2) H^2 + 2 H K flops forward, about three times that with the
 * backward sweep. The normalisation and Omega are buffers, so a checkpoint restores the same function.
 */
public final class CoordinateNetwork extends Module {
    /** Sizes: K outputs, F Fourier frequencies of scale s, H hidden units, {@code layers} linear maps. */
    public record Options(int outputs, int fourierFeatures, double featureScale, int hidden, int layers) {
        public Options {
            if (outputs < 1 || fourierFeatures < 0 || hidden < 1 || layers < 1) {
                throw new IllegalArgumentException("network sizes: need K >= 1, F >= 0, H >= 1, layers >= 1; got K "
                        + outputs + ", F " + fourierFeatures + ", H " + hidden + ", layers " + layers);
            }
            if (!(featureScale > 0) || Double.isInfinite(featureScale)) {
                throw new IllegalArgumentException("feature scale must be finite and > 0, got " + featureScale);
            }
        }

        /** 64 frequencies of scale 1, 128 hidden units, 4 linear maps. */
        public static Options defaults(int outputs) {
            return new Options(outputs, 64, 1.0, 128, 4);
        }

        public Options withFourierFeatures(int f) {
            return new Options(outputs, f, featureScale, hidden, layers);
        }

        public Options withFeatureScale(double s) {
            return new Options(outputs, fourierFeatures, s, hidden, layers);
        }

        public Options withHidden(int h) {
            return new Options(outputs, fourierFeatures, featureScale, h, layers);
        }

        public Options withLayers(int l) {
            return new Options(outputs, fourierFeatures, featureScale, hidden, l);
        }
    }

    private final Options options;
    private final int dimension;
    private final Tensor center;
    private final Tensor scale;
    private final Tensor omega;
    private final Mlp mlp;

    /**
     * A network for points of the given dimension, normalised by {@code center} and {@code scale}, with weights
     * and Omega drawn from {@code seed}.
     */
    public CoordinateNetwork(int dimension, double[] center, double scale, Options options, long seed) {
        this.options = Objects.requireNonNull(options, "options");
        if (dimension < 1 || center.length != dimension || !(scale > 0)) {
            throw new IllegalArgumentException("need dimension >= 1, a centre of that length and a scale > 0; got "
                    + dimension + ", " + center.length + ", " + scale);
        }
        this.dimension = dimension;
        SplittableRandom rng = new SplittableRandom(seed);
        this.center = buffer("center", Tensor.of(DType.F64, center.clone(), dimension));
        this.scale = buffer("scale", Tensor.scalar(DType.F64, scale));
        this.omega = buffer("omega", Tensor.normal(DType.F64, rng, options.featureScale(), dimension,
                Math.max(1, options.fourierFeatures())));
        this.mlp = child("mlp", new Mlp(options.layers(), featureCount(), options.hidden(), options.outputs(),
                Norm.NONE, DType.F32, rng));
    }

    /** A network normalised by the centroid and root-mean-square radius of the training points. */
    public static CoordinateNetwork forPoints(PointSet points, Options options, long seed) {
        int n = points.size();
        int d = points.dimension();
        if (n < 1) {
            throw new IllegalArgumentException("no training points");
        }
        double[] c = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                c[a] += points.coordinate(i, a) / n;
            }
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double z = points.coordinate(i, a) - c[a];
                ss += z * z;
            }
        }
        double rms = Math.sqrt(ss / n);
        return new CoordinateNetwork(d, c, rms > 0 ? rms : 1, options, seed);
    }

    public Options options() {
        return options;
    }

    /** D, the dimension of the input points. */
    public int dimension() {
        return dimension;
    }

    /** D + 2F, the width of the feature vector. */
    public int featureCount() {
        return dimension + 2 * options.fourierFeatures();
    }

    /**
     * The Fourier features of the points, a constant n x (D + 2F) float32 tensor: computed once for a fixed point
     * set, since they need no gradient. O(n D F).
     *
     * @throws IllegalArgumentException if the points have another dimension
     */
    public Tensor features(PointSet points) {
        if (points.dimension() != dimension) {
            throw new IllegalArgumentException("points of dimension " + points.dimension() + " for a network trained"
                    + " on dimension " + dimension);
        }
        int n = points.size();
        int f = options.fourierFeatures();
        int w = featureCount();
        float[] out = new float[n * w];
        double s = scale.item();
        double[] c = center.toDoubleArray();
        double[] om = omega.toDoubleArray();
        double[] z = new double[dimension];
        for (int i = 0; i < n; i++) {
            int row = i * w;
            for (int a = 0; a < dimension; a++) {
                z[a] = (points.coordinate(i, a) - c[a]) / s;
                out[row + a] = (float) z[a];
            }
            for (int j = 0; j < f; j++) {
                double t = 0;
                for (int a = 0; a < dimension; a++) {
                    t += z[a] * om[a * f + j];
                }
                t *= 2 * Math.PI;
                out[row + dimension + j] = (float) Math.cos(t);
                out[row + dimension + f + j] = (float) Math.sin(t);
            }
        }
        return Tensor.of(out, n, w);
    }

    /** The n x K outputs for features from {@link #features}. */
    public Tensor forward(Tape t, Tensor features) {
        return mlp.forward(t, features);
    }
}
