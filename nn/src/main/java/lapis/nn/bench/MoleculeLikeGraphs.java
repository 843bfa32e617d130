package lapis.nn.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import lapis.graph.Graph;
import lapis.graph.GraphBatch;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;
import lapis.nn.DType;
import lapis.nn.Index;
import lapis.nn.Tensor;
import lapis.nn.layers.GraphBatchIndex;

/**
 * Random graphs shaped like ZINC molecules, for measuring speed before the real data is at hand: n uniform in
 * 8..37 nodes (ZINC 12k: 9..37, mean 23), a random spanning tree plus random extra edges up to round(1.08 n)
 * edges (ZINC's ratio), atom categories uniform in 0..27 and bond types uniform in 0..3, and an N(0, 1) target.
 * Molecule i is drawn from a generator seeded by (seed, i), so any subset is reproducible on its own.
 */
public final class MoleculeLikeGraphs {
    /** Atom vocabulary size. */
    public static final int ATOM_TYPES = 28;
    /** Bond vocabulary size. */
    public static final int BOND_TYPES = 4;

    private MoleculeLikeGraphs() {
    }

    /** One molecule: its graph, a category per node, a bond type per adjacency entry (CSR order) and a target. */
    public record Molecule(Graph graph, int[] atomTypes, int[] bondTypes, double target) {
    }

    /** A collated batch: the block-diagonal graph, its indexes, atom and bond indexes and the targets. */
    public record Batch(GraphBatch graphs, GraphBatchIndex index, Index atoms, Index bonds, Tensor targets) {
    }

    /** Molecules {@code first .. first + count - 1} of the sequence defined by {@code seed}. */
    public static List<Molecule> generate(long seed, int first, int count) {
        List<Molecule> out = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            out.add(molecule(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i)));
        }
        return out;
    }

    private static Molecule molecule(SplittableRandom rng) {
        int n = 8 + rng.nextInt(30);
        int edges = Math.max(n - 1, (int) Math.round(1.08 * n));
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        Map<Long, Integer> bond = new HashMap<>();
        for (int v = 1; v < n; v++) {
            int u = rng.nextInt(v);
            b.addEdge(u, v, 1);
            int type = rng.nextInt(BOND_TYPES);
            bond.put((long) u * n + v, type);
            bond.put((long) v * n + u, type);
        }
        int added = n - 1;
        while (added < edges) {
            int u = rng.nextInt(n);
            int v = rng.nextInt(n);
            if (u == v || bond.containsKey((long) u * n + v)) {
                continue;
            }
            b.addEdge(u, v, 1);
            int type = rng.nextInt(BOND_TYPES);
            bond.put((long) u * n + v, type);
            bond.put((long) v * n + u, type);
            added++;
        }
        Graph g = b.build();
        int[] atoms = new int[n];
        for (int i = 0; i < n; i++) {
            atoms[i] = rng.nextInt(ATOM_TYPES);
        }
        int[] bonds = new int[g.entryCount()];
        for (int i = 0; i < n; i++) {
            for (int k = g.rowStart(i); k < g.rowStart(i + 1); k++) {
                bonds[k] = bond.get((long) i * n + g.column(k));
            }
        }
        return new Molecule(g, atoms, bonds, rng.nextGaussian());
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
