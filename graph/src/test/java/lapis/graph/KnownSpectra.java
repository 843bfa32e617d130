package lapis.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jgrapht.generate.CompleteGraphGenerator;
import org.jgrapht.generate.GraphGenerator;
import org.jgrapht.generate.GridGraphGenerator;
import org.jgrapht.generate.HyperCubeGraphGenerator;
import org.jgrapht.generate.LinearGraphGenerator;
import org.jgrapht.generate.NamedGraphGenerator;
import org.jgrapht.generate.RingGraphGenerator;
import org.jgrapht.generate.StarGraphGenerator;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.util.SupplierUtil;

/**
 * Graphs whose Laplacian spectra are known in closed form, built with JGraphT's generators: the fixtures of every
 * eigensolver test. Each case gives the graph, the Laplacian kind and the exact eigenvalues, ascending.
 */
public final class KnownSpectra {
    private KnownSpectra() {
    }

    /** A graph, a Laplacian kind and its exact spectrum (ascending). */
    public record Case(String name, Graph graph, Normalization normalization, double[] eigenvalues) {
        @Override
        public String toString() {
            return name + " (" + normalization.shortName() + ", n=" + graph.vertexCount() + ")";
        }
    }

    static Graph generate(GraphGenerator<Integer, DefaultEdge, Integer> generator) {
        org.jgrapht.Graph<Integer, DefaultEdge> g = new SimpleGraph<>(SupplierUtil.createIntegerSupplier(),
                SupplierUtil.DEFAULT_EDGE_SUPPLIER, false);
        generator.generateGraph(g);
        return JGraphTGraphs.fromJGraphT(g, GraphOptions.defaults()).graph();
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    private static double[] scaled(double[] v, double f) {
        return Arrays.stream(v).map(x -> x * f).toArray();
    }

    /** Path P_n: L has 2 - 2 cos(pi k / n); L_sym has 1 - cos(pi k / (n - 1)), k = 0..n-1. */
    public static Case path(int n, Normalization kind) {
        double[] ev = new double[n];
        for (int k = 0; k < n; k++) {
            ev[k] = kind == Normalization.COMBINATORIAL ? 2 - 2 * Math.cos(Math.PI * k / n)
                    : 1 - Math.cos(Math.PI * k / (n - 1));
        }
        return new Case("path " + n, generate(new LinearGraphGenerator<>(n)), kind, sorted(ev));
    }

    /** Cycle C_n: 2 - 2 cos(2 pi k / n), double for 0 &lt; k &lt; n/2; L_sym = L / 2. */
    public static Case cycle(int n, Normalization kind) {
        double[] ev = new double[n];
        for (int k = 0; k < n; k++) {
            ev[k] = 2 - 2 * Math.cos(2 * Math.PI * k / n);
        }
        return new Case("cycle " + n, generate(new RingGraphGenerator<>(n)), kind,
                sorted(kind == Normalization.COMBINATORIAL ? ev : scaled(ev, 0.5)));
    }

    /** Complete K_n: 0 and n (n - 1 times); L_sym: 0 and n / (n - 1). */
    public static Case complete(int n, Normalization kind) {
        double[] ev = new double[n];
        for (int k = 1; k < n; k++) {
            ev[k] = kind == Normalization.COMBINATORIAL ? n : n / (n - 1.0);
        }
        return new Case("complete " + n, generate(new CompleteGraphGenerator<>(n)), kind, ev);
    }

    /** Star with n vertices: 0, 1 (n - 2 times), n; L_sym: 0, 1 (n - 2 times), 2. */
    public static Case star(int n, Normalization kind) {
        double[] ev = new double[n];
        for (int k = 1; k < n - 1; k++) {
            ev[k] = 1;
        }
        ev[n - 1] = kind == Normalization.COMBINATORIAL ? n : 2;
        return new Case("star " + n, generate(new StarGraphGenerator<>(n)), kind, ev);
    }

    /** Hypercube Q_d: 2k with multiplicity C(d, k); L_sym = L / d. */
    public static Case hypercube(int d, Normalization kind) {
        int n = 1 << d;
        double[] ev = new double[n];
        for (int v = 0; v < n; v++) {
            ev[v] = 2.0 * Integer.bitCount(v) / (kind == Normalization.COMBINATORIAL ? 1 : d);
        }
        return new Case("hypercube " + d, generate(new HyperCubeGraphGenerator<>(d)), kind, sorted(ev));
    }

    /** Grid P_rows x P_cols (combinatorial): (2 - 2 cos(pi i / rows)) + (2 - 2 cos(pi j / cols)). */
    public static Case grid(int rows, int cols) {
        double[] ev = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                ev[i * cols + j] = 4 - 2 * Math.cos(Math.PI * i / rows) - 2 * Math.cos(Math.PI * j / cols);
            }
        }
        return new Case("grid " + rows + "x" + cols, generate(new GridGraphGenerator<>(rows, cols)),
                Normalization.COMBINATORIAL, sorted(ev));
    }

    /** Petersen: 0, 2 (5 times), 5 (4 times); the graph is 3-regular so L_sym = L / 3. */
    public static Case petersen(Normalization kind) {
        double[] ev = {0, 2, 2, 2, 2, 2, 5, 5, 5, 5};
        org.jgrapht.Graph<Integer, DefaultEdge> g = NamedGraphGenerator.petersenGraph();
        return new Case("petersen", JGraphTGraphs.fromJGraphT(g, GraphOptions.defaults()).graph(), kind,
                kind == Normalization.COMBINATORIAL ? ev : scaled(ev, 1.0 / 3));
    }

    /** The disjoint union of the cases' graphs (same kind): the union of their spectra. */
    public static Case union(String name, Case... parts) {
        int n = Arrays.stream(parts).mapToInt(c -> c.graph().vertexCount()).sum();
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        List<Double> ev = new ArrayList<>();
        int offset = 0;
        for (Case c : parts) {
            int o = offset;
            c.graph().forEachEdge((u, v, w) -> b.addEdge(u + o, v + o, w));
            offset += c.graph().vertexCount();
            Arrays.stream(c.eigenvalues()).forEach(ev::add);
        }
        return new Case(name, b.build(), parts[0].normalization(),
                sorted(ev.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /**
     * K_3 plus an isolated vertex: L has 0, 0, 3, 3; L_sym has 0, 1 (the isolated vertex: deg^-1/2 = 0 gives a
     * unit row), 3/2, 3/2.
     */
    public static Case triangleWithIsolatedVertex(Normalization kind) {
        GraphBuilder b = new GraphBuilder(4, GraphOptions.defaults());
        b.addEdge(0, 1, 1).addEdge(1, 2, 1).addEdge(0, 2, 1);
        double[] ev = kind == Normalization.COMBINATORIAL ? new double[] {0, 0, 3, 3} : new double[] {0, 1, 1.5, 1.5};
        return new Case("triangle + isolated vertex", b.build(), kind, ev);
    }

    /** The standard battery, every case small enough for a dense solver (n &lt;= 64). */
    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (Normalization kind : new Normalization[] {Normalization.COMBINATORIAL, Normalization.SYMMETRIC}) {
            cases.add(path(9, kind));
            cases.add(cycle(12, kind));
            cases.add(complete(7, kind));
            cases.add(star(8, kind));
            cases.add(hypercube(5, kind));
            cases.add(petersen(kind));
            cases.add(triangleWithIsolatedVertex(kind));
            cases.add(union("cycle 6 + complete 4 + star 5", cycle(6, kind), complete(4, kind), star(5, kind)));
        }
        cases.add(grid(2, 5));
        cases.add(grid(5, 4));
        cases.add(grid(6, 7));
        return cases;
    }
}
