package lapis.nn.layers;

import lapis.nn.DType;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * Batch normalisation over the rows of a matrix (Ioffe and Szegedy 2015), as PyTorch's BatchNorm1d: gamma = 1,
 * beta = 0, eps 1e-5, momentum 0.1. In {@link Tape.Mode#TRAIN} it normalises with the batch statistics (over the
 * rows a mask selects, if one is given) and updates the running mean and the running unbiased variance, r = (1 -
 * m) r + m batch; in EVAL it uses the running statistics.
 */
public final class BatchNorm extends Module {
    private final Tensor gamma;
    private final Tensor beta;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final double eps;
    private final double momentum;

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
            Tensor y = t.batchNorm(x, gamma, beta, mask, eps, mean, var);
            int n = 0;
            for (int r = 0; r < x.rows(); r++) {
                n += mask == null || mask[r] ? 1 : 0;
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
        Tensor scale = t.mul(gamma, Tensor.of(x.dtype(), inv, c));
        Tensor shift = t.add(beta, t.mul(scale, Tensor.of(x.dtype(), negMean, c)));
        return t.add(t.mul(x, scale), shift);
    }
}
