package lapis.experiments.zinc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import lapis.datasets.ProgressListener;
import lapis.datasets.molecules.AtomCategory;
import lapis.datasets.molecules.DatasetSplit;
import lapis.datasets.molecules.Molecule;
import lapis.datasets.molecules.MoleculeCache;
import lapis.datasets.molecules.MoleculeDataset;
import lapis.datasets.molecules.ZincDataset;
import lapis.graph.GraphSample;

/**
 * ZINC 12k as {@link GraphSample}s for the model and trainer, which take graphs, not molecules: atom
 * categories are {@link AtomCategory} ordinals (28), bond categories single 0, double 1, triple 2, aromatic 3 (the
 * peer's RDKit bond types), the target {@value ZincDataset#TARGET}.
 */
public final class ZincSamples {
    /** Atom vocabulary size. */
    public static final int ATOM_TYPES = AtomCategory.values().length;
    /** Bond vocabulary size. */
    public static final int BOND_TYPES = 4;

    /** The three parts of the standard split, in the split's order. */
    public record Split(List<GraphSample> train, List<GraphSample> validation, List<GraphSample> test) {
    }

    /**
     * A split shifted by molecule size: {@code train} and {@code inDistributionTest} hold the smaller molecules,
     * {@code validation} and {@code test} (the shifted test) the largest. Each list keeps the pool order (standard
     * train, then validation, then test), so the first N of a list are not simply its N smallest molecules.
     */
    public record SizeSplit(List<GraphSample> train, List<GraphSample> validation, List<GraphSample> test,
                     List<GraphSample> inDistributionTest) {
    }

    /** Every this many molecules of the in-distribution pool, in size order, is in-distribution test. */
    public static final int IN_DISTRIBUTION_TEST_STRIDE = 10;

    private ZincSamples() {
    }

    /**
     * The out-of-distribution split by molecule size (heavy-atom count, the vertex count of the graph). The pool is
     * the standard train, validation and test parts in that order (12,000 molecules for ZINC), sorted by vertex
     * count, ties by pool position (a stable sort). The largest {@code |validation| + |test|} molecules of that
     * order (2,000) are the shifted part: even size ranks within it (0, 2, 4, ...) are validation, odd ranks the
     * shifted test. The rest (10,000) is the in-distribution pool: its molecules at size ranks 9, 19, 29, ... (every
     * {@value #IN_DISTRIBUTION_TEST_STRIDE}th, 1,000) are the in-distribution test, the others (9,000) train. So
     * the model is trained on the smaller molecules and validated and tested on the largest, while the
     * in-distribution test has the training size distribution. O(n log n) for n pooled molecules.
     *
     * @throws IllegalArgumentException if the shifted part would take the whole pool
     */
    public static SizeSplit bySize(Split standard) {
        List<GraphSample> pool = new ArrayList<>(standard.train());
        pool.addAll(standard.validation());
        pool.addAll(standard.test());
        int n = pool.size();
        int shifted = standard.validation().size() + standard.test().size();
        if (shifted >= n) {
            throw new IllegalArgumentException("a size split needs training molecules: the pool has " + n
                    + ", validation and test together " + shifted);
        }
        int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingInt(i -> pool.get(i).nodeCount()))
                .mapToInt(Integer::intValue).toArray();
        int inPool = n - shifted;
        // part[i]: 0 train, 1 validation, 2 shifted test, 3 in-distribution test, for pool position i
        int[] part = new int[n];
        for (int rank = 0; rank < n; rank++) {
            part[order[rank]] = rank < inPool ? (rank % IN_DISTRIBUTION_TEST_STRIDE == IN_DISTRIBUTION_TEST_STRIDE - 1
                    ? 3 : 0) : 1 + (rank - inPool) % 2;
        }
        List<List<GraphSample>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        for (int i = 0; i < n; i++) {
            parts.get(part[i]).add(pool.get(i));
        }
        return new SizeSplit(List.copyOf(parts.get(0)), List.copyOf(parts.get(1)), List.copyOf(parts.get(2)),
                List.copyOf(parts.get(3)));
    }

    /** Loads ZINC (from the cache in the user's home when {@code cached}, else parsed afresh) and converts the
     *  standard split. */
    public static Split load(boolean cached) {
        MoleculeDataset data = ZincDataset.load(cached ? MoleculeCache.inUserHome() : null, ProgressListener.NONE);
        DatasetSplit split = data.split();
        return new Split(convert(data.subset(split.train())), convert(data.subset(split.validation())),
                convert(data.subset(split.test())));
    }

    public static List<GraphSample> convert(List<Molecule> molecules) {
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
