package lapis.cli;

import java.nio.file.Path;
import java.util.Locale;
import lapis.graph.GraphOptions;
import lapis.graph.IndexedGraph;
import lapis.graph.io.GraphFormat;
import lapis.graph.io.GraphReader;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

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

    @Option(names = "--vertex-ids", defaultValue = "tokens", paramLabel = "tokens|int", converter = IdsConverter.class,
            description = "What a vertex id is: any token (default), or an integer, so that a line whose ids are "
                    + "words is an error with its number (networkx's nodetype=int).")
    GraphReader.VertexIds vertexIds;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    String format;

    /**
     * Reads the file; bad input surfaces as GraphFormatException naming the file and line. A file with no vertex
     * is read as the empty graph, with a warning on stderr.
     */
    IndexedGraph<String> read() {
        GraphOptions options = GraphOptions.defaults().withSymmetrize(symmetrize).withKeepSelfLoops(keepSelfLoops);
        IndexedGraph<String> g = new GraphReader(options, vertexIds).read(file,
                format == null ? null : GraphFormat.parse(format));
        if (g.graph().vertexCount() == 0) {
            command.commandLine().getErr().println("lapis: warning: " + file + " holds no vertex (an empty graph)");
        }
        return g;
    }

    /** {@code --vertex-ids tokens|int}. */
    static final class IdsConverter implements ITypeConverter<GraphReader.VertexIds> {
        @Override
        public GraphReader.VertexIds convert(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "tokens" -> GraphReader.VertexIds.TOKENS;
                case "int" -> GraphReader.VertexIds.INTEGERS;
                default -> throw new TypeConversionException("--vertex-ids must be tokens or int, not '" + text
                        + "'");
            };
        }
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
