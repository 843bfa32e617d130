package lapis.cli;

import java.nio.file.Path;
import lapis.graph.GraphOptions;
import lapis.graph.IndexedGraph;
import lapis.graph.io.GraphFormat;
import lapis.graph.io.GraphReader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The graph-file argument and its reading options, shared by every command that reads a graph. The file format
 * is chosen by {@code --format} (also {@code --input-format}) in {@link GraphInput}; commands whose own
 * {@code --format} names the output mix in {@link WithOutputFormat}, which takes only {@code --input-format}.
 */
abstract class GraphInput {
    @Parameters(index = "0", paramLabel = "FILE",
            description = "Graph file: edge list (u v [w]), GraphML, GML, DOT, JSON, graph6 or sparse6.")
    Path file;

    @Option(names = "--symmetrize", description = "Accept a directed graph, reading each arc as an undirected edge.")
    boolean symmetrize;

    @Option(names = "--keep-self-loops", description = "Keep self-loops instead of rejecting the file.")
    boolean keepSelfLoops;

    String format;

    /** Reads the file; bad input surfaces as GraphFormatException naming the file and line. */
    IndexedGraph<String> read() {
        GraphOptions options = GraphOptions.defaults().withSymmetrize(symmetrize).withKeepSelfLoops(keepSelfLoops);
        return new GraphReader(options).read(file, format == null ? null : GraphFormat.parse(format));
    }

    /** The usual graph input: {@code --format} names the file format. */
    static final class Default extends GraphInput {
        @Option(names = {"--format", "--input-format"}, paramLabel = "FORMAT",
                description = "File format: edgelist, graphml, gml, dot, json, graph6, sparse6 (default: by "
                        + "extension).")
        void inputFormat(String name) {
            format = name;
        }
    }

    /** The graph input of a command whose own {@code --format} names the output format. */
    static final class WithOutputFormat extends GraphInput {
        @Option(names = "--input-format", paramLabel = "FORMAT",
                description = "File format: edgelist, graphml, gml, dot, json, graph6, sparse6 (default: by "
                        + "extension).")
        void inputFormat(String name) {
            format = name;
        }
    }
}
