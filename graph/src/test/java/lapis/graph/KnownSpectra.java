package lapis.graph;

import java.util.Arrays;
import java.util.function.Supplier;
import org.jgrapht.generate.CompleteGraphGenerator;
import org.jgrapht.generate.GridGraphGenerator;
import org.jgrapht.generate.HyperCubeGraphGenerator;
import org.jgrapht.generate.LinearGraphGenerator;
import org.jgrapht.generate.NamedGraphGenerator;
import org.jgrapht.generate.RingGraphGenerator;
import org.jgrapht.generate.StarGraphGenerator;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.jgrapht.util.SupplierUtil;

/**
 * Graphs from JGraphT's generators with the closed-form spectra of their combinatorial Laplacians
 * (methods.md section 1), ascending. Shipped in graph's test-jar for the other modules' tests.
 */
public final class KnownSpectra {
    private KnownSpectra() {
    }

    /** A graph with its exact combinatorial spectrum. */
    public record Case(String name, Graph graph, double[] spectrum) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Path P_n: 2 - 2 cos(pi k / n), k = 0..n-1. */
    public static Case path(int n) {
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            s[k] = 2 - 2 * Math.cos(Math.PI * k / n);
        }
        return new Case("path" + n, generate(g -> new LinearGraphGenerator<String, DefaultWeightedEdge>(n)
                .generateGraph(g)), sorted(s));
    }

    /** Cycle C_n: 2 - 2 cos(2 pi k / n); each non-zero value twice (once more for n even: 4 is single). */
    public static Case cycle(int n) {
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            s[k] = 2 - 2 * Math.cos(2 * Math.PI * k / n);
        }
        return new Case("cycle" + n, generate(g -> new RingGraphGenerator<String, DefaultWeightedEdge>(n)
                .generateGraph(g)), sorted(s));
    }

    /** Complete K_n: 0 once, n with multiplicity n - 1. */
    public static Case complete(int n) {
        double[] s = new double[n];
        Arrays.fill(s, 1, n, n);
        return new Case("complete" + n, generate(g -> new CompleteGraphGenerator<String, DefaultWeightedEdge>(n)
                .generateGraph(g)), s);
    }

    /** Star K_{1,n-1}: 0, 1 with multiplicity n - 2, and n. */
    public static Case star(int n) {
        double[] s = new double[n];
        Arrays.fill(s, 1, n - 1, 1.0);
        s[n - 1] = n;
        return new Case("star" + n, generate(g -> new StarGraphGenerator<String, DefaultWeightedEdge>(n)
                .generateGraph(g)), s);
    }

    /** Hypercube Q_d: 2i with multiplicity C(d, i). */
    public static Case hypercube(int d) {
        double[] s = new double[1 << d];
        for (int v = 0; v < s.length; v++) {
            s[v] = 2.0 * Integer.bitCount(v);
        }
        return new Case("hypercube" + d, generate(g -> new HyperCubeGraphGenerator<String, DefaultWeightedEdge>(d)
                .generateGraph(g)), sorted(s));
    }

    /** Grid P_a x P_b: all sums of a path-a and a path-b eigenvalue. */
    public static Case grid(int a, int b) {
        double[] pa = path(a).spectrum();
        double[] pb = path(b).spectrum();
        double[] s = new double[a * b];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                s[i * b + j] = pa[i] + pb[j];
            }
        }
        return new Case("grid" + a + "x" + b, generate(g -> new GridGraphGenerator<String, DefaultWeightedEdge>(a, b)
                .generateGraph(g)), sorted(s));
    }

    /** Petersen: 0, 2 (x5), 5 (x4). */
    public static Case petersen() {
        double[] s = {0, 2, 2, 2, 2, 2, 5, 5, 5, 5};
        return new Case("petersen", generate(g -> new NamedGraphGenerator<String, DefaultWeightedEdge>()
                .generatePetersenGraph(g)), s);
    }

    /** All the cases above at small sizes. */
    public static Case[] all() {
        return new Case[] {path(7), cycle(8), cycle(9), complete(6), star(7), hypercube(4), grid(4, 6), petersen()};
    }

    /** An empty JGraphT simple weighted graph with string vertices "0", "1", ... */
    public static SimpleWeightedGraph<String, DefaultWeightedEdge> emptyJGraphT() {
        Supplier<String> names = new Supplier<>() {
            private int next;

            @Override
            public String get() {
                return Integer.toString(next++);
            }
        };
        return new SimpleWeightedGraph<>(names, SupplierUtil.createDefaultWeightedEdgeSupplier());
    }

    private static Graph generate(java.util.function.Consumer<SimpleWeightedGraph<String, DefaultWeightedEdge>> gen) {
        SimpleWeightedGraph<String, DefaultWeightedEdge> g = emptyJGraphT();
        gen.accept(g);
        return JGraphTGraphs.fromJGraphT(g, GraphOptions.defaults()).graph();
    }

    private static double[] sorted(double[] s) {
        Arrays.sort(s);
        return s;
    }
}
