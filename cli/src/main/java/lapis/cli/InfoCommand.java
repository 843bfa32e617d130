package lapis.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import lapis.graph.ConnectedComponents;
import lapis.graph.Graph;
import lapis.graph.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis info FILE}: the size and shape of a graph file. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Print vertices, edges, connected components, degree statistics, self-loops and the weight "
                + "range of a graph file.", "Example: lapis info examples/petersen.graphml --json"})
final class InfoCommand implements Runnable {
    @Mixin
    private GraphInput.Default input;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        Graph g = input.read().graph();
        ConnectedComponents cc = ConnectedComponents.of(g);
        int n = g.vertexCount();
        int min = n == 0 ? 0 : Integer.MAX_VALUE;
        int max = 0;
        long sum = 0;
        int isolated = 0;
        for (int i = 0; i < n; i++) {
            int d = g.degree(i);
            min = Math.min(min, d);
            max = Math.max(max, d);
            sum += d;
            isolated += d == 0 ? 1 : 0;
        }
        double mean = n == 0 ? 0 : (double) sum / n;
        double[] w = g.weightRange();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", input.file.toString());
            m.put("vertices", n);
            m.put("edges", g.edgeCount());
            m.put("components", cc.count());
            m.put("isolatedVertices", isolated);
            m.put("degreeMin", min);
            m.put("degreeMean", mean);
            m.put("degreeMax", max);
            m.put("selfLoops", g.selfLoopCount());
            m.put("weightMin", w[0]);
            m.put("weightMax", w[1]);
            out.println(Json.line(m));
        } else {
            out.printf(Locale.ROOT, "file          %s%n", input.file);
            out.printf(Locale.ROOT, "vertices      %d%n", n);
            out.printf(Locale.ROOT, "edges         %d%n", g.edgeCount());
            out.printf(Locale.ROOT, "components    %d (largest %d vertices; %d isolated)%n", cc.count(),
                    java.util.Arrays.stream(cc.sizes()).max().orElse(0), isolated);
            out.printf(Locale.ROOT, "degree        min %d, mean %.3f, max %d%n", min, mean, max);
            out.printf(Locale.ROOT, "self-loops    %d%n", g.selfLoopCount());
            out.printf(Locale.ROOT, "weights       %s%n", g.edgeCount() == 0 ? "none"
                    : "min " + Numbers.compact(w[0], 6) + ", max " + Numbers.compact(w[1], 6));
        }
        out.flush();
    }
}
