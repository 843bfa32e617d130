package lapis.encodings.learned;

import java.util.Objects;
import java.util.random.RandomGenerator;
import lapis.encodings.EncodingBatch;
import lapis.encodings.NodeEncoding;
import lapis.encodings.Spectrum;
import lapis.graph.GraphBatch;
import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.MessagePassing;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.layers.Mlp;
import lapis.nn.layers.Norm;

/**
 * SignNet (Lim, Robinson, Zhao, Smidt, Sra, Maron and Jegelka, "Sign and basis invariant networks for spectral
 * graph representation learning", ICLR 2023), in the masked form of the SPE reference (src/sign_inv_pe.py,
 * MaskedSignInvPe):
 * <pre>  PE = rho( sum_{e &lt; k_g} [ phi(v_e, lambda_e) + phi(-v_e, lambda_e) ] ),</pre>
 * phi a GIN ({@link PairGin}) run on the graph for each of the first k_g = min(n_g, k) eigenvectors v_e of the
 * symmetric normalised Laplacian separately (node features (v_e[i], lambda_e), or v_e[i] alone without
 * {@link Config#eigenvalues()}; the reference feeds v alone), the sum over the eigenvectors of each node, and rho
 * an MLP with batch norm to p channels.
 *
 * <p>Invariant to the sign of every eigenvector and equivariant to node permutations; <em>not</em> invariant to a
 * change of basis inside a repeated eigenspace (phi sees individual eigenvectors), which SPE is. Cost: twice
 * phi's GIN over sum_g n_g k_g rows.
 */
public final class SignNet extends Module implements NodeEncoding {

    /**
     * @param eigenvectors k, the number of eigenvectors per graph (37)
     * @param phiLayers GIN layers of phi (8)
     * @param phiHidden width of phi (128)
     * @param phiMlpLayers linear maps per GIN MLP (3)
     * @param rhoLayers linear maps of rho (3)
     * @param channels output channels p (37)
     * @param eigenvalues feed lambda_e beside v_e to phi
     */
    public record Config(int eigenvectors, int phiLayers, int phiHidden, int phiMlpLayers, int rhoLayers,
                         int channels, boolean eigenvalues) {
        public Config {
            if (eigenvectors < 1 || phiLayers < 1 || phiHidden < 1 || phiMlpLayers < 1 || rhoLayers < 1
                    || channels < 1) {
                throw new IllegalArgumentException("SignNet sizes must be >= 1, got " + this);
            }
        }

        /** As the reference masked SignNet on ZINC (signNet_gine_pe37_mask.yaml: 37 eigenvectors, phi an
         *  8-layer GIN), with width 128 as the rest of the model, a 3-layer rho and the eigenvalues fed to phi. */
        public static Config reference() {
            return new Config(37, 8, 128, 3, 3, 37, true);
        }

        public Config withPhi(int layers, int hidden, int mlpLayers) {
            return new Config(eigenvectors, layers, hidden, mlpLayers, rhoLayers, channels, eigenvalues);
        }

        public Config withEigenvectors(int k) {
            return new Config(k, phiLayers, phiHidden, phiMlpLayers, rhoLayers, channels, eigenvalues);
        }

        public Config withChannels(int p) {
            return new Config(eigenvectors, phiLayers, phiHidden, phiMlpLayers, rhoLayers, p, eigenvalues);
        }
    }

    private final Config config;
    private final DType dtype;
    private final PairGin phi;
    private final Mlp rho;

    public SignNet(Config config, DType dtype, RandomGenerator rng) {
        this.config = Objects.requireNonNull(config, "config");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        int in = config.eigenvalues() ? 2 : 1;
        this.phi = child("phi", new PairGin(new PairGin.Config(config.phiLayers(), in, config.phiHidden(),
                config.phiHidden(), config.phiMlpLayers()), dtype, rng));
        this.rho = child("rho", new Mlp(config.rhoLayers(), config.phiHidden(), config.phiHidden(),
                config.channels(), Norm.BATCH, dtype, rng));
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
        return Math.min(n, config.eigenvectors());
    }

    @Override
    public Tensor encode(Tape tape, EncodingBatch batch) {
        GraphBatch gb = batch.graphs();
        int[] columns = new int[gb.graphCount()];
        for (int g = 0; g < columns.length; g++) {
            columns[g] = Math.min(gb.nodeCount(g), config.eigenvectors());
        }
        ColumnLayout layout = ColumnLayout.of(gb, columns);
        int in = config.eigenvalues() ? 2 : 1;
        double[] plus = new double[layout.rows() * in];
        for (int g = 0; g < columns.length; g++) {
            int k = columns[g];
            Spectrum s = batch.spectrum(g).requirePairs(k, "SignNet");
            int off = layout.rowOffset(g);
            for (int i = 0; i < s.size(); i++) {
                for (int e = 0; e < k; e++) {
                    int r = (off + i * k + e) * in;
                    plus[r] = s.vector(i, e);
                    if (in == 2) {
                        plus[r + 1] = s.value(e);
                    }
                }
            }
        }
        double[] minus = plus.clone();
        for (int r = 0; r < minus.length; r += in) {
            minus[r] = -minus[r];
        }
        Tensor a = phi.forward(tape, Tensor.of(dtype, plus, layout.rows(), in), layout.aggregation());
        Tensor b = phi.forward(tape, Tensor.of(dtype, minus, layout.rows(), in), layout.aggregation());
        Tensor summed = MessagePassing.scatterSum(tape, Arithmetic.add(tape, a, b), layout.nodeIndex());
        return rho.forward(tape, summed);
    }
}
