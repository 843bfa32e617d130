package lapis.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lapis.graph.ConnectedComponents;
import lapis.graph.Graph;
import lapis.graph.GraphOptions;
import lapis.graph.JGraphTGraphs;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.dense.SymmetricEigen;
import lapis.spectral.subspace.Eigenspaces;
import org.jgrapht.generate.GridGraphGenerator;
import org.jgrapht.generate.HyperCubeGraphGenerator;
import org.jgrapht.generate.NamedGraphGenerator;
import org.jgrapht.generate.RingGraphGenerator;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.jgrapht.util.SupplierUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis demo}: the main job, a tour of what Lapis computes, in seconds. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show Laplacian spectra of classic graphs next to their closed forms: eigenvalues grouped by "
                + "multiplicity, the zero eigenvalue once per connected component."})
final class DemoCommand implements Runnable {
    private static final double ZERO = 1e-12;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Lapis demo: combinatorial Laplacian spectra L = D - A, as eigenvalue x multiplicity");
        out.println();
        for (Example e : examples()) {
            Graph g = JGraphTGraphs.fromJGraphT(e.graph, GraphOptions.defaults()).graph();
            double[] values = SymmetricEigen.eigenvalues(Laplacian.of(g, Normalization.COMBINATORIAL).toDense());
            out.printf(Locale.ROOT, "%-28s n=%-3d edges=%-3d components=%d%n", e.name, g.vertexCount(),
                    g.edgeCount(), ConnectedComponents.of(g).count());
            out.printf(Locale.ROOT, "  computed     %s%n", grouped(values));
            out.printf(Locale.ROOT, "  closed form  %s%n", e.closedForm);
            out.println();
        }
        out.flush();
    }

    private record Example(String name, SimpleWeightedGraph<Integer, DefaultWeightedEdge> graph, String closedForm) {
    }

    private static List<Example> examples() {
        List<Example> list = new ArrayList<>();
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> petersen = empty();
        new NamedGraphGenerator<Integer, DefaultWeightedEdge>().generatePetersenGraph(petersen);
        list.add(new Example("Petersen graph", petersen, "0, 2 x5, 5 x4"));
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> cycle = empty();
        new RingGraphGenerator<Integer, DefaultWeightedEdge>(8).generateGraph(cycle);
        list.add(new Example("cycle C_8", cycle, "2 - 2cos(2 pi k/8): 0, 0.5858 x2, 2 x2, 3.414 x2, 4"));
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> cube = empty();
        new HyperCubeGraphGenerator<Integer, DefaultWeightedEdge>(4).generateGraph(cube);
        list.add(new Example("hypercube Q_4", cube, "2i x C(4,i): 0, 2 x4, 4 x6, 6 x4, 8"));
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> grid = empty();
        new GridGraphGenerator<Integer, DefaultWeightedEdge>(3, 3).generateGraph(grid);
        list.add(new Example("grid 3 x 3", grid, "sums of path P_3 values {0, 1, 3}: 0, 1 x2, 2, 3 x2, 4 x2, 6"));
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> two = empty();
        new RingGraphGenerator<Integer, DefaultWeightedEdge>(4).generateGraph(two);
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> other = empty();
        new RingGraphGenerator<Integer, DefaultWeightedEdge>(3).generateGraph(other);
        org.jgrapht.Graphs.addGraph(two, shifted(other, 4));
        list.add(new Example("C_4 + C_3 (disconnected)", two, "0 x2 (two components), 2 x2, 3 x2, 4"));
        return list;
    }

    private static SimpleWeightedGraph<Integer, DefaultWeightedEdge> shifted(
            SimpleWeightedGraph<Integer, DefaultWeightedEdge> g, int by) {
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> s = empty();
        g.vertexSet().forEach(v -> s.addVertex(v + by));
        g.edgeSet().forEach(e -> s.addEdge(g.getEdgeSource(e) + by, g.getEdgeTarget(e) + by));
        return s;
    }

    private static SimpleWeightedGraph<Integer, DefaultWeightedEdge> empty() {
        return new SimpleWeightedGraph<>(SupplierUtil.createIntegerSupplier(),
                SupplierUtil.createDefaultWeightedEdgeSupplier());
    }


    private static String grouped(double[] ascending) {
        StringBuilder b = new StringBuilder();
        for (Eigenspaces.Group group : Eigenspaces.of(ascending).groups()) {
            double v = Math.abs(group.value()) < ZERO ? 0.0 : group.value();
            b.append(b.length() == 0 ? "" : ", ").append(Numbers.compact(v, 4));
            if (group.multiplicity() > 1) {
                b.append(" x").append(group.multiplicity());
            }
        }
        return b.toString();
    }
}
