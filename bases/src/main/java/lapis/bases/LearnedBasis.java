package lapis.bases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import lapis.graph.knn.PointSet;
import lapis.nn.DType;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import lapis.nn.checkpoint.Checkpoint;
import lapis.nn.checkpoint.CheckpointException;

/**
 * A trained spectral basis: the functions q_k(x) = (f(x) R^-1)_k for k = 1..K, with f the trained
 * {@link CoordinateNetwork} and R fixed from the training points, so that (1/N) sum_i q(x_i) q(x_i)^T = I there.
 * Immutable: the network is private and only evaluated.
 *
 * <p>Read-backs (see {@link SpectrumReadout}): the eigenvalues in Laplace-Beltrami units, the raw ones in the probe
 * family's units and the captured variances they came from; when the probe family puts the measure into the first
 * function, the relative sampling density 1 / q_1(x)^2 (1 for uniform sampling; the density per unit area is this
 * divided by the area) and the eigenfunctions proper psi_k = q_k / q_1, orthonormal in area / total area. Otherwise
 * the eigenfunctions are the q_k themselves and the density is not available.
 *
 * <p>{@link #save} writes one CRC-checked checkpoint file (as nn checkpoints) that {@link #load} restores bit for
 * bit. Evaluating n points costs one network pass, O(n) in the network's per-point cost, plus 2 n K^2.
 */
public final class LearnedBasis {
    /** How the basis was trained: steps, seconds, the last step's loss, the loss of every step. */
    public record Training(String probes, int probesPerStep, int steps, double seconds, double finalLoss,
                           double[] lossCurve) {
        public Training {
            Objects.requireNonNull(probes, "probes");
            lossCurve = lossCurve.clone();
        }

        @Override
        public double[] lossCurve() {
            return lossCurve.clone();
        }
    }

    private final CoordinateNetwork network;
    private final double[] rInverse;
    private final double[] eigenvalues;
    private final double[] rawEigenvalues;
    private final double[] captured;
    private final double calibration;
    private final boolean measureInFirst;
    private final Training training;

    LearnedBasis(CoordinateNetwork network, double[] rInverse, double[] eigenvalues, double[] rawEigenvalues,
                 double[] captured, double calibration, boolean measureInFirst, Training training) {
        this.network = network;
        this.rInverse = rInverse.clone();
        this.eigenvalues = eigenvalues.clone();
        this.rawEigenvalues = rawEigenvalues.clone();
        this.captured = captured.clone();
        this.calibration = calibration;
        this.measureInFirst = measureInFirst;
        this.training = Objects.requireNonNull(training, "training");
    }

    /** K, the number of functions. */
    public int size() {
        return eigenvalues.length;
    }

    /** D, the dimension of the points the basis takes. */
    public int dimension() {
        return network.dimension();
    }

    public CoordinateNetwork.Options networkOptions() {
        return network.options();
    }

    /** Eigenvalue estimates in Laplace-Beltrami units of the input coordinates, first 0. */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** The eigenvalues in the probe family's own units, before calibration. */
    public double[] rawEigenvalues() {
        return rawEigenvalues.clone();
    }

    /** mu_k, the variance of the probes captured by q_k. */
    public double[] capturedVariance() {
        return captured.clone();
    }

    /** The factor from raw to Laplace-Beltrami units. */
    public double calibration() {
        return calibration;
    }

    /** Whether q_1 carries the sampling measure, so that {@link #density} and q_k / q_1 are meaningful. */
    public boolean measureInFirstFunction() {
        return measureInFirst;
    }

    public Training training() {
        return training;
    }

    /** The n x K values q_k(x_i), row-major, for any points of dimension D. */
    public double[] evaluate(PointSet points, Threads threads) {
        Tensor features = network.features(points);
        double[] q;
        try (Tape t = Tape.inference(threads)) {
            q = network.forward(t, features).toDoubleArray();
        }
        return times(q, points.size(), rInverse, size());
    }

    /** As {@link #evaluate(PointSet, Threads)} on the calling thread. */
    public double[] evaluate(PointSet points) {
        try (Threads one = Threads.single()) {
            return evaluate(points, one);
        }
    }

    /**
     * The eigenfunctions at the points, n x K row-major: psi_k = q_k / q_1 when the measure is in the first
     * function (psi_1 = 1), else q_k.
     */
    public double[] eigenfunctions(PointSet points, Threads threads) {
        double[] q = evaluate(points, threads);
        return measureInFirst ? SpectrumReadout.divideByFirst(q, points.size(), size()) : q;
    }

    /**
     * The relative sampling density 1 / q_1(x)^2 at the points (its mean over the training points' measure is 1
     * by construction, and it is 1 everywhere for uniform sampling).
     *
     * @throws IllegalStateException if the probe family does not carry the measure in the first function
     */
    public double[] density(PointSet points, Threads threads) {
        if (!measureInFirst) {
            throw new IllegalStateException("probes of this basis (" + training.probes() + ") do not carry the "
                    + "sampling measure in the first function; train with diffusion probes to read the density");
        }
        return SpectrumReadout.relativeDensity(evaluate(points, threads), points.size(), size());
    }

    static double[] times(double[] a, int n, double[] b, int k) {
        double[] out = new double[n * k];
        int m = b.length / k;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                double v = a[i * m + c];
                if (v == 0) {
                    continue;
                }
                for (int j = 0; j < k; j++) {
                    out[i * k + j] += v * b[c * k + j];
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ files

    /** The checkpoint's model: the network and the read-backs as buffers. */
    private static final class Stored extends Module {
        Stored(CoordinateNetwork network, double[] config, double[] rInverse, double[] eigenvalues, double[] raw,
               double[] captured, double[] loss, String probes) {
            child("network", network);
            buffer("config", Tensor.of(DType.F64, config, config.length));
            int k = eigenvalues.length;
            buffer("rinverse", Tensor.of(DType.F64, rInverse, k, k));
            buffer("eigenvalues", Tensor.of(DType.F64, eigenvalues, k));
            buffer("raw", Tensor.of(DType.F64, raw, k));
            buffer("captured", Tensor.of(DType.F64, captured, k));
            buffer("loss", Tensor.of(DType.F64, loss.length == 0 ? new double[1] : loss, Math.max(1, loss.length)));
            byte[] name = probes.getBytes(StandardCharsets.UTF_8);
            double[] codes = new double[Math.max(1, name.length)];
            for (int i = 0; i < name.length; i++) {
                codes[i] = name[i];
            }
            buffer("probes", Tensor.of(DType.F64, codes, codes.length));
        }
    }

    private static final int CONFIG = 13;

    /** Writes the basis to {@code file} atomically, with a checksum. */
    public void save(Path file) throws IOException {
        CoordinateNetwork.Options o = network.options();
        double[] config = {network.dimension(), o.outputs(), o.fourierFeatures(), o.featureScale(), o.hidden(),
            o.layers(), measureInFirst ? 1 : 0, calibration, training.probesPerStep(), training.steps(),
            training.seconds(), training.finalLoss(), training.lossCurve.length};
        Checkpoint.save(file, new Stored(network, config, rInverse, eigenvalues, rawEigenvalues, captured,
                training.lossCurve, training.probes()), null);
    }

    /**
     * Reads a basis written by {@link #save}.
     *
     * @throws CheckpointException if the file is not a checkpoint, is corrupt, or is not a learned basis
     */
    public static LearnedBasis load(Path file) throws IOException {
        Map<String, Tensor> buffers = Checkpoint.readBuffers(file);
        Tensor cfg = buffers.get("config");
        if (cfg == null || cfg.size() != CONFIG || !buffers.containsKey("network.omega")) {
            throw new CheckpointException(file, "a checkpoint, but not of a learned basis", null);
        }
        double[] c = cfg.toDoubleArray();
        int dimension = (int) c[0];
        CoordinateNetwork.Options o = new CoordinateNetwork.Options((int) c[1], (int) c[2], c[3], (int) c[4],
                (int) c[5]);
        int k = o.outputs();
        CoordinateNetwork network = new CoordinateNetwork(dimension, new double[dimension], 1, o, 0);
        int lossLength = (int) c[12];
        byte[] name = new byte[buffers.get("probes").size()];
        double[] codes = buffers.get("probes").toDoubleArray();
        for (int i = 0; i < name.length; i++) {
            name[i] = (byte) codes[i];
        }
        String probes = new String(name, StandardCharsets.UTF_8).replace("\0", "");
        Stored stored = new Stored(network, new double[CONFIG], new double[k * k], new double[k], new double[k],
                new double[k], new double[lossLength], probes);
        Checkpoint.load(file, stored, null);
        Map<String, Tensor> b = stored.namedBuffers();
        double[] loss = lossLength == 0 ? new double[0] : b.get("loss").toDoubleArray();
        return new LearnedBasis(network, b.get("rinverse").toDoubleArray(), b.get("eigenvalues").toDoubleArray(),
                b.get("raw").toDoubleArray(), b.get("captured").toDoubleArray(), c[7], c[6] != 0,
                new Training(probes, (int) c[8], (int) c[9], c[10], c[11], Arrays.copyOf(loss, lossLength)));
    }
}
