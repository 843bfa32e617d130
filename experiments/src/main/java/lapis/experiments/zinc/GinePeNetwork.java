package lapis.experiments.zinc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.Index;
import lapis.nn.Module;
import lapis.nn.Shapes;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.layers.Embedding;
import lapis.nn.layers.GineConv;
import lapis.nn.layers.GlobalPooling;
import lapis.nn.layers.GraphBatchIndex;
import lapis.nn.layers.Linear;
import lapis.nn.layers.Mlp;
import lapis.nn.layers.Norm;

/**
 * The GINE base network of the SPE ZINC experiments with a positional encoding (Huang et al., ICLR 2024; reference
 * src/model.py and src/gine.py; methods.md section 4): x = AtomEmbedding(atom) + Linear(p -&gt; hidden)(PE), then
 * {@code layers} residual GINE layers x &lt;- GINE(x + PeMlp_l(PE), BondEmbedding_l(bond)) + x, mean pooling and an
 * MLP readout to one value per graph. The per-layer PE MLPs (p -&gt; hidden -&gt; ... -&gt; hidden, batch norm) are
 * the reference's and optional; every MLP has {@code mlpLayers} linear maps with batch norm and ReLU between them.
 * Without a PE (p = 0) this is the base GINE network of the paper. Cost per batch O(layers (N + entries) hidden
 * + layers N hidden^2).
 */
public final class GinePeNetwork extends Module {

    /**
     * @param atomTypes atom vocabulary (28)
     * @param bondTypes bond vocabulary (4)
     * @param hidden width (128)
     * @param layers GINE layers (4)
     * @param mlpLayers linear maps per MLP (3)
     * @param perLayerPe add an MLP of the PE to the input of every GINE layer (the reference does)
     */
    public record Config(int atomTypes, int bondTypes, int hidden, int layers, int mlpLayers, boolean perLayerPe) {
        public Config {
            if (atomTypes < 1 || bondTypes < 1 || hidden < 1 || layers < 1 || mlpLayers < 1) {
                throw new IllegalArgumentException("GINE sizes must be >= 1, got " + this);
            }
        }

        /** 28 atom and 4 bond types, 4 layers of width 128, 3-layer MLPs, per-layer PE MLPs. */
        public static Config zinc() {
            return new Config(28, 4, 128, 4, 3, true);
        }

        public Config withPerLayerPe(boolean on) {
            return new Config(atomTypes, bondTypes, hidden, layers, mlpLayers, on);
        }

        public Config withSize(int hiddenWidth, int layerCount, int mlpLayerCount) {
            return new Config(atomTypes, bondTypes, hiddenWidth, layerCount, mlpLayerCount, perLayerPe);
        }
    }

    private final Embedding atoms;
    private final Linear peInput;
    private final List<Embedding> bonds = new ArrayList<>();
    private final List<Mlp> peMlps = new ArrayList<>();
    private final List<GineConv> convs = new ArrayList<>();
    private final Mlp readout;

    /** @param peChannels p, the width of the positional encoding, or 0 for none */
    public GinePeNetwork(Config c, int peChannels, DType dtype, RandomGenerator rng) {
        Objects.requireNonNull(c, "config");
        if (peChannels < 0) {
            throw new IllegalArgumentException("PE channels must be >= 0, got " + peChannels);
        }
        this.atoms = child("atom_embedding", new Embedding(c.atomTypes(), c.hidden(), dtype, rng));
        this.peInput = peChannels > 0 ? child("pe_input", new Linear(peChannels, c.hidden(), true, dtype, rng)) : null;
        for (int i = 0; i < c.layers(); i++) {
            bonds.add(child("bond_embedding" + i, new Embedding(c.bondTypes(), c.hidden(), dtype, rng)));
            if (peChannels > 0 && c.perLayerPe()) {
                peMlps.add(child("pe_mlp" + i, new Mlp(c.mlpLayers(), peChannels, c.hidden(), c.hidden(), Norm.BATCH,
                        dtype, rng)));
            }
            convs.add(child("gine" + i, new GineConv(new Mlp(c.mlpLayers(), c.hidden(), c.hidden(), c.hidden(),
                    Norm.BATCH, dtype, rng), dtype)));
        }
        this.readout = child("readout", new Mlp(c.mlpLayers(), c.hidden(), c.hidden(), 1, Norm.BATCH, dtype, rng));
    }

    /**
     * One prediction per graph, shape [graphCount].
     *
     * @param atomTypes per node
     * @param bondTypes per adjacency entry
     * @param pe the N x p encoding, or null when the network has none
     */
    public Tensor forward(Tape t, Index atomTypes, Index bondTypes, GraphBatchIndex g, Tensor pe) {
        if ((pe == null) != (peInput == null)) {
            throw new IllegalArgumentException(peInput == null ? "this network takes no PE"
                    : "this network needs a PE");
        }
        Tensor x = atoms.forward(t, atomTypes);
        if (pe != null) {
            x = Arithmetic.add(t, x, peInput.forward(t, pe));
        }
        for (int i = 0; i < convs.size(); i++) {
            Tensor e = bonds.get(i).forward(t, bondTypes);
            Tensor in = peMlps.isEmpty() ? x : Arithmetic.add(t, x, peMlps.get(i).forward(t, pe));
            x = Arithmetic.add(t, convs.get(i).forward(t, in, e, g), x);
        }
        Tensor y = readout.forward(t, GlobalPooling.MEAN.apply(t, x, g));
        return Shapes.reshape(t, y, g.graphCount());
    }
}
