package lapis.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import lapis.graph.Graph;
import lapis.graph.GraphBatch;
import lapis.graph.MoleculeLikeGraphs;
import lapis.nn.DType;
import lapis.nn.Index;
import lapis.nn.Tensor;

/**
 * {@link MoleculeLikeGraphs} with random labels for the layer tests: an atom category uniform in 0..27 per node, a
 * bond type uniform in 0..3 per undirected edge (the same on both adjacency entries) and an N(0, 1) target.
 * Molecule i depends on (seed, i) only.
 */
public final class LabelledMolecules {
    public static final int ATOM_TYPES = 28;
    public static final int BOND_TYPES = 4;

    private LabelledMolecules() {
    }

    /** One molecule: its graph, a category per node, a bond type per adjacency entry (CSR order) and a target. */
    public record Molecule(Graph graph, int[] atomTypes, int[] bondTypes, double target) {
    }

    /** A collated batch: the block-diagonal graph, its indexes, atom and bond indexes and the targets. */
    public record Batch(GraphBatch graphs, GraphBatchIndex index, Index atoms, Index bonds, Tensor targets) {
    }

    /** Molecules {@code first .. first + count - 1} of the sequence defined by {@code seed}. */
    public static List<Molecule> generate(long seed, int first, int count) {
        List<Graph> graphs = MoleculeLikeGraphs.generate(first + count, seed);
        List<Molecule> out = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            out.add(label(graphs.get(i), new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i)));
        }
        return out;
    }

    private static Molecule label(Graph g, SplittableRandom rng) {
        int n = g.vertexCount();
        int[] atoms = new int[n];
        for (int i = 0; i < n; i++) {
            atoms[i] = rng.nextInt(ATOM_TYPES);
        }
        int[] bonds = new int[g.entryCount()];
        for (int i = 0; i < n; i++) {
            for (int k = g.rowStart(i); k < g.rowStart(i + 1); k++) {
                int j = g.column(k);
                if (i < j) {
                    bonds[k] = rng.nextInt(BOND_TYPES);
                } else {
                    bonds[k] = bonds[entry(g, j, i)];
                }
            }
        }
        return new Molecule(g, atoms, bonds, rng.nextGaussian());
    }

    private static int entry(Graph g, int i, int j) {
        for (int k = g.rowStart(i); k < g.rowStart(i + 1); k++) {
            if (g.column(k) == j) {
                return k;
            }
        }
        throw new IllegalStateException("no entry " + i + "," + j);
    }

    /** The batch of {@code molecules} in list order, targets in {@code dtype}. O(nodes + entries). */
    public static Batch collate(List<Molecule> molecules, DType dtype) {
        Objects.requireNonNull(molecules, "molecules");
        List<Graph> graphs = new ArrayList<>(molecules.size());
        int nodes = 0;
        int entries = 0;
        for (Molecule m : molecules) {
            graphs.add(m.graph());
            nodes += m.atomTypes().length;
            entries += m.bondTypes().length;
        }
        int[] atoms = new int[nodes];
        int[] bonds = new int[entries];
        double[] y = new double[molecules.size()];
        int a = 0;
        int e = 0;
        for (int i = 0; i < molecules.size(); i++) {
            Molecule m = molecules.get(i);
            System.arraycopy(m.atomTypes(), 0, atoms, a, m.atomTypes().length);
            System.arraycopy(m.bondTypes(), 0, bonds, e, m.bondTypes().length);
            a += m.atomTypes().length;
            e += m.bondTypes().length;
            y[i] = m.target();
        }
        GraphBatch batch = GraphBatch.of(graphs);
        return new Batch(batch, GraphBatchIndex.of(batch), Index.of(atoms, ATOM_TYPES), Index.of(bonds, BOND_TYPES),
                Tensor.of(dtype, y, y.length));
    }
}
