package lapis.encodings.learned;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import lapis.nn.DType;
import lapis.nn.FusedLayers;
import lapis.nn.Module;
import lapis.nn.SparseMatrix;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.layers.Mlp;
import lapis.nn.layers.Norm;

/**
 * A graph isomorphism network (Xu et al., ICLR 2019) run on every column of a {@link ColumnLayout} at once: layer
 * l maps rows X to MLP_l((1 + eps_l) X + S X) with S = A (x) I the layout's aggregation, so each column is a
 * separate set of node features on the same graph and the map is permutation-equivariant in the nodes (and in the
 * columns). As SPE's rho (Huang et al., ICLR 2024; reference src/gin.py): {@code layers} layers, MLPs of
 * {@code mlpLayers} linear maps in -&gt; hidden -&gt; ... -&gt; out with batch norm and ReLU between them (the
 * reference's ZINC trainer builds them with create_mlp, mlp_use_bn: true, since its commit 8e4d135 "fix the missing
 * mlp normalization of zinc training"; without it the scale of rho's output drifts and evaluation-mode errors
 * jump), no activation between GIN layers, eps learnable and initialised N(0, 1) as the reference does. Batch
 * statistics run over the real pair rows only (the reference's include its zero padding).
 *
 * <p>Cost per layer: O(nnz(S) w) for the aggregation plus 2 rows (w hidden + (mlpLayers - 2) hidden^2 + hidden
 * out) for the MLP, w the input width.
 */
public final class PairGin extends Module {

    /**
     * @param layers GIN layers (&gt;= 1)
     * @param in input width
     * @param hidden width of every hidden layer and of the outputs of all but the last GIN layer
     * @param out output width of the last layer
     * @param mlpLayers linear maps per MLP (&gt;= 1)
     */
    public record Config(int layers, int in, int hidden, int out, int mlpLayers) {
        public Config {
            if (layers < 1 || in < 1 || hidden < 1 || out < 1 || mlpLayers < 1) {
                throw new IllegalArgumentException("PairGin needs every size >= 1, got " + layers + " layers, in "
                        + in + ", hidden " + hidden + ", out " + out + ", " + mlpLayers + " MLP layers");
            }
        }
    }

    private final Config config;
    private final List<Mlp> mlps = new ArrayList<>();
    private final List<Tensor> eps = new ArrayList<>();

    public PairGin(Config config, DType dtype, RandomGenerator rng) {
        this.config = Objects.requireNonNull(config, "config");
        for (int l = 0; l < config.layers(); l++) {
            int in = l == 0 ? config.in() : config.hidden();
            int out = l == config.layers() - 1 ? config.out() : config.hidden();
            mlps.add(child("layer" + l, new Mlp(config.mlpLayers(), in, config.hidden(), out, Norm.BATCH, dtype,
                    rng)));
            eps.add(parameter("eps" + l, Tensor.normal(dtype, rng, 1, 1)));
        }
    }

    public Config config() {
        return config;
    }

    /** The rows x out output for rows x in input {@code x} and aggregation {@code s} (rows x rows). */
    public Tensor forward(Tape t, Tensor x, SparseMatrix s) {
        Tensor h = x;
        for (int l = 0; l < mlps.size(); l++) {
            h = mlps.get(l).forward(t, FusedLayers.ginAggregate(t, s, h, eps.get(l)));
        }
        return h;
    }

    /**
     * An upper bound on the Lipschitz constant of the whole map in the Frobenius norm of the rows, when the
     * aggregation has spectral norm at most {@code aggregationNorm} (for A (x) I that is ||A||_2, at most the
     * largest weighted degree): prod_l (|1 + eps_l| + aggregationNorm) Lip(MLP_l), with {@link Lipschitz#mlp}.
     */
    public double lipschitzBound(double aggregationNorm) {
        return perturbationBound(1, aggregationNorm, 0, new double[mlps.size()]);
    }

    /**
     * The Frobenius norms ||h_l||_F of the inputs of the layers (h_0 = x, h_l the output of layer l - 1) in a
     * forward pass on {@code x} with aggregation {@code s}: the magnitudes {@link #perturbationBound} needs.
     * Cost: one forward pass.
     */
    public double[] layerInputNorms(Tape t, Tensor x, SparseMatrix s) {
        double[] norms = new double[mlps.size()];
        Tensor h = x;
        for (int l = 0; l < mlps.size(); l++) {
            norms[l] = frobenius(h);
            h = mlps.get(l).forward(t, FusedLayers.ginAggregate(t, s, h, eps.get(l)));
        }
        return norms;
    }

    /**
     * An upper bound on ||f_S(X) - f_S'(X')||_F when the inputs differ by at most {@code inputChange} in the
     * Frobenius norm and the aggregation changes from S to S' with ||S||_2 &lt;= {@code aggregationNorm} and
     * ||S - S'||_2 &lt;= {@code aggregationChange}. With z_l = (1 + eps_l) h_l + S h_l, layer by layer
     * <pre>  delta_{l+1} &lt;= Lip(MLP_l) ((|1 + eps_l| + ||S||_2) delta_l + ||S - S'||_2 ||h'_l||_F),</pre>
     * starting from delta_0 = inputChange, where h'_l are the layer inputs on (X', S')
     * ({@link #layerInputNorms}) and Lip(MLP_l) is {@link Lipschitz#mlp}. With S' = S it is the Lipschitz bound
     * times inputChange. O(parameters) for the spectral norms.
     *
     * @param perturbedInputNorms ||h'_l||_F for every layer (ignored when aggregationChange is 0)
     */
    public double perturbationBound(double inputChange, double aggregationNorm, double aggregationChange,
                                    double[] perturbedInputNorms) {
        if (!(inputChange >= 0 && aggregationNorm >= 0 && aggregationChange >= 0)) {
            throw new IllegalArgumentException("changes and norms must be >= 0, got " + inputChange + ", "
                    + aggregationNorm + ", " + aggregationChange);
        }
        if (perturbedInputNorms.length != mlps.size()) {
            throw new IllegalArgumentException("need " + mlps.size() + " layer norms, got "
                    + perturbedInputNorms.length);
        }
        double delta = inputChange;
        for (int l = 0; l < mlps.size(); l++) {
            double graphTerm = aggregationChange == 0 ? 0 : aggregationChange * perturbedInputNorms[l];
            delta = Lipschitz.mlp(mlps.get(l)) * ((Math.abs(1 + eps.get(l).getFlat(0)) + aggregationNorm) * delta
                    + graphTerm);
        }
        return delta;
    }

    private static double frobenius(Tensor x) {
        double sum = 0;
        for (int i = 0; i < x.size(); i++) {
            double v = x.getFlat(i);
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
