package lapis.datasets.molecules;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Molecules loaded from one source, with their split and the report of the load. Immutable.
 *
 * @param source the file or resource name
 * @param sha256 hex SHA-256 of the source bytes
 * @param targetNames names of the targets, in the order of {@link Molecule#targets()}
 * @param molecules the molecules kept, in file order
 * @param split indices into {@code molecules}
 * @param report what the load did
 */
public record MoleculeDataset(String source, String sha256, List<String> targetNames, List<Molecule> molecules,
        DatasetSplit split, LoadReport report) {

    public MoleculeDataset {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        targetNames = List.copyOf(targetNames);
        molecules = List.copyOf(molecules);
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(report, "report");
        for (int[] part : new int[][] {split.train(), split.validation(), split.test()}) {
            for (int i : part) {
                if (i >= molecules.size()) {
                    throw new IllegalArgumentException("split index " + i + " for " + molecules.size() + " molecules");
                }
            }
        }
    }

    /** Number of molecules. */
    public int size() {
        return molecules.size();
    }

    /** Molecule i. */
    public Molecule molecule(int i) {
        return molecules.get(i);
    }

    /** The molecules at the given indices, e.g. {@code subset(split().train())}. */
    public List<Molecule> subset(int[] indices) {
        return Arrays.stream(indices).mapToObj(molecules::get).toList();
    }

    /** The index of a target name. @throws IllegalArgumentException naming the known targets */
    public int targetIndex(String name) {
        int t = targetNames.indexOf(name);
        if (t < 0) {
            throw new IllegalArgumentException("no target '" + name + "'; targets are " + targetNames);
        }
        return t;
    }

    /** Target t of the molecules at the given indices. */
    public double[] targetValues(int t, int[] indices) {
        double[] v = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            v[k] = molecules.get(indices[k]).target(t);
        }
        return v;
    }

    /** Total heavy atoms over all molecules. */
    public long totalAtoms() {
        return molecules.stream().mapToLong(Molecule::atomCount).sum();
    }

    /** Total bonds over all molecules. */
    public long totalBonds() {
        return molecules.stream().mapToLong(Molecule::bondCount).sum();
    }

    /** How often each {@link AtomCategory} occurs, indexed by ordinal. */
    public long[] atomCategoryCounts() {
        long[] counts = new long[AtomCategory.values().length];
        for (Molecule m : molecules) {
            for (int i = 0; i < m.atomCount(); i++) {
                counts[m.atomCategory(i).ordinal()]++;
            }
        }
        return counts;
    }

    /** How many bonds of each kind: Kekulé orders, aromatic and in-ring (a bond can count in several). */
    public BondCounts bondCounts() {
        long[] c = new long[5];
        for (Molecule m : molecules) {
            for (byte order : m.bondOrders()) {
                c[order - 1]++;
            }
            for (boolean a : m.aromaticBonds()) {
                c[3] += a ? 1 : 0;
            }
            for (boolean r : m.ringBonds()) {
                c[4] += r ? 1 : 0;
            }
        }
        return new BondCounts(c[0], c[1], c[2], c[3], c[4]);
    }

    /**
     * Bond totals over a dataset; singles + doubles + triples is the number of bonds.
     *
     * @param singles Kekulé single bonds
     * @param doubles Kekulé double bonds
     * @param triples triple bonds
     * @param aromatic aromatic bonds (Daylight model)
     * @param inRing bonds on a cycle
     */
    public record BondCounts(long singles, long doubles, long triples, long aromatic, long inRing) {
    }

    /** The same data with another report (the cache outcome of this load). */
    MoleculeDataset withReport(LoadReport r) {
        return new MoleculeDataset(source, sha256, targetNames, molecules, split, r);
    }
}
