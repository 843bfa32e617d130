package lapis.graph.io;

import org.jgrapht.nio.ImportException;

/**
 * A graph file that cannot be read. Extends JGraphT's {@link ImportException}, so existing catch blocks work.
 *
 * <p>The message is {@code source:line: problem}, or {@code source: problem} when the line is not known (line 0).
 * Callers that need the parts read the fields, not the message.
 */
public final class GraphFormatException extends ImportException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    /**
     * @param source the file name as the user gave it, or a name such as {@code <stdin>}
     * @param line the 1-based line of the problem, or 0 when the format or the problem has no line
     * @param problem what is wrong, naming the edge or the field
     * @param cause the underlying exception, or null
     */
    public GraphFormatException(String source, int line, String problem, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** The file name as given, or a name for a stream. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, 0 when unknown. */
    public int line() {
        return line;
    }

    /** What is wrong, without the source and line. */
    public String problem() {
        return problem;
    }
}
