package lapis.nn.layers;

import java.util.List;
import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.Module;
import lapis.nn.NormalizationLayers;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * Batch normalisation over the rows of a matrix (Ioffe and Szegedy 2015), as PyTorch's BatchNorm1d: gamma = 1,
 * beta = 0, eps 1e-5, momentum 0.1. In {@link Tape.Mode#TRAIN} it normalises with the batch statistics (over the
 * rows a mask selects, if one is given) and updates the running mean and the running unbiased variance, r = (1 -
 * m) r + m batch; in EVAL it uses the running statistics.
 *
 * <p><b>Precise statistics.</b> The exponential average trails the weights and weighs the last few batches most,
 * so evaluation can see statistics that no longer fit the model (Wu and Johnson, "Rethinking 'batch' in
 * BatchNorm", 2021). {@link #recalibrate} replaces them with the exact population mean and unbiased variance over
 * the rows of a set of training-mode forward passes, with the weights fixed.
 */
public final class BatchNorm extends Module {
    private final Tensor gamma;
    private final Tensor beta;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final double eps;
    private final double momentum;
    /** Non-null while {@link #recalibrate} accumulates: rows, sum of row values, sum of squared row values. */
    private double[][] population;

    public BatchNorm(int features, DType dtype) {
        this(features, 1e-5, 0.1, dtype);
    }

    public BatchNorm(int features, double eps, double momentum, DType dtype) {
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm: eps must be > 0 and momentum in [0, 1], got " + eps
                    + ", " + momentum);
        }
        this.gamma = parameter("weight", Tensor.full(dtype, 1, features));
        this.beta = parameter("bias", Tensor.zeros(dtype, features));
        this.runningMean = buffer("running_mean", Tensor.zeros(dtype, features));
        this.runningVar = buffer("running_var", Tensor.full(dtype, 1, features));
        this.eps = eps;
        this.momentum = momentum;
    }

    public Tensor forward(Tape t, Tensor x) {
        return forward(t, x, null);
    }

    /** Normalises x; in training, only rows with {@code mask[r]} enter the statistics (null: all rows). */
    public Tensor forward(Tape t, Tensor x, boolean[] mask) {
        int c = gamma.size();
        if (t.training()) {
            double[] mean = new double[c];
            double[] var = new double[c];
            Tensor y = NormalizationLayers.batchNorm(t, x, gamma, beta, mask, eps, mean, var);
            int n = 0;
            for (int r = 0; r < x.rows(); r++) {
                n += mask == null || mask[r] ? 1 : 0;
            }
            if (population != null) {
                for (int j = 0; j < c; j++) {
                    population[1][j] += n * mean[j];
                    population[2][j] += n * (var[j] + mean[j] * mean[j]);
                }
                population[0][0] += n;
                return y;
            }
            double unbias = n > 1 ? n / (n - 1.0) : 1;
            double[] rm = runningMean.toDoubleArray();
            double[] rv = runningVar.toDoubleArray();
            for (int j = 0; j < c; j++) {
                rm[j] = (1 - momentum) * rm[j] + momentum * mean[j];
                rv[j] = (1 - momentum) * rv[j] + momentum * var[j] * unbias;
            }
            runningMean.assign(rm);
            runningVar.assign(rv);
            return y;
        }
        double[] rm = runningMean.toDoubleArray();
        double[] inv = new double[c];
        double[] negMean = new double[c];
        for (int j = 0; j < c; j++) {
            inv[j] = 1 / Math.sqrt(runningVar.getFlat(j) + eps);
            negMean[j] = -rm[j];
        }
        Tensor scale = Arithmetic.mul(t, gamma, Tensor.of(x.dtype(), inv, c));
        Tensor shift = Arithmetic.add(t, beta, Arithmetic.mul(t, scale, Tensor.of(x.dtype(), negMean, c)));
        return Arithmetic.add(t, Arithmetic.mul(t, x, scale), shift);
    }

    /**
     * Sets the running statistics of every batch norm in {@code model} to the population statistics of the rows
     * the training-mode forward passes of {@code passes} feed them: mean = sum_b n_b mu_b / N and variance
     * (sum_b n_b (sigma_b^2 + mu_b^2) / N - mean^2) N / (N - 1), batch b having n_b rows, mean mu_b and biased
     * variance sigma_b^2. Norms that see no row keep their statistics. The passes' outputs are not used; run them
     * without backward. Deterministic given the passes. O(features) per batch and norm on top of the passes.
     */
    public static void recalibrate(Module model, Runnable passes) {
        List<BatchNorm> norms = model.modulesOf(BatchNorm.class);
        for (BatchNorm b : norms) {
            b.population = new double[3][b.gamma.size()];
        }
        try {
            passes.run();
            for (BatchNorm b : norms) {
                double total = b.population[0][0];
                if (total < 2) {
                    continue;
                }
                int c = b.gamma.size();
                double[] rm = new double[c];
                double[] rv = new double[c];
                for (int j = 0; j < c; j++) {
                    rm[j] = b.population[1][j] / total;
                    rv[j] = Math.max(0, b.population[2][j] / total - rm[j] * rm[j]) * total / (total - 1);
                }
                b.runningMean.assign(rm);
                b.runningVar.assign(rv);
            }
        } finally {
            for (BatchNorm b : norms) {
                b.population = null;
            }
        }
    }
}
