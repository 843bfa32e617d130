package lapis.graph.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV through Apache Commons CSV, in the RFC 4180 dialect with {@code \n} line ends: comma-separated, a field quoted
 * with {@code "} when it holds a comma, a quote or a line end, and {@code ""} inside quotes for one quote. Stateless.
 */
public final class Csv {
    /** What Lapis writes and reads. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private Csv() {
    }

    /**
     * A printer onto out that has written the header row (none when header is empty); the caller flushes or closes
     * it (closing closes out).
     */
    public static CSVPrinter printer(Appendable out, String... header) throws IOException {
        CSVPrinter p = new CSVPrinter(out, FORMAT);
        if (header.length > 0) {
            p.printRecord((Object[]) header);
        }
        return p;
    }

    /**
     * The fields of one line of text (a quoted field cannot span lines here); an empty line has one empty field.
     *
     * @throws IllegalArgumentException describing a malformed quote
     */
    public static List<String> fields(String line) {
        if (line.isEmpty()) {
            return List.of("");
        }
        try (CSVParser p = CSVParser.parse(line, FORMAT)) {
            List<CSVRecord> records = p.getRecords();
            if (records.size() != 1) {
                throw new IllegalArgumentException("a quoted field holds a line end");
            }
            return records.get(0).toList();
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            String problem = cause.getMessage().replaceFirst("^\\(startline \\d+\\) ", "")
                    .replaceFirst(" at line: \\d+, position: ", " at column ");
            throw new IllegalArgumentException("malformed quotes: " + problem, e);
        }
    }

    /**
     * {@link #fields(String)} of line {@code line} of {@code source}.
     *
     * @throws GraphFormatException naming the source and line of a malformed quote
     */
    public static List<String> fields(String source, int line, String text) {
        try {
            return fields(text);
        } catch (IllegalArgumentException e) {
            throw new GraphFormatException(source, line, e.getMessage(), e);
        }
    }

    /** {@link #number(double, int)} with 17 significant digits, enough to read back the same double. */
    public static String number(double x) {
        return number(x, 17);
    }

    /**
     * A CSV number: x with {@code digits} significant digits and the trailing zeros of the mantissa dropped (the
     * exponent is kept whole: 1e-10 stays 1.0e-10); infinities as inf and -inf; NaN as an empty cell, which readers
     * treat as missing.
     */
    public static String number(double x, int digits) {
        if (Double.isNaN(x)) {
            return "";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String s = String.format(Locale.ROOT, "%." + digits + "g", x);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", ".0");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
