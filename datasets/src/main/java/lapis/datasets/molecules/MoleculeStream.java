package lapis.datasets.molecules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;
import lapis.graph.io.Csv;
import lapis.graph.io.GraphFormatException;
import lapis.datasets.ProgressListener;

/**
 * The molecules of a CSV file, one at a time, for files too large to hold: open with {@link MoleculeCsv#open}, and
 * close when done (try-with-resources).
 *
 * <p>The first line is the header; a UTF-8 byte-order mark before it is dropped, and lines may end in \n or \r\n.
 * Blank lines are ignored. Each other line is a row; a bad row (wrong field count, empty SMILES, SMILES that CDK
 * cannot read, missing or non-numeric target, a duplicate SMILES unless allowed, a bad split value) either stops
 * the stream with a {@link GraphFormatException} naming file, line and reason ({@link ErrorPolicy#FAIL}, thrown by
 * {@link #hasNext} or {@link #next}) or is skipped and counted in {@link #report()} ({@link ErrorPolicy#SKIP}). A
 * header without the named columns fails at once, whatever the policy. The stream does not split: splits are made
 * by {@link MoleculeCsv#load}. Memory: one molecule at a time, plus one map entry per distinct SMILES for the
 * duplicate check. Not thread-safe.
 */
public final class MoleculeStream implements Iterator<Molecule>, AutoCloseable {
    private static final int PROGRESS_EVERY = 256;

    private final BufferedReader reader;
    private final String source;
    private final MoleculeCsvOptions options;
    private final MoleculeParser parser;
    private final LongSupplier bytesRead;
    private final long totalBytes;
    private final ProgressListener progress;
    private final int fieldCount;
    private final int smilesIndex;
    private final int[] targetIndex;
    private final int splitIndex;
    private final Map<String, Integer> firstLineOf = new HashMap<>();
    private final List<LoadReport.Problem> problems = new ArrayList<>();

    private int line = 1;
    private int rows;
    private int skipped;
    private int duplicates;
    private long otherAtoms;
    private boolean finished;
    private Molecule next;
    private String nextScaffold;
    private int nextSplitPart;
    private String lastScaffold;
    private int lastSplitPart;

    /** Reads the header at once. @throws GraphFormatException for an empty file or missing columns */
    MoleculeStream(BufferedReader reader, String source, MoleculeCsvOptions options, boolean scaffolds,
            LongSupplier bytesRead, long totalBytes, ProgressListener progress) {
        this.reader = reader;
        this.source = source;
        this.options = options;
        this.parser = new MoleculeParser(scaffolds);
        this.bytesRead = bytesRead;
        this.totalBytes = totalBytes;
        this.progress = progress;
        String header = readLine();
        if (header == null || header.isBlank() || header.equals("\uFEFF")) {
            close();
            throw new GraphFormatException(source, 1, "the file is empty; expected a header line naming the columns"
                    + " (SMILES column '" + options.smilesColumn() + "')", null);
        }
        if (header.charAt(0) == '\uFEFF') {
            header = header.substring(1);
        }
        List<String> names;
        try {
            names = Csv.fields(header).stream().map(String::strip).toList();
        } catch (IllegalArgumentException e) {
            close();
            throw new GraphFormatException(source, 1, "malformed header: " + e.getMessage(), e);
        }
        List<String> missing = new ArrayList<>();
        this.smilesIndex = column(names, options.smilesColumn(), missing);
        this.targetIndex = options.targetColumns().stream().mapToInt(c -> column(names, c, missing)).toArray();
        this.splitIndex = options.split() instanceof SplitSpec.Column c ? column(names, c.column(), missing) : -1;
        if (!missing.isEmpty()) {
            close();
            throw new GraphFormatException(source, 1, "missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(m -> "'" + m + "'").toList()) + "; the header has "
                    + names, null);
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.lastIndexOf(names.get(i)) != i && isUsed(i)) {
                close();
                throw new GraphFormatException(source, 1, "column '" + names.get(i) + "' appears twice in the header",
                        null);
            }
        }
        this.fieldCount = names.size();
    }

    private boolean isUsed(int column) {
        if (column == smilesIndex || column == splitIndex) {
            return true;
        }
        for (int t : targetIndex) {
            if (t == column) {
                return true;
            }
        }
        return false;
    }

    private static int column(List<String> names, String name, List<String> missing) {
        int i = names.indexOf(name);
        if (i < 0) {
            missing.add(name);
        }
        return i;
    }

    /**
     * True when another molecule follows.
     *
     * @throws GraphFormatException under {@link ErrorPolicy#FAIL}, at the first bad row
     * @throws UncheckedIOException if the file cannot be read
     */
    @Override
    public boolean hasNext() {
        while (next == null && !finished) {
            String text = readLine();
            if (text == null) {
                finished = true;
                progress.progress("parsing " + source, totalBytes, totalBytes, "bytes");
                close();
                break;
            }
            line++;
            if (text.isBlank()) {
                continue;
            }
            int row = rows++;
            try {
                readRow(text, row);
            } catch (IllegalArgumentException e) {
                if (options.onError() == ErrorPolicy.FAIL) {
                    close();
                    throw new GraphFormatException(source, line, e.getMessage(), e);
                }
                skipped++;
                if (problems.size() < LoadReport.MAX_PROBLEMS) {
                    problems.add(new LoadReport.Problem(source, line, e.getMessage()));
                }
            }
            if (rows % PROGRESS_EVERY == 0) {
                progress.progress("parsing " + source, bytesRead.getAsLong(), totalBytes, "bytes");
            }
        }
        return next != null;
    }

    /** The next molecule. @throws NoSuchElementException at the end; see {@link #hasNext} for errors */
    @Override
    public Molecule next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more molecules in " + source);
        }
        Molecule m = next;
        lastScaffold = nextScaffold;
        lastSplitPart = nextSplitPart;
        next = null;
        return m;
    }

    /** The report so far: rows read, skipped and why, duplicates kept. The cache outcome is NOT_USED. */
    public LoadReport report() {
        return new LoadReport(rows, skipped, problems, duplicates, otherAtoms, LoadReport.CacheOutcome.NOT_USED, "");
    }

    /** The scaffold of the molecule last returned by {@link #next}, when scaffolds were requested. */
    String lastScaffold() {
        return lastScaffold;
    }

    /** 0, 1 or 2 (train, validation, test) for the molecule last returned, when the split is a column. */
    int lastSplitPart() {
        return lastSplitPart;
    }

    /** Closes the file. Idempotent. */
    @Override
    public void close() {
        finished = true;
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + source, e);
        }
    }

    private void readRow(String text, int row) {
        List<String> fields = Csv.fields(text);
        if (fields.size() != fieldCount) {
            throw new IllegalArgumentException("the row has " + fields.size() + " fields; the header has "
                    + fieldCount);
        }
        String smiles = fields.get(smilesIndex).strip();
        if (smiles.isEmpty()) {
            throw new IllegalArgumentException("empty SMILES in column '" + options.smilesColumn()
                    + "' (an empty molecule)");
        }
        double[] targets = new double[targetIndex.length];
        for (int t = 0; t < targets.length; t++) {
            targets[t] = parseTarget(options.targetColumns().get(t), fields.get(targetIndex[t]).strip());
        }
        int part = splitIndex >= 0 ? parsePart(fields.get(splitIndex).strip()) : 0;
        Integer earlier = firstLineOf.get(smiles);
        if (earlier != null && !options.allowDuplicates()) {
            throw new IllegalArgumentException("duplicate row: SMILES '" + smiles + "' is also on line " + earlier);
        }
        MoleculeParser.Parsed parsed = parser.parse(smiles, targets, row, line);
        if (earlier == null) {
            firstLineOf.put(smiles, line);
        } else {
            duplicates++;
        }
        Molecule m = parsed.molecule();
        for (int i = 0; i < m.atomCount(); i++) {
            if (m.atomCategory(i) == AtomCategory.OTHER) {
                otherAtoms++;
            }
        }
        next = m;
        nextScaffold = parsed.scaffold();
        nextSplitPart = part;
    }

    private static double parseTarget(String column, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("missing value for target '" + column + "'");
        }
        double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target '" + column + "' is '" + value + "', not a number");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("target '" + column + "' is '" + value + "', not a finite number");
        }
        return v;
    }

    private int parsePart(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "train" -> 0;
            case "val", "valid", "validation" -> 1;
            case "test" -> 2;
            default -> throw new IllegalArgumentException("split column '" + ((SplitSpec.Column) options.split())
                    .column() + "' is '" + value + "'; expected train, val, valid, validation or test");
        };
    }

    private String readLine() {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + " after line " + line, e);
        }
    }
}
