package lapis.graph.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import lapis.graph.GraphOptions;
import lapis.graph.IndexedGraph;

/**
 * Reads a graph file in any {@link GraphFormat} into an {@link IndexedGraph} whose vertices are named by the
 * file's vertex ids. Every format gets the same checks (see {@link GraphOptions}): weights finite and &gt; 0,
 * self-loops refused unless kept, directed input refused unless symmetrised, parallel edges summed. Any problem
 * is a {@link GraphFormatException} naming the source, the line where known, and the edge by its vertex ids;
 * no partially built graph is ever returned. Text is UTF-8; a byte order mark is skipped.
 *
 * <p>Cost: O(file size) time; the edge list streams, the other formats hold the text in memory as JGraphT's
 * parsers do. The JGraphT parsers are the slow part: on 1,000,000 random edges, CPU time to read was 1.0 s for
 * the edge list, 2.4 s sparse6, 5.9 s GraphML, 7.9 s GML, 8.9 s DOT and 14 s JSON (provisional, measured on a
 * shared machine). Immutable and thread-safe.
 */
public final class GraphReader {
    /** What a vertex id may be: any token, or an integer (networkx's {@code nodetype=int}). */
    public enum VertexIds { TOKENS, INTEGERS }

    private final GraphOptions options;
    private final VertexIds ids;

    public GraphReader(GraphOptions options) {
        this(options, VertexIds.TOKENS);
    }

    /**
     * A reader whose vertex ids must be {@code ids}: with {@link VertexIds#INTEGERS} a vertex id that is not an
     * integer is an error naming it (and its line in an edge list) instead of a new vertex.
     */
    public GraphReader(GraphOptions options, VertexIds ids) {
        this.options = Objects.requireNonNull(options, "options");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Reads {@code file}; the format is chosen by the file name's extension when {@code formatOrNull} is null.
     * Errors name the file as given.
     *
     * @throws IllegalArgumentException if the file is a directory, or the format is null and the extension unknown
     * @throws GraphFormatException if the file cannot be read as a graph
     * @throws UncheckedIOException if the file cannot be opened or read (a {@link java.nio.file.NoSuchFileException}
     *     as its cause when it does not exist)
     */
    public IndexedGraph<String> read(Path file, GraphFormat formatOrNull) {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory; give a graph file");
        }
        GraphFormat format = formatOrNull != null ? formatOrNull
                : GraphFormat.fromFileName(String.valueOf(file.getFileName()));
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a graph from {@code in}, which is not closed. {@code sourceName} names it in errors.
     *
     * @throws GraphFormatException if the text cannot be read as a graph
     * @throws UncheckedIOException if reading fails
     */
    public IndexedGraph<String> read(Reader in, String sourceName, GraphFormat format) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(format, "format");
        try {
            if (format == GraphFormat.EDGE_LIST) {
                return EdgeListFormat.read(in, sourceName, options, ids == VertexIds.INTEGERS);
            }
            IndexedGraph<String> g = JGraphTFormats.read(readAll(in, sourceName), sourceName, format, options);
            if (ids == VertexIds.INTEGERS) {
                for (int v = 0; v < g.graph().vertexCount(); v++) {
                    if (!EdgeListFormat.isInteger(g.order().vertex(v))) {
                        throw new GraphFormatException(sourceName, 0, "vertex id '" + g.order().vertex(v)
                                + "' is not an integer (vertex ids are integers here)", null);
                    }
                }
            }
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(Reader in, String source) throws IOException {
        StringBuilder s = new StringBuilder();
        char[] buf = new char[1 << 14];
        int r;
        try {
            while ((r = in.read(buf)) >= 0) {
                s.append(buf, 0, r);
            }
        } catch (CharacterCodingException e) {
            throw new GraphFormatException(source, 0, "not UTF-8 text", e);
        }
        if (s.length() > 0 && s.charAt(0) == '\uFEFF') {
            s.deleteCharAt(0);
        }
        return s.toString();
    }
}
