package lapis.datasets.molecules;

import java.util.Arrays;
import java.util.Objects;
import lapis.graph.Graph;

/**
 * One molecule as a graph: heavy atoms are the vertices (in the order of the SMILES), bonds the unit-weight edges.
 *
 * <p>Edge order: the per-edge arrays are aligned with {@link Graph#forEachEdge}, i.e. the bonds {u, v} with u &lt; v
 * sorted by u, then v. Bond features: {@code bondOrders[e]} is the Kekulé order 1, 2 or 3 (CDK's kekulisation of
 * the SMILES); {@code aromaticBonds[e]} is CDK's Daylight-model aromaticity, perceived afresh, so an aromatic
 * SMILES and its Kekulé form give the same flags; {@code ringBonds[e]} says the bond lies on a cycle.
 * {@code atomCategories[i]} is the {@link AtomCategory} ordinal of vertex i. Every array is copied in and out.
 *
 * @param row 0-based data row of the source file (blank lines not counted, skipped rows counted)
 * @param line 1-based line of the source file
 * @param smiles the SMILES as written in the file
 * @param graph the heavy-atom graph, unit weights; several components for a salt or mixture ("a.b")
 * @param atomCategories per vertex, an {@link AtomCategory} ordinal
 * @param bondOrders per edge, 1, 2 or 3
 * @param aromaticBonds per edge, aromatic
 * @param ringBonds per edge, in a ring
 * @param targets the target values, in the order of the dataset's target names
 */
public record Molecule(int row, int line, String smiles, Graph graph, int[] atomCategories, byte[] bondOrders,
        boolean[] aromaticBonds, boolean[] ringBonds, double[] targets) {

    /** @throws IllegalArgumentException if the arrays do not match the graph's vertex and edge counts */
    public Molecule {
        Objects.requireNonNull(smiles, "smiles");
        Objects.requireNonNull(graph, "graph");
        int n = graph.vertexCount();
        int m = graph.edgeCount();
        if (atomCategories.length != n) {
            throw new IllegalArgumentException(atomCategories.length + " atom categories for " + n + " atoms");
        }
        if (bondOrders.length != m || aromaticBonds.length != m || ringBonds.length != m) {
            throw new IllegalArgumentException("bond features of lengths " + bondOrders.length + ", "
                    + aromaticBonds.length + ", " + ringBonds.length + " for " + m + " bonds");
        }
        atomCategories = atomCategories.clone();
        bondOrders = bondOrders.clone();
        aromaticBonds = aromaticBonds.clone();
        ringBonds = ringBonds.clone();
        targets = targets.clone();
    }

    /**
     * The molecule of one SMILES, with no targets, row 0 and line 0. Convenient for a single molecule; to parse many,
     * use the loaders, which reuse one parser.
     *
     * @throws IllegalArgumentException naming the SMILES and the reason it cannot be read
     */
    public static Molecule fromSmiles(String smiles) {
        return new MoleculeParser(false).parse(smiles, new double[0], 0, 0).molecule();
    }

    /** Number of heavy atoms. */
    public int atomCount() {
        return graph.vertexCount();
    }

    /** Number of bonds between heavy atoms. */
    public int bondCount() {
        return graph.edgeCount();
    }

    /** The category of atom i. */
    public AtomCategory atomCategory(int i) {
        return AtomCategory.values()[atomCategories[i]];
    }

    /** Target t. */
    public double target(int t) {
        return targets[t];
    }

    /** Number of targets. */
    public int targetCount() {
        return targets.length;
    }

    /** The endpoints of the bonds in edge order: row e is (u, v) with u &lt; v, as an m x 2 row-major array. */
    public int[] bondEndpoints() {
        int[] ends = new int[2 * graph.edgeCount()];
        int[] e = {0};
        graph.forEachEdge((u, v, w) -> {
            ends[e[0]++] = u;
            ends[e[0]++] = v;
        });
        return ends;
    }

    @Override
    public int[] atomCategories() {
        return atomCategories.clone();
    }

    @Override
    public byte[] bondOrders() {
        return bondOrders.clone();
    }

    @Override
    public boolean[] aromaticBonds() {
        return aromaticBonds.clone();
    }

    @Override
    public boolean[] ringBonds() {
        return ringBonds.clone();
    }

    @Override
    public double[] targets() {
        return targets.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Molecule m && row == m.row && line == m.line && smiles.equals(m.smiles)
                && graph.equals(m.graph) && Arrays.equals(atomCategories, m.atomCategories)
                && Arrays.equals(bondOrders, m.bondOrders) && Arrays.equals(aromaticBonds, m.aromaticBonds)
                && Arrays.equals(ringBonds, m.ringBonds) && Arrays.equals(targets, m.targets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(row, line, smiles, graph, Arrays.hashCode(atomCategories), Arrays.hashCode(targets));
    }

    @Override
    public String toString() {
        return "Molecule[row=" + row + ", " + smiles + ", atoms=" + atomCount() + ", bonds=" + bondCount()
                + ", targets=" + Arrays.toString(targets) + "]";
    }
}
