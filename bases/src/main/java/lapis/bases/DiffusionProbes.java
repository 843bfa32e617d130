package lapis.bases;

import java.util.Objects;
import java.util.SplittableRandom;
import lapis.graph.Graph;
import lapis.graph.SymmetricSparseMatrix;
import lapis.graph.knn.KnnGraph;
import lapis.graph.knn.KnnResult;
import lapis.graph.knn.NearestNeighbors;
import lapis.graph.knn.PointSet;
import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.LinearAlgebra;
import lapis.nn.MessagePassing;
import lapis.nn.Shapes;
import lapis.nn.SparseMatrix;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Probes g = S^T u: white noise u ~ N(0, I) smoothed by T steps of a diffusion S on the kNN graph of the points,
 * so C = S^{2T}, whose top eigenvectors are the smoothest eigenvectors of the graph Laplacian I - S, in order.
 *
 * <p>The operator: W_ij = exp(-d_ij^2 / (2 sigma^2)) on the symmetric (union) kNN graph with k = 256 neighbours
 * by default, entries beyond 4 sigma dropped, W_ii = 1, sigma selected from the kernel sums
 * ({@link KernelBandwidth}; spot measured 2026-12-03: truncating the same Gaussian at the 32nd neighbour instead,
 * about 3 sigma, cost 0.2 of the mean per-index cosine for k &lt;= 50 against the cotangent Laplacian); then the alpha = 1 normalisation of diffusion maps, W1 = D^-1 W D^-1 with D = diag(W 1), and
 * S = D1^-1/2 W1 D1^-1/2 with D1 = diag(W1 1) (Coifman and Lafon, Appl. Comput. Harmon. Anal. 21, 2006). Why alpha =
 * 1: it removes the sampling density from the limit operator, so the learned functions approach Laplace-Beltrami
 * eigenfunctions on any sampling, and the top eigenvector D1^1/2 1 carries the point masses D1 ~ 1 / density.
 * Why symmetric S and Gaussian noise (the reference smooths uniform noise with the row-normalised kernel): C is then
 * exactly S^{2T}, so mu_k = (1 - lambda_k)^{2T} for the eigenvalues lambda_k of I - S, and lambda_k reads back
 * as 1 - mu_k^{1/(2T)}. For small sigma, I - S ~ -(sigma^2 / 2) Laplace-Beltrami.
 *
 * <p>The default T puts the diffusion time where the K-th captured variance is about e^-4 of the first: Weyl's law
 * on a surface ({@link #defaultSteps}) estimates lambda_K(I - S), and T = 2 / lambda_K.
 * Why e^-4: the optimiser orders the functions by the gaps of mu, and a longer diffusion widens them (on spot,
 * K = 30, 1,500 steps, measured 2026-12-03: mean index cos for k &lt;= 10 went from 0.73 at e^-1 to 0.975 at e^-4);
 * the price is 4 T nnz K flops per step, linear in T.
 *
 * <p>Noise: Rademacher signs, whose covariance is exactly I as Gaussian noise's is and which cost a bit each.
 * Coefficients: A = (S^T B)^T U / N, the smoothing applied to the K basis columns (in float32; the nn sparse
 * product) and its adjoint in the backward sweep, so P probes cost 2 N K P flops beyond the 4 T nnz K of the
 * smoothing, and P can be large. With P = 0 the coefficients are those of the expectation in closed form,
 * (S^T B)^T / sqrt(N) (see {@link ProbeDistribution#coefficients}): no sampling noise, and cheaper than a few hundred
 * probes, so it is the default. Why: the relative gaps of mu = (1 - lambda)^{2T} between the first eigenspaces are
 * a few percent, below the noise of hundreds of probes per step.
 *
 * <p>Cost: the search and O(n k) to build; per step 4 T nnz K + 2 N K P flops. The default T is proportional to
 * n / (K sigma^2) and nnz to n sigma^2 (per unit area), so 4 T nnz K grows as n^2 whatever K and sigma: that is why
 * lapis basis trains on a farthest-point sample of a few thousand points.
 */
public final class DiffusionProbes implements ProbeDistribution {
    /**
     * Neighbours searched by default. The width selection needs the kernel sums untruncated around the slope's
     * maximum: with 128 the maximum moved to 0.26 of the 32nd distance on spot and 0.48 on the non-uniform sphere,
     * with 256 to 0.33 and 0.63, the widths that gave the best eigenvectors (measured 2026-12-03).
     */
    public static final int DEFAULT_NEIGHBORS = 256;
    /** Kernel entries below exp(-8), beyond 4 sigma, are dropped: they cost nnz and move no eigenvector. */
    static final double CUTOFF_WEIGHT = Math.exp(-8);
    /** The neighbour whose mean distance scales a kernel width given by hand. */
    public static final int WIDTH_NEIGHBOR = 32;

    /**
     * k neighbours searched, T diffusion steps, and the Gaussian width sigma (0: selected by
     * {@link KernelBandwidth}).
     */
    public record Options(int neighbors, int steps, double sigma) {
        public Options {
            if (neighbors < 1 || steps < 1 || !(sigma >= 0 && sigma < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("diffusion probes need neighbours >= 1, steps >= 1 and a finite "
                        + "sigma >= 0, got " + neighbors + ", " + steps + " and " + sigma);
            }
        }

        /** k neighbours, T steps, the width selected. */
        public Options(int neighbors, int steps) {
            this(neighbors, steps, 0);
        }
    }

    private final Options options;
    private final SymmetricSparseMatrix diffusion;
    private final double kernelDimension;
    private final double[] masses;
    /** The float32 copy of S the training products use; made on first use, as the eigensolver route needs none. */
    private SparseMatrix operator;
    /** tr(S^{2T}) / N, estimated on first use (NaN before): only training needs it. */
    private double meanEnergy = Double.NaN;

    private DiffusionProbes(Options options, SymmetricSparseMatrix diffusion, double[] masses,
                            double kernelDimension) {
        this.options = options;
        this.masses = masses;
        this.diffusion = diffusion;
        this.kernelDimension = kernelDimension;
    }

    private synchronized SparseMatrix operator() {
        if (operator == null) {
            int n = diffusion.size();
            int nnz = diffusion.nonZeroCount();
            int[] rows = new int[nnz];
            int[] cols = new int[nnz];
            double[] vals = new double[nnz];
            int[] at = {0};
            diffusion.forEachEntry((i, j, v) -> {
                rows[at[0]] = i;
                cols[at[0]] = j;
                vals[at[0]++] = v;
            });
            operator = SparseMatrix.of(n, n, rows, cols, vals);
        }
        return operator;
    }

    /**
     * tr(S^{2T}) / N by Hutch++ (Meyer, Musco, Musco and Woodruff, SOSA 2021) with 3 x 32 Rademacher vectors of a
     * fixed seed: Q = orth(S^T W) captures the dominant part exactly, tr(Q^T S^{2T} Q) = ||S^T Q||_F^2, and plain
     * Hutchinson estimates the rest, ||S^T (I - Q Q^T) G||_F^2 / 32. Why not Hutchinson alone: on a clustered
     * operator (MNIST pixels, narrow kernel) S^{2T} is nearly low rank, 64 Hutchinson vectors came out low enough to
     * drive the loss below 0, and the deflation removes exactly that variance. Cost 96 T sparse products of a vector.
     */
    private double hutchinsonEnergy() {
        int n = diffusion.size();
        int m = Math.min(32, n);
        DMatrixRMaj w = new DMatrixRMaj(n, m);
        rademacher(w.data, 0x5EED);
        DMatrixRMaj q = smooth(w);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, m);
        if (!qr.decompose(q)) {
            throw new IllegalStateException("QR of the smoothed probes failed");
        }
        q = qr.getQ(null, true);
        double top = squaredNorm(smooth(q));
        DMatrixRMaj g = new DMatrixRMaj(n, m);
        rademacher(g.data, 0x5EED + 1);
        DMatrixRMaj qtg = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(q, g, qtg);
        DMatrixRMaj projected = new DMatrixRMaj(n, m);
        CommonOps_DDRM.mult(q, qtg, projected);
        CommonOps_DDRM.subtractEquals(g, projected);
        double rest = squaredNorm(smooth(g)) / m;
        return (top + rest) / n;
    }

    /** S^T X for the n x m block X, in float64. */
    private DMatrixRMaj smooth(DMatrixRMaj x) {
        DMatrixRMaj u = x.copy();
        DMatrixRMaj v = new DMatrixRMaj(u.numRows, u.numCols);
        for (int s = 0; s < options.steps(); s++) {
            diffusion.multiply(u, v);
            DMatrixRMaj swap = u;
            u = v;
            v = swap;
        }
        return u;
    }

    private static double squaredNorm(DMatrixRMaj x) {
        double e = 0;
        for (double v : x.data) {
            e += v * v;
        }
        return e;
    }

    private static void rademacher(double[] out, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < out.length; i += 64) {
            long bits = rng.nextLong();
            for (int b = 0; b < 64 && i + b < out.length; b++) {
                out[i + b] = ((bits >>> b) & 1) == 0 ? 1.0 : -1.0;
            }
        }
    }

    /**
     * T = max(1, round(2 / lambda_K)) for the Weyl estimate of lambda_K(I - S) on a surface, so that
     * exp(-2 T lambda_K) is about e^-4: with the area per point pi r^2 / k (r the mean distance to the k-th
     * neighbour), lambda_K(Laplace-Beltrami) ~ 4 K k / (n r^2) and lambda_K(I - S) ~ (sigma^2 / 2) times that.
     */
    public static int defaultSteps(int n, int functions, KernelBandwidth.Result bandwidth) {
        double ratio = bandwidth.meanLastDistance() / bandwidth.sigma();
        return (int) Math.max(1, Math.round(n * ratio * ratio / ((double) functions * bandwidth.neighbors())));
    }

    /**
     * The diffusion of the points for K functions: {@link #DEFAULT_NEIGHBORS} neighbours (fewer when there are
     * not more points), the width selected by {@link KernelBandwidth}, T by {@link #defaultSteps}.
     */
    public static DiffusionProbes forFunctions(PointSet points, int functions) {
        return forFunctions(points, Math.min(DEFAULT_NEIGHBORS, points.size() - 1), functions);
    }

    /** As {@link #forFunctions(PointSet, int)} with k neighbours. */
    public static DiffusionProbes forFunctions(PointSet points, int neighbors, int functions) {
        return forFunctions(points, neighbors, functions, 0);
    }

    /**
     * As {@link #forFunctions(PointSet, int)} with k neighbours and, when {@code width > 0}, sigma = width times the
     * mean distance to the {@value #WIDTH_NEIGHBOR}th neighbour (or the k-th, if fewer) instead of the selection.
     */
    public static DiffusionProbes forFunctions(PointSet points, int neighbors, int functions, double width) {
        if (!(width >= 0 && width < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the kernel width must be finite and >= 0 (0 = selected), got " + width);
        }
        KnnResult knn = search(points, neighbors);
        KernelBandwidth.Result bandwidth = width > 0
                ? KernelBandwidth.scaled(knn, width, Math.min(WIDTH_NEIGHBOR, knn.k()))
                : KernelBandwidth.select(knn);
        return build(knn, new Options(neighbors, defaultSteps(points.size(), functions, bandwidth),
                bandwidth.sigma()), bandwidth.dimension());
    }

    /**
     * The diffusion of the given points.
     *
     * @throws IllegalArgumentException if there are not more points than neighbours
     */
    public static DiffusionProbes of(PointSet points, Options options) {
        Objects.requireNonNull(options, "options");
        KnnResult knn = search(points, options.neighbors());
        if (options.sigma() > 0) {
            return build(knn, options, Double.NaN);
        }
        KernelBandwidth.Result bandwidth = KernelBandwidth.select(knn);
        return build(knn, new Options(options.neighbors(), options.steps(), bandwidth.sigma()),
                bandwidth.dimension());
    }

    private static KnnResult search(PointSet points, int k) {
        int n = points.size();
        if (n <= k) {
            throw new IllegalArgumentException(n + " points are too few for " + k + " neighbours");
        }
        return NearestNeighbors.exact(points.dimension()).search(points, k);
    }

    private static DiffusionProbes build(KnnResult knn, Options options, double kernelDimension) {
        int n = knn.size();
        double sigma = options.sigma();
        Graph g = new KnnGraph(KnnGraph.Options.of(knn.k()).withSigma(sigma)).build(knn).graph();
        int[] gOff = g.rowOffsets();
        int[] gCol = g.columnIndices();
        double[] gW = g.entryWeights();
        int[] off = new int[n + 1];
        int[] col = new int[gOff[n]];
        double[] w = new double[gOff[n]];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            for (int e = gOff[i]; e < gOff[i + 1]; e++) {
                if (gW[e] >= CUTOFF_WEIGHT) {
                    col[kept] = gCol[e];
                    w[kept++] = gW[e];
                }
            }
            off[i + 1] = kept;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 1;
            for (int e = off[i]; e < off[i + 1]; e++) {
                d[i] += w[e];
            }
        }
        double[] d1 = new double[n];
        for (int i = 0; i < n; i++) {
            d1[i] = 1 / (d[i] * d[i]);
            for (int e = off[i]; e < off[i + 1]; e++) {
                d1[i] += w[e] / (d[i] * d[col[e]]);
            }
        }
        int[] offsets = new int[n + 1];
        int[] columns = new int[off[n] + n];
        double[] values = new double[off[n] + n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            columns[at] = i;
            values[at++] = 1 / (d[i] * d[i] * d1[i]);
            for (int e = off[i]; e < off[i + 1]; e++) {
                int j = col[e];
                columns[at] = j;
                values[at++] = w[e] / (d[i] * d[j] * Math.sqrt(d1[i] * d1[j]));
            }
            offsets[i + 1] = at;
        }
        return new DiffusionProbes(options, SymmetricSparseMatrix.fromCsr(n, offsets, columns, values), d1,
                kernelDimension);
    }

    public Options options() {
        return options;
    }

    /** The Gaussian width used. */
    public double sigma() {
        return options.sigma();
    }

    /** The intrinsic dimension the width selection estimated ({@link KernelBandwidth}); NaN when sigma was given. */
    public double kernelDimension() {
        return kernelDimension;
    }

    /** D1 = diag(W1 1), the point masses of the alpha = 1 kernel (proportional to 1 / density). */
    public double[] masses() {
        return masses.clone();
    }

    /** S, the symmetric alpha = 1 diffusion. */
    public SymmetricSparseMatrix diffusion() {
        return diffusion;
    }

    @Override
    public int size() {
        return diffusion.size();
    }

    @Override
    public String name() {
        return "diffusion";
    }

    @Override
    public Tensor coefficients(Tape t, Tensor basis, int count, long seed) {
        ProbeDistribution.check(this, basis, count);
        int n = size();
        Tensor h = Shapes.cast(t, basis, DType.F32);
        for (int s = 0; s < options.steps(); s++) {
            h = MessagePassing.sparseMultiply(t, operator(), h);
        }
        if (count == 0) {
            return Arithmetic.scale(t, Shapes.transpose(t, Shapes.cast(t, h, DType.F64)), 1 / Math.sqrt(n));
        }
        double[] u = new double[n * count];
        rademacher(u, seed);
        Tensor a = LinearAlgebra.matmul(t, Shapes.cast(t, h, DType.F64), Tensor.of(DType.F64, u, n, count), true,
                false);
        return Arithmetic.scale(t, a, 1.0 / n);
    }

    /** True: E[A A^T] / P = (S^T B)^T (S^T B) / N^2 is a product with the basis columns. */
    @Override
    public boolean hasExactExpectation() {
        return true;
    }

    @Override
    public synchronized double meanEnergy() {
        if (Double.isNaN(meanEnergy)) {
            meanEnergy = hutchinsonEnergy();
        }
        return meanEnergy;
    }

    /** lambda_k = 1 - (mu_k / mu_1)^{1/(2T)} (the ratio clipped to [0, 1]; mu_1 = 1 in expectation): eigenvalues of I - S. */
    @Override
    public double[] eigenvaluesFromVariance(double[] captured) {
        double[] out = new double[captured.length];
        double top = captured[0];
        for (int k = 1; k < captured.length; k++) {
            double mu = Math.max(0, Math.min(1, captured[k] / top));
            out[k] = 1 - Math.pow(mu, 1.0 / (2 * options.steps()));
        }
        return out;
    }

    @Override
    public boolean firstFunctionCarriesMeasure() {
        return true;
    }
}
