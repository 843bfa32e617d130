package lapis.encodings.learned;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import lapis.encodings.EncodingBatch;
import lapis.encodings.NodeEncoding;
import lapis.graph.Seeds;
import lapis.graph.GraphBatch;
import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.MessagePassing;
import lapis.nn.Module;
import lapis.nn.Shapes;
import lapis.nn.SparseMatrix;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.layers.Linear;

/**
 * A PEARL-style encoding (after Kanatsoulis, Choi, Jegelka, Leskovec and Ribeiro, "Learning efficient positional
 * encodings with graph neural networks", ICLR 2025): a fast, stable alternative to SPE that needs no
 * eigendecomposition. Each graph's vectors r_c (columns c) are filtered by m learned polynomials of the
 * Laplacian, X[(i, c), l] = sum_{t=0..K} theta_{l,t} ((L - I)^t r_c)[i], a GIN ({@link PairGin}) runs on the
 * graph for every column, and the columns are pooled:
 * <ul>
 *   <li>{@link Basis#RANDOM} (R-PEARL): M Gaussian vectors per graph, drawn from (seed, epoch, sample id) in
 *       training and from (seed, sample id) in evaluation, pooled by their mean. O(n M) rows per graph; the
 *       encoding is permutation-equivariant in distribution (exactly, when the vectors are permuted with the
 *       nodes) and does not read eigenvectors at all, so it has no sign or basis ambiguity.</li>
 *   <li>{@link Basis#STANDARD} (B-PEARL): the n standard basis vectors, pooled by their sum. Then X[:, :, l] =
 *       p_l(L) = V diag(p_l(lambda)) V^T: exactly SPE with polynomial eigenvalue filters, exactly
 *       permutation-equivariant, n^2 rows per graph.</li>
 * </ul>
 * Polynomials are taken in L - I = -D^-1/2 A D^-1/2 (spectrum in [-1, 1]) so that powers stay bounded; they span
 * the same polynomials of L. Not the published implementation: a variant in this toolkit's building blocks.
 */
public final class Pearl extends Module implements NodeEncoding {

    /** Which vectors are filtered. */
    public enum Basis { RANDOM, STANDARD }

    /**
     * @param basis random vectors or the standard basis
     * @param samples M, random vectors per graph (ignored for the standard basis)
     * @param order K, the polynomial degree
     * @param filters m
     * @param rhoLayers GIN layers
     * @param rhoHidden GIN width
     * @param rhoMlpLayers linear maps per GIN MLP
     * @param channels output channels p
     */
    public record Config(Basis basis, int samples, int order, int filters, int rhoLayers, int rhoHidden,
                         int rhoMlpLayers, int channels) {
        public Config {
            Objects.requireNonNull(basis, "basis");
            if (samples < 1 || order < 0 || filters < 1 || rhoLayers < 1 || rhoHidden < 1 || rhoMlpLayers < 1
                    || channels < 1) {
                throw new IllegalArgumentException("PEARL sizes must be >= 1 (order >= 0), got " + this);
            }
        }

        /** R-PEARL with 16 vectors, degree 8, 16 filters, a 4 x 64 GIN with 2-layer MLPs, 37 channels. */
        public static Config fast() {
            return new Config(Basis.RANDOM, 16, 8, 16, 4, 64, 2, 37);
        }

        public Config withBasis(Basis b) {
            return new Config(b, samples, order, filters, rhoLayers, rhoHidden, rhoMlpLayers, channels);
        }

        public Config withSamples(int m) {
            return new Config(basis, m, order, filters, rhoLayers, rhoHidden, rhoMlpLayers, channels);
        }

        public Config withRho(int layers, int hidden, int mlpLayers) {
            return new Config(basis, samples, order, filters, layers, hidden, mlpLayers, channels);
        }

        public Config withChannels(int p) {
            return new Config(basis, samples, order, filters, rhoLayers, rhoHidden, rhoMlpLayers, p);
        }
    }

    private final Config config;
    private final DType dtype;
    private final long seed;
    private final Linear theta;
    private final PairGin rho;

    /** @param seed of the random vectors (R-PEARL) */
    public Pearl(Config config, DType dtype, RandomGenerator rng, long seed) {
        this.config = Objects.requireNonNull(config, "config");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.seed = seed;
        this.theta = child("theta", new Linear(config.order() + 1, config.filters(), false, dtype, rng));
        this.rho = child("rho", new PairGin(new PairGin.Config(config.rhoLayers(), config.filters(),
                config.rhoHidden(), config.channels(), config.rhoMlpLayers()), dtype, rng));
    }

    public Config config() {
        return config;
    }

    @Override
    public int channels() {
        return config.channels();
    }

    @Override
    public Tensor encode(Tape tape, EncodingBatch batch) {
        GraphBatch gb = batch.graphs();
        ColumnLayout layout = config.basis() == Basis.STANDARD ? ColumnLayout.pairs(gb) : randomLayout(gb);
        double[] vectors = new double[layout.rows()];
        for (int g = 0; g < gb.graphCount(); g++) {
            int n = gb.nodeCount(g);
            int off = layout.rowOffset(g);
            if (config.basis() == Basis.STANDARD) {
                for (int i = 0; i < n; i++) {
                    vectors[off + i * n + i] = 1;
                }
            } else {
                int m = config.samples();
                long key = tape.training() ? Seeds.derive(seed, 1 + batch.epoch(), batch.sampleId(g))
                        : Seeds.derive(seed, 0, batch.sampleId(g));
                SplittableRandom r = new SplittableRandom(key);
                for (int k = 0; k < n * m; k++) {
                    vectors[off + k] = r.nextGaussian();
                }
            }
        }
        return forward(tape, layout, vectors);
    }

    private ColumnLayout randomLayout(GraphBatch gb) {
        int[] c = new int[gb.graphCount()];
        Arrays.fill(c, config.samples());
        return ColumnLayout.of(gb, c);
    }

    /**
     * The encoding for explicit vectors: {@code vectors[row]} is entry i of vector c at row (g, i, c) of
     * {@code layout}. Columns are summed for the standard basis and averaged otherwise.
     */
    Tensor forward(Tape tape, ColumnLayout layout, double[] vectors) {
        Tensor x = rho.forward(tape, filtered(tape, layout, vectors), layout.aggregation());
        Tensor pooled = MessagePassing.scatterSum(tape, x, layout.nodeIndex());
        return config.basis() == Basis.STANDARD ? pooled : Arithmetic.scale(tape, pooled, 1.0 / config.samples());
    }

    /** The rows x m filter outputs X[(i, c), l] = sum_t theta_{t,l} ((L - I)^t r_c)[i]: rho's input. */
    Tensor filtered(Tape tape, ColumnLayout layout, double[] vectors) {
        int k = config.order() + 1;
        SparseMatrix shift = layout.shiftedLaplacian();
        Tensor[] powers = new Tensor[k];
        powers[0] = Tensor.of(dtype, vectors, layout.rows(), 1);
        for (int t = 1; t < k; t++) {
            powers[t] = MessagePassing.sparseMultiply(tape, shift, powers[t - 1]);
        }
        return theta.forward(tape, k == 1 ? powers[0] : Shapes.concat(tape, 1, powers));
    }

    /** The filter coefficients theta as an (order + 1) x m matrix: row t holds the coefficients of (L - I)^t. */
    public Tensor coefficients() {
        return theta.weight();
    }
}
