package lapis.datasets.mesh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import lapis.graph.io.GraphFormatException;

/**
 * The meaningful lines of a text file as whitespace-separated tokens: '#' starts a comment to the end of the line,
 * and blank or comment-only lines are skipped. Tracks the 1-based line number for errors. Not thread-safe.
 */
final class TextLines {
    private final BufferedReader reader;
    private final String source;
    private int line;
    private boolean first;

    TextLines(BufferedReader reader, String source) {
        this(reader, source, 0);
    }

    /** Lines numbered from {@code linesBefore + 1}, for a text body after a header read elsewhere. */
    TextLines(BufferedReader reader, String source, int linesBefore) {
        this.reader = reader;
        this.source = source;
        this.line = linesBefore;
        this.first = linesBefore == 0;
    }

    /** The tokens of the next meaningful line, or null at the end of the file. */
    String[] next() {
        while (true) {
            String text;
            try {
                text = reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source + " after line " + line, e);
            }
            if (text == null) {
                return null;
            }
            line++;
            if (first && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            first = false;
            int hash = text.indexOf('#');
            if (hash >= 0) {
                text = text.substring(0, hash);
            }
            text = text.strip();
            if (!text.isEmpty()) {
                return text.split("\\s+");
            }
        }
    }

    /** The line of the tokens last returned (or the last line read, at the end). */
    int line() {
        return line;
    }

    String source() {
        return source;
    }

    GraphFormatException error(String problem) {
        return new GraphFormatException(source, line, problem, null);
    }

    GraphFormatException error(int atLine, String problem) {
        return new GraphFormatException(source, atLine, problem, null);
    }

    /** A finite double, or an error naming what it is. */
    double number(String token, String what) {
        double v;
        try {
            v = Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw error(what + " '" + token + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw error(what + " is " + token + "; coordinates must be finite");
        }
        return v;
    }

    /** An integer, or an error naming what it is. */
    int integer(String token, String what) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw error(what + " '" + token + "' is not an integer");
        }
    }
}
