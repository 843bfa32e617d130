package lapis.graph.io;

import java.util.Locale;
import java.util.Objects;

/**
 * The graph file formats Lapis reads and writes; see the package description for what each one carries.
 */
public enum GraphFormat {
    /** Lines {@code u v [w]}: whitespace- or comma-separated tokens, {@code #} comments. */
    EDGE_LIST("edgelist", ".txt", ".edges", ".edgelist", ".el", ".csv", ".tsv"),
    /** GraphML (XML): node ids are the vertex names; edge key "weight". */
    GRAPHML("graphml", ".graphml", ".xml"),
    /** GML: integer node ids, vertex names from the node labels; edge {@code weight} or {@code value}. */
    GML("gml", ".gml"),
    /** Graphviz DOT: node ids are the vertex names; edge attribute {@code weight}. */
    DOT("dot", ".dot", ".gv"),
    /** JGraphT's JSON: {@code {"nodes":[{"id":..}], "edges":[{"source":..,"target":..,"weight":..}]}}. */
    JSON("json", ".json"),
    /** graph6 (McKay): simple undirected graphs, no weights, vertices 0..n-1. */
    GRAPH6("graph6", ".g6"),
    /** sparse6 (McKay): undirected graphs with loops allowed, no weights, vertices 0..n-1. */
    SPARSE6("sparse6", ".s6");

    private final String shortName;
    private final String[] extensions;

    GraphFormat(String shortName, String... extensions) {
        this.shortName = shortName;
        this.extensions = extensions;
    }

    /** The name used with {@code --format}: edgelist, graphml, gml, dot, json, graph6 or sparse6. */
    public String shortName() {
        return shortName;
    }

    /** The usual file extension, with its dot: ".edges", ".graphml", ... */
    public String extension() {
        return extensions[0];
    }

    /**
     * The format of a file, chosen by its extension (any case).
     *
     * @throws IllegalArgumentException naming the file and listing the known extensions
     */
    public static GraphFormat fromFileName(String name) {
        Objects.requireNonNull(name, "name");
        String lower = name.toLowerCase(Locale.ROOT);
        for (GraphFormat f : values()) {
            for (String ext : f.extensions) {
                if (lower.endsWith(ext)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException(name + ": cannot tell the graph format from the file name; known"
                + " extensions are " + knownExtensions() + "; pass --format to choose one");
    }

    /**
     * The format called {@code name} on the command line: a short name or the constant's name, any case.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static GraphFormat parse(String name) {
        Objects.requireNonNull(name, "name");
        for (GraphFormat f : values()) {
            if (f.shortName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        StringBuilder known = new StringBuilder();
        for (GraphFormat f : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(f.shortName);
        }
        throw new IllegalArgumentException("unknown graph format '" + name + "'; expected one of " + known);
    }

    private static String knownExtensions() {
        StringBuilder s = new StringBuilder();
        for (GraphFormat f : values()) {
            for (String ext : f.extensions) {
                s.append(s.length() == 0 ? "" : " ").append(ext);
            }
            s.append(" (").append(f.shortName).append(')');
        }
        return s.toString();
    }
}
