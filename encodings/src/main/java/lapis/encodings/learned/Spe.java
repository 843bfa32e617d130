package lapis.encodings.learned;

import java.util.Objects;
import java.util.random.RandomGenerator;
import lapis.encodings.EncodingBatch;
import lapis.encodings.NodeEncoding;
import lapis.encodings.Spectrum;
import lapis.graph.Graph;
import lapis.graph.GraphBatch;
import lapis.nn.DType;
import lapis.nn.Index;
import lapis.nn.MessagePassing;
import lapis.nn.Module;
import lapis.nn.SparseMatrix;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;

/**
 * Stable and expressive positional encoding (SPE; Huang, Lu, Robinson, Yang, Zhang, Jegelka and Li, ICLR 2024,
 * arXiv 2310.02579; methods.md section 4):
 * <pre>  SPE(V, lambda) = rho( V diag(phi_1(lambda)) V^T, ..., V diag(phi_m(lambda)) V^T ),</pre>
 * with the eigenpairs of the symmetric normalised Laplacian of each graph ({@link Spectrum}; all n of them, or
 * the first d with {@link Config#eigenpairs()}), m element-wise eigenvalue filters phi_l ({@link
 * EigenvalueFilters}, or one DeepSets layer, {@link DeepSetFilters}) and rho a GIN ({@link PairGin}) run on the graph for every column j of the n x n x m tensor
 * W[i, j, l] = (V diag(phi_l(lambda)) V^T)_ij, whose outputs are summed over j: p channels per node.
 *
 * <p><b>Invariances.</b> W_l depends on V only through the spectral projectors of the eigenvalues it uses, so SPE
 * is invariant to eigenvector signs and to any orthogonal change of basis inside an eigenspace whose eigenvalues
 * are equal (in floating point: up to round-off times the filters' Lipschitz constants), and equivariant to node
 * permutations. With the first d pairs only, invariance holds when no eigenspace straddles d.
 *
 * <p><b>Computation, batched across graphs without padding.</b> The eigenvalues of all graphs go through the
 * filters together (E x m for E eigenvalues in the batch). W is one sparse-dense product W = K Phi, with K the
 * constant block-diagonal matrix K[(g, i, j), (g, e)] = V_g[i, e] V_g[j, e] (sum_g n_g^2 d_g entries), whose
 * transpose gives the filters' gradient; rho's rows are the pairs (g, i, j) of a {@link ColumnLayout}. Cost per
 * batch: O(sum n^2 d m) for W, then rho's O(rhoLayers sum n^2 hidden^2), which dominates.
 */
public final class Spe extends Module implements NodeEncoding {

    /**
     * @param filters number m of eigenvalue filters (16)
     * @param filterLayers linear maps per filter MLP (3: 1 -&gt; hidden -&gt; hidden -&gt; 1)
     * @param filterHidden hidden width of the filters (16)
     * @param eigenpairs the first d eigenpairs of each graph are used, or all of them when 0
     * @param rhoLayers GIN layers of rho (8)
     * @param rhoHidden hidden width of rho (128)
     * @param rhoMlpLayers linear maps per GIN MLP (3)
     * @param channels output channels p (37)
     * @param deepSets the filters form one DeepSets layer over each graph's eigenvalues ({@link DeepSetFilters})
     *     instead of m independent element-wise MLPs ({@link EigenvalueFilters})
     */
    public record Config(int filters, int filterLayers, int filterHidden, int eigenpairs, int rhoLayers,
                         int rhoHidden, int rhoMlpLayers, int channels, boolean deepSets) {
        public Config {
            if (filters < 1 || filterLayers < 1 || filterHidden < 1 || eigenpairs < 0 || rhoLayers < 1
                    || rhoHidden < 1 || rhoMlpLayers < 1 || channels < 1) {
                throw new IllegalArgumentException("SPE sizes must be >= 1 (eigenpairs >= 0), got " + this);
            }
        }

        /** The reference ZINC model (configs/zinc/SPE_gine_gin_mlp_pe37.yaml): 16 filters 1-16-16-1, all
         *  eigenpairs, rho 8 GIN layers of width 128 with 3-layer MLPs, 37 channels. */
        public static Config reference() {
            return new Config(16, 3, 16, 0, 8, 128, 3, 37, false);
        }

        public Config withRho(int layers, int hidden, int mlpLayers) {
            return new Config(filters, filterLayers, filterHidden, eigenpairs, layers, hidden, mlpLayers, channels,
                    deepSets);
        }

        public Config withFilters(int count, int layers, int hidden) {
            return new Config(count, layers, hidden, eigenpairs, rhoLayers, rhoHidden, rhoMlpLayers, channels,
                    deepSets);
        }

        public Config withEigenpairs(int d) {
            return new Config(filters, filterLayers, filterHidden, d, rhoLayers, rhoHidden, rhoMlpLayers, channels,
                    deepSets);
        }

        public Config withDeepSets(boolean on) {
            return new Config(filters, filterLayers, filterHidden, eigenpairs, rhoLayers, rhoHidden, rhoMlpLayers,
                    channels, on);
        }

        public Config withChannels(int p) {
            return new Config(filters, filterLayers, filterHidden, eigenpairs, rhoLayers, rhoHidden, rhoMlpLayers, p,
                    deepSets);
        }
    }

    private final Config config;
    private final DType dtype;
    private final SpectralFilters phi;
    private final PairGin rho;

    public Spe(Config config, DType dtype, RandomGenerator rng) {
        this.config = Objects.requireNonNull(config, "config");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.phi = config.deepSets()
                ? child("phi", new DeepSetFilters(config.filters(), config.filterLayers(), config.filterHidden(), dtype,
                rng))
                : child("phi", new EigenvalueFilters(config.filters(), config.filterLayers(), config.filterHidden(),
                dtype, rng));
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
    public int eigenpairsUsed(int n) {
        return used(n);
    }

    @Override
    public Tensor encode(Tape tape, EncodingBatch batch) {
        ColumnLayout pairs = ColumnLayout.pairs(batch.graphs());
        Tensor w = filteredProjections(tape, batch, pairs);
        Tensor x = rho.forward(tape, w, pairs.aggregation());
        return MessagePassing.scatterSum(tape, x, pairs.nodeIndex());
    }

    /** How many eigenpairs graph g contributes. */
    private int used(int n) {
        return config.eigenpairs() == 0 ? n : Math.min(n, config.eigenpairs());
    }

    /**
     * The pairs x m tensor W[(g, i, j), l] = sum_e V_g[i, e] phi_l(lambda_e) V_g[j, e] in the row order of
     * {@code pairs} (which must be {@link ColumnLayout#pairs} of the batch's graphs).
     */
    public Tensor filteredProjections(Tape tape, EncodingBatch batch, ColumnLayout pairs) {
        GraphBatch gb = batch.graphs();
        int graphs = gb.graphCount();
        int[] eigenOffsets = new int[graphs + 1];
        long nnz = 0;
        for (int g = 0; g < graphs; g++) {
            int n = gb.nodeCount(g);
            eigenOffsets[g + 1] = eigenOffsets[g] + used(n);
            nnz += (long) n * n * used(n);
        }
        if (nnz > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SPE batch too large: " + nnz + " entries in V (x) V");
        }
        double[] lambda = new double[eigenOffsets[graphs]];
        int[] rows = new int[(int) nnz];
        int[] cols = new int[(int) nnz];
        double[] vals = new double[(int) nnz];
        int at = 0;
        for (int g = 0; g < graphs; g++) {
            Spectrum s = batch.spectrum(g);
            int n = s.size();
            int d = used(n);
            s.requirePairs(d, "SPE");
            int e0 = eigenOffsets[g];
            for (int e = 0; e < d; e++) {
                lambda[e0 + e] = s.value(e);
            }
            int off = pairs.rowOffset(g);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int row = off + i * n + j;
                    for (int e = 0; e < d; e++) {
                        rows[at] = row;
                        cols[at] = e0 + e;
                        vals[at] = s.vector(i, e) * s.vector(j, e);
                        at++;
                    }
                }
            }
        }
        Tensor responses = phi.forward(tape, Tensor.of(dtype, lambda, lambda.length, 1),
                Index.ofOffsets(eigenOffsets));
        SparseMatrix k = SparseMatrix.of(pairs.rows(), lambda.length, rows, cols, vals);
        return MessagePassing.sparseMultiply(tape, k, responses);
    }

    /**
     * An upper bound on the Lipschitz constant of rho followed by the sum over columns on graph g, in evaluation
     * mode: ||sum_j rho(W)[:, j] - sum_j rho(W')[:, j]||_F &lt;= J ||W - W'||_F with
     * J = sqrt(n) prod_l (|1 + eps_l| + d_max) Lip(MLP_l), where d_max, the largest weighted degree, bounds
     * ||A||_2 and sqrt(n) comes from summing n columns (Cauchy-Schwarz). See {@link PairGin#lipschitzBound} and
     * {@link Lipschitz} for the estimator; the filters' constants K_l are {@link EigenvalueFilters#lipschitzBounds}.
     * Together they are the constants of the stability bound of Huang et al. (2024), Theorem 3.1.
     */
    public double rhoLipschitzBound(Graph g) {
        double dmax = 0;
        for (double d : g.weightedDegrees()) {
            dmax = Math.max(dmax, d);
        }
        return Math.sqrt(g.vertexCount()) * rho.lipschitzBound(dmax);
    }

    /**
     * An upper bound on ||SPE(G) - P^T SPE(G')||_F in evaluation mode, the stability bound of Huang et al. (2024,
     * Theorem 3.1) for all n eigenpairs, where it needs no eigengap. Then W_l = phi_l(L) is a matrix function, and a
     * K-Lipschitz scalar function is K-Lipschitz on symmetric matrices in the Frobenius norm
     * (||f(L) - f(L')||_F^2 = sum_ij |f(a_i) - f(b_j)|^2 (u_i . v_j)^2 &lt;= K^2 ||L - L'||_F^2), so
     * ||W - W'||_F &lt;= sqrt(sum_l K_l^2) ||L - L'||_F. Our rho also aggregates over the graph, which the
     * perturbation changes; {@link PairGin#perturbationBound} carries that term (||A - A'||_F times the layer
     * input norms on G'), and summing n columns costs sqrt(n). Constants are the product-of-spectral-norms
     * estimates of {@link Lipschitz}. Cost: one forward pass of rho on G'.
     *
     * @param graph G
     * @param aligned G' relabelled so that its vertex i corresponds to vertex i of G
     * @param alignedSpectrum the spectrum of {@code aligned}
     * @param laplacianDistance ||L_sym(G) - L_sym(G')||_F
     * @return the bound, or NaN when it does not apply: DeepSets filters (not element-wise) or only the first
     *     d &lt; n eigenpairs (then the theorem's gap term enters)
     */
    public double stabilityBound(Graph graph, Graph aligned, Spectrum alignedSpectrum, double laplacianDistance) {
        int n = graph.vertexCount();
        if (aligned.vertexCount() != n || alignedSpectrum.size() != n) {
            throw new IllegalArgumentException("G has " + n + " vertices, G' " + aligned.vertexCount()
                    + " and its spectrum " + alignedSpectrum.size());
        }
        if (config.deepSets() || used(n) < n) {
            return Double.NaN;
        }
        double sumSquares = 0;
        for (double k : phi.lipschitzBounds()) {
            sumSquares += k * k;
        }
        double dmax = 0;
        for (double d : graph.weightedDegrees()) {
            dmax = Math.max(dmax, d);
        }
        double aggregationChange = Graph.adjacencyDistance(graph, aligned);
        double[] norms;
        try (Threads threads = Threads.single(); Tape tape = Tape.inference(threads)) {
            EncodingBatch batch = EncodingBatch.of(aligned, alignedSpectrum);
            ColumnLayout pairs = ColumnLayout.pairs(batch.graphs());
            norms = rho.layerInputNorms(tape, filteredProjections(tape, batch, pairs), pairs.aggregation());
        }
        return Math.sqrt(n) * rho.perturbationBound(Math.sqrt(sumSquares) * laplacianDistance, dmax,
                aggregationChange, norms);
    }

    /** The eigenvalue filters. */
    public SpectralFilters filters() {
        return phi;
    }
}
