package lapis.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Test graphs shaped like the ZINC-12k molecules, for the modules whose tests need many small graphs. */
public final class MoleculeLikeGraphs {
    /**
     * Node counts n = 8..37 of the ZINC-12k molecules (heavy atoms), how many molecules have each: the size
     * distribution of {@link #generate}.
     */
    private static final int[] ZINC_SIZE_COUNTS = {3, 1, 8, 35, 65, 83, 135, 208, 307, 412, 517, 736, 825, 1034,
        898, 982, 1134, 1046, 888, 772, 504, 398, 283, 240, 197, 140, 75, 45, 13, 16};
    private static final int ZINC_MIN_SIZE = 8;

    private MoleculeLikeGraphs() {
    }

    /**
     * Random connected molecule-like graphs, test graphs of ZINC's sizes and shapes: n drawn from the
     * ZINC-12k size histogram (8..37, mean 23.2); a random tree in which each new vertex joins an earlier one of
     * degree &lt; 3; then round(0.12 n) ring closures (about 2.8 for n = 23, giving ~1.08 edges per node as in
     * ZINC), each joining two vertices of degree &lt; 4 at distance 4 or 5 (rings of 5 or 6). Graph i depends on
     * (seed, i) only. O(count n^2).
     */
    public static List<Graph> generate(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        int total = Arrays.stream(ZINC_SIZE_COUNTS).sum();
        List<Graph> graphs = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
            int pick = random.nextInt(total);
            int n = ZINC_MIN_SIZE;
            for (int c : ZINC_SIZE_COUNTS) {
                if (pick < c) {
                    break;
                }
                pick -= c;
                n++;
            }
            graphs.add(moleculeLike(n, random));
        }
        return graphs;
    }

    private static Graph moleculeLike(int n, SplittableRandom random) {
        boolean[][] adjacent = new boolean[n][n];
        int[] degree = new int[n];
        GraphBuilder builder = new GraphBuilder(n, GraphOptions.defaults());
        for (int v = 1; v < n; v++) {
            int u;
            do {
                u = random.nextInt(v);
            } while (degree[u] >= 3);
            join(builder, adjacent, degree, u, v);
        }
        int rings = Math.round(0.12f * n);
        int[] dist = new int[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int ring = 0, attempts = 0; ring < rings && attempts < 20 * n; attempts++) {
            int u = random.nextInt(n);
            if (degree[u] >= 4) {
                continue;
            }
            Arrays.fill(dist, -1);
            dist[u] = 0;
            queue.add(u);
            List<Integer> candidates = new ArrayList<>();
            while (!queue.isEmpty()) {
                int x = queue.poll();
                if ((dist[x] == 4 || dist[x] == 5) && degree[x] < 4) {
                    candidates.add(x);
                }
                for (int y = 0; y < n; y++) {
                    if (adjacent[x][y] && dist[y] < 0) {
                        dist[y] = dist[x] + 1;
                        queue.add(y);
                    }
                }
            }
            if (!candidates.isEmpty()) {
                join(builder, adjacent, degree, u, candidates.get(random.nextInt(candidates.size())));
                ring++;
            }
        }
        return builder.build();
    }

    private static void join(GraphBuilder builder, boolean[][] adjacent, int[] degree, int u, int v) {
        builder.addEdge(u, v, 1.0);
        adjacent[u][v] = true;
        adjacent[v][u] = true;
        degree[u]++;
        degree[v]++;
    }
}
