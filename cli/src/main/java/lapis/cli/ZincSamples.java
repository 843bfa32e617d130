package lapis.cli;

import java.util.ArrayList;
import java.util.List;
import lapis.datasets.ProgressListener;
import lapis.datasets.molecules.AtomCategory;
import lapis.datasets.molecules.DatasetSplit;
import lapis.datasets.molecules.Molecule;
import lapis.datasets.molecules.MoleculeCache;
import lapis.datasets.molecules.MoleculeDataset;
import lapis.datasets.molecules.ZincDataset;
import lapis.graph.GraphSample;

/**
 * ZINC 12k as {@link GraphSample}s for the encodings module, which does not depend on the datasets module: atom
 * categories are {@link AtomCategory} ordinals (28), bond categories single 0, double 1, triple 2, aromatic 3 (the
 * peer's RDKit bond types), the target {@value ZincDataset#TARGET}.
 */
final class ZincSamples {
    /** Atom vocabulary size. */
    static final int ATOM_TYPES = AtomCategory.values().length;
    /** Bond vocabulary size. */
    static final int BOND_TYPES = 4;

    /** The three parts of the standard split, in the split's order. */
    record Split(List<GraphSample> train, List<GraphSample> validation, List<GraphSample> test) {
    }

    private ZincSamples() {
    }

    /** Loads ZINC (from the cache in the user's home when {@code cached}, else parsed afresh) and converts the
     *  standard split. */
    static Split load(boolean cached) {
        MoleculeDataset data = ZincDataset.load(cached ? MoleculeCache.inUserHome() : null, ProgressListener.NONE);
        DatasetSplit split = data.split();
        return new Split(convert(data.subset(split.train())), convert(data.subset(split.validation())),
                convert(data.subset(split.test())));
    }

    static List<GraphSample> convert(List<Molecule> molecules) {
        List<GraphSample> out = new ArrayList<>(molecules.size());
        for (Molecule m : molecules) {
            byte[] orders = m.bondOrders();
            boolean[] aromatic = m.aromaticBonds();
            int[] bonds = new int[orders.length];
            for (int e = 0; e < bonds.length; e++) {
                bonds[e] = aromatic[e] ? 3 : orders[e] - 1;
            }
            out.add(new GraphSample(m.graph(), m.atomCategories(), bonds, m.targets()));
        }
        return out;
    }
}
