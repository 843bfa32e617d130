package lapis.datasets;

import org.jgrapht.nio.ImportException;

/**
 * A data file that cannot be read, with where and why: the message is {@code source:line: problem}.
 *
 * <p>It has the fields of {@code lapis.graph.io.GraphFormatException} and, like it, extends JGraphT's unchecked
 * {@link ImportException}, so one catch block serves graph and data files; the CLI and the tests read the fields,
 * not the message.
 */
public final class DataFormatException extends ImportException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    /**
     * @param source the file name as the user gave it, or a resource name
     * @param line 1-based line, 0 when the format has no lines (binary files)
     * @param problem what is wrong, naming the value found and the value expected
     * @param cause the underlying exception, or null
     */
    public DataFormatException(String source, int line, String problem, Throwable cause) {
        super(source + ":" + line + ": " + problem, cause);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** The file or resource name. */
    public String source() {
        return source;
    }

    /** The 1-based line, 0 when the format has no lines. */
    public int line() {
        return line;
    }

    /** The problem, without the location. */
    public String problem() {
        return problem;
    }
}
