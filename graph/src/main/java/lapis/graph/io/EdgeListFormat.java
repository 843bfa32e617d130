package lapis.graph.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import lapis.graph.Graph;
import lapis.graph.GraphOptions;
import lapis.graph.IndexedGraph;

/**
 * The edge-list format: one undirected edge per line, {@code u v [w]}.
 *
 * <ul>
 *   <li>Fields are separated by whitespace (spaces, tabs) or by one comma with optional whitespace around it;
 *       an empty field ({@code a,,b}, a trailing comma) is an error.</li>
 *   <li>{@code #} starts a comment, on its own line or after the fields; blank lines are skipped; Windows line
 *       ends and a UTF-8 byte order mark are accepted.</li>
 *   <li>Vertex ids are tokens (any string without whitespace, comma or {@code #}); they are the vertex names,
 *       and vertices are numbered in order of first appearance. The weight defaults to 1.</li>
 *   <li>Header: the first content line is skipped as a header when none of its fields is a number and either
 *       it has three fields (its third cannot be a weight, as in {@code source,target,weight}) or the next
 *       content line starts with two numbers (as in {@code source,target} above {@code 0,1}).</li>
 * </ul>
 * An edge list cannot hold an isolated vertex; {@link #write} refuses a graph that has one.
 * Reading costs O(file size) time and O(n + |E|) memory.
 */
final class EdgeListFormat {
    private EdgeListFormat() {
    }

    /**
     * Reads the edge list; with {@code integerIds} a line whose vertex ids are not integers is an error with its
     * number (a header line of words is still skipped by the rule above).
     */
    static IndexedGraph<String> read(Reader in, String source, GraphOptions options, boolean integerIds)
            throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        NamedGraphBuilder builder = new NamedGraphBuilder(options);
        List<String> header = null;
        int headerLine = 0;
        boolean firstContent = true;
        int lineNo = 0;
        String line;
        while ((line = readLine(r, source, lineNo + 1)) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            List<String> fields = fields(line, source, lineNo);
            if (fields.isEmpty()) {
                continue;
            }
            if (firstContent) {
                firstContent = false;
                if (fields.stream().noneMatch(NamedGraphBuilder::isNumber)) {
                    if (fields.size() == 3) {
                        continue;
                    }
                    if (fields.size() == 2) {
                        header = fields;
                        headerLine = lineNo;
                        continue;
                    }
                }
            } else if (header != null) {
                boolean numericIds = fields.size() >= 2 && NamedGraphBuilder.isNumber(fields.get(0))
                        && NamedGraphBuilder.isNumber(fields.get(1));
                if (!numericIds) {
                    addEdge(builder, header, source, headerLine, integerIds);
                }
                header = null;
            }
            addEdge(builder, fields, source, lineNo, integerIds);
        }
        if (header != null) {
            addEdge(builder, header, source, headerLine, integerIds);
        }
        return builder.build();
    }

    private static String readLine(BufferedReader r, String source, int lineNo) throws IOException {
        try {
            return r.readLine();
        } catch (CharacterCodingException e) {
            throw new GraphFormatException(source, lineNo, "not UTF-8 text", e);
        }
    }

    private static void addEdge(NamedGraphBuilder builder, List<String> fields, String source, int lineNo,
            boolean integerIds) {
        if (fields.size() != 2 && fields.size() != 3) {
            throw new GraphFormatException(source, lineNo, "expected 'u v [w]', found " + fields.size()
                    + (fields.size() == 1 ? " field" : " fields"), null);
        }
        String u = fields.get(0);
        String v = fields.get(1);
        for (String id : List.of(u, v)) {
            if (integerIds && !isInteger(id)) {
                throw new GraphFormatException(source, lineNo, "vertex id '" + id + "' is not an integer (vertex "
                        + "ids are integers here)", null);
            }
        }
        double w = 1.0;
        if (fields.size() == 3) {
            Double parsed = NamedGraphBuilder.parseWeight(fields.get(2));
            if (parsed == null) {
                throw new GraphFormatException(source, lineNo, "edge " + u + " - " + v + ": weight '" + fields.get(2)
                        + "' is not a number", null);
            }
            w = parsed;
        }
        String problem = builder.addEdge(u, v, w);
        if (problem != null) {
            throw new GraphFormatException(source, lineNo, problem, null);
        }
    }

    /** True for an optionally signed run of decimal digits. */
    static boolean isInteger(String id) {
        int start = id.startsWith("-") || id.startsWith("+") ? 1 : 0;
        if (id.length() == start) {
            return false;
        }
        for (int i = start; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The fields of one line, comment removed; empty for a blank or comment line. */
    static List<String> fields(String line, String source, int lineNo) {
        int hash = line.indexOf('#');
        String s = hash >= 0 ? line.substring(0, hash) : line;
        List<String> out = new ArrayList<>(3);
        int n = s.length();
        int i = skipSpace(s, 0);
        if (i == n) {
            return out;
        }
        while (true) {
            int start = i;
            while (i < n && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new GraphFormatException(source, lineNo, "empty field " + (out.size() + 1), null);
            }
            out.add(s.substring(start, i));
            i = skipSpace(s, i);
            if (i == n) {
                return out;
            }
            if (s.charAt(i) == ',') {
                i = skipSpace(s, i + 1);
                if (i == n) {
                    throw new GraphFormatException(source, lineNo, "empty field " + (out.size() + 1)
                            + " after the last comma", null);
                }
            }
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Writes one line {@code u v w} per edge (u &lt;= v in index order), weights in Java's shortest round-trip
     * decimal form, after a comment line giving n and |E|.
     *
     * @throws IllegalArgumentException if a vertex has no edge, or a name cannot be a token
     */
    static void write(Graph g, String[] names, Writer out) throws IOException {
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (name.isEmpty() || name.indexOf('#') >= 0 || name.indexOf(',') >= 0
                    || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("vertex '" + name + "' cannot be written to an edge list: names"
                        + " must be non-empty, without whitespace, ',' or '#'");
            }
            if (g.degree(i) == 0) {
                throw new IllegalArgumentException("vertex " + name + " has no edge, and an edge list cannot hold"
                        + " an isolated vertex; write graphml, gml, dot, json, graph6 or sparse6 instead");
            }
        }
        out.write("# " + g.vertexCount() + " vertices, " + g.edgeCount() + " edges: u v weight\n");
        StringBuilder line = new StringBuilder();
        for (int u = 0; u < g.vertexCount(); u++) {
            for (int k = g.rowStart(u); k < g.rowStart(u + 1); k++) {
                int v = g.column(k);
                if (u <= v) {
                    line.setLength(0);
                    line.append(names[u]).append(' ').append(names[v]).append(' ').append(g.weight(k)).append('\n');
                    out.write(line.toString());
                }
            }
        }
    }
}
