package lapis.nn.layers;

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

/**
 * The GINE base network of the SPE ZINC experiments (Huang et al., ICLR 2024) as a test fixture of the layer and
 * checkpoint tests: atom embedding, {@code layers} residual GINE layers x &lt;- GINE(x, e) + x, each with its own
 * bond embedding and an MLP with batch norm, mean pooling and an MLP readout to one value per graph. The
 * experiments use {@code lapis.experiments.zinc.GinePeNetwork}, which is this network without a positional
 * encoding. An optional positional encoding (already of width {@code hidden}) is added to the atom embedding.
 */
public final class GineNetwork extends Module {

    /**
     * @param atomTypes size of the atom vocabulary (28 for ZINC)
     * @param bondTypes size of the bond vocabulary (4)
     * @param hidden width (128)
     * @param layers number of GINE layers (4)
     * @param mlpLayers linear layers in every MLP (3)
     */
    public record Config(int atomTypes, int bondTypes, int hidden, int layers, int mlpLayers, DType dtype) {
        /** The base model of the peer: 28 atom and 4 bond types, 4 layers of width 128, 3-layer MLPs, float32. */
        public static Config zinc() {
            return new Config(28, 4, 128, 4, 3, DType.F32);
        }
    }

    private final Embedding atoms;
    private final List<Embedding> bonds = new ArrayList<>();
    private final List<GineConv> convs = new ArrayList<>();
    private final Mlp readout;

    public GineNetwork(Config c, RandomGenerator rng) {
        Objects.requireNonNull(c, "config");
        this.atoms = child("atom_embedding", new Embedding(c.atomTypes(), c.hidden(), c.dtype(), rng));
        for (int i = 0; i < c.layers(); i++) {
            Embedding bond = new Embedding(c.bondTypes(), c.hidden(), c.dtype(), rng);
            GineConv conv = new GineConv(new Mlp(c.mlpLayers(), c.hidden(), c.hidden(), c.hidden(), Norm.BATCH,
                    c.dtype(), rng), c.dtype());
            bonds.add(child("bond_embedding" + i, bond));
            convs.add(child("gine" + i, conv));
        }
        this.readout = child("readout", new Mlp(c.mlpLayers(), c.hidden(), c.hidden(), 1, Norm.BATCH, c.dtype(),
                rng));
    }

    /**
     * One prediction per graph, shape [graphCount].
     *
     * @param atomTypes per node, range = atom vocabulary
     * @param bondTypes per adjacency entry, range = bond vocabulary
     * @param positional node rows of width hidden added to the atom embedding, or null
     */
    public Tensor forward(Tape t, Index atomTypes, Index bondTypes, GraphBatchIndex g, Tensor positional) {
        Tensor x = atoms.forward(t, atomTypes);
        if (positional != null) {
            x = Arithmetic.add(t, x, positional);
        }
        for (int i = 0; i < convs.size(); i++) {
            Tensor e = bonds.get(i).forward(t, bondTypes);
            x = Arithmetic.add(t, convs.get(i).forward(t, x, e, g), x);
        }
        Tensor pooled = GlobalPooling.MEAN.apply(t, x, g);
        Tensor y = readout.forward(t, pooled);
        return Shapes.reshape(t, y, g.graphCount());
    }
}
