package lapis.graph.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import lapis.graph.Laplacian;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;

/**
 * Matrix Market coordinate files (NIST, Boisvert, Pozo, Remington 1996) for Laplacians, for interop with scipy
 * ({@code scipy.io.mmread}), MATLAB and Julia. Stateless.
 *
 * <p>Written: {@code %%MatrixMarket matrix coordinate real symmetric} with the lower triangle (i &gt;= j) for the
 * symmetric kinds (combinatorial, symmetric normalised), {@code general} with every stored entry for the random
 * walk kind; 1-based indices; values as {@code %.17g}, which reads back to the same double. Stored zeros (the
 * diagonal of an isolated vertex in L = D - A) are written too.
 */
public final class MatrixMarket {
    private MatrixMarket() {
    }

    /**
     * Writes l to the file {@code out} atomically (see {@link AtomicFiles}).
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Laplacian l, Path out) {
        Objects.requireNonNull(l, "l");
        try {
            AtomicFiles.write(out, w -> writeTo(l, w));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes l to {@code out}, which is flushed and not closed. O(nnz).
     *
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Laplacian l, Writer out) {
        Objects.requireNonNull(l, "l");
        Objects.requireNonNull(out, "out");
        try {
            writeTo(l, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeTo(Laplacian l, Writer out) throws IOException {
        boolean symmetric = l.normalization().isSymmetric();
        int[] count = new int[1];
        l.forEachEntry((i, j, v) -> {
            if (!symmetric || i >= j) {
                count[0]++;
            }
        });
        out.write("%%MatrixMarket matrix coordinate real " + (symmetric ? "symmetric" : "general") + "\n");
        out.write("% Lapis " + l.normalization().shortName() + " Laplacian\n");
        out.write(l.size() + " " + l.size() + " " + count[0] + "\n");
        StringBuilder line = new StringBuilder();
        IOException[] failure = new IOException[1];
        l.forEachEntry((i, j, v) -> {
            if (failure[0] == null && (!symmetric || i >= j)) {
                line.setLength(0);
                line.append(i + 1).append(' ').append(j + 1).append(' ')
                        .append(String.format(Locale.ROOT, "%.17g", v)).append('\n');
                try {
                    out.write(line.toString());
                } catch (IOException e) {
                    failure[0] = e;
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /**
     * Reads a real or integer coordinate Matrix Market file, general or symmetric (the upper triangle is filled
     * in). O(nnz).
     *
     * @throws GraphFormatException naming the line of a bad header, size line or entry: wrong field count,
     *     unparsable number, index out of range, an upper-triangle entry in a symmetric file, a repeated entry,
     *     or an entry count that differs from the size line's
     * @throws UncheckedIOException if the file cannot be read
     */
    public static DMatrixSparseCSC read(Path in) {
        String source = in.toString();
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            return read(r, source);
        } catch (CharacterCodingException e) {
            throw new GraphFormatException(source, 0, "not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DMatrixSparseCSC read(BufferedReader r, String source) throws IOException {
        String header = r.readLine();
        if (header == null) {
            throw new GraphFormatException(source, 1, "empty file; expected a %%MatrixMarket header", null);
        }
        String[] h = header.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (h.length != 5 || !h[0].equals("%%matrixmarket") || !h[1].equals("matrix")
                || !h[2].equals("coordinate") || !(h[3].equals("real") || h[3].equals("integer"))
                || !(h[4].equals("general") || h[4].equals("symmetric"))) {
            throw new GraphFormatException(source, 1, "expected '%%MatrixMarket matrix coordinate real|integer"
                    + " general|symmetric', found '" + header.strip() + "'", null);
        }
        boolean symmetric = h[4].equals("symmetric");
        int lineNo = 1;
        String line;
        long[] size = null;
        DMatrixSparseTriplet t = null;
        Set<Long> seen = new HashSet<>();
        long entries = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("%")) {
                continue;
            }
            String[] f = s.split("\\s+");
            if (size == null) {
                if (f.length != 3) {
                    throw new GraphFormatException(source, lineNo, "expected 'rows columns entries', found "
                            + f.length + " fields", null);
                }
                size = new long[] {integer(f[0], source, lineNo), integer(f[1], source, lineNo),
                    integer(f[2], source, lineNo)};
                if (size[0] > Integer.MAX_VALUE || size[1] > Integer.MAX_VALUE || (symmetric && size[0] != size[1])) {
                    throw new GraphFormatException(source, lineNo, "bad size " + size[0] + " x " + size[1]
                            + (symmetric ? " for a symmetric matrix" : ""), null);
                }
                t = new DMatrixSparseTriplet((int) size[0], (int) size[1],
                        (int) Math.min(Integer.MAX_VALUE / 2, (symmetric ? 2 : 1) * size[2]));
                continue;
            }
            if (f.length != 3) {
                throw new GraphFormatException(source, lineNo, "expected 'row column value', found " + f.length
                        + " fields", null);
            }
            long i = integer(f[0], source, lineNo);
            long j = integer(f[1], source, lineNo);
            if (i < 1 || i > size[0] || j < 1 || j > size[1]) {
                throw new GraphFormatException(source, lineNo, "entry (" + i + ", " + j + ") is outside the "
                        + size[0] + " x " + size[1] + " matrix", null);
            }
            if (symmetric && j > i) {
                throw new GraphFormatException(source, lineNo, "entry (" + i + ", " + j + ") is above the diagonal"
                        + " of a symmetric file, which stores the lower triangle", null);
            }
            Double v = NamedGraphBuilder.parseWeight(f[2]);
            if (v == null) {
                throw new GraphFormatException(source, lineNo, "value '" + f[2] + "' is not a number", null);
            }
            if (!seen.add((i - 1) * size[1] + (j - 1))) {
                throw new GraphFormatException(source, lineNo, "entry (" + i + ", " + j + ") appears twice", null);
            }
            if (++entries > size[2]) {
                throw new GraphFormatException(source, lineNo, "more entries than the " + size[2] + " declared",
                        null);
            }
            t.addItem((int) i - 1, (int) j - 1, v);
            if (symmetric && i != j) {
                t.addItem((int) j - 1, (int) i - 1, v);
            }
        }
        if (size == null) {
            throw new GraphFormatException(source, lineNo, "no size line", null);
        }
        if (entries != size[2]) {
            throw new GraphFormatException(source, lineNo, "found " + entries + " entries; the size line declares "
                    + size[2], null);
        }
        return DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
    }

    private static long integer(String token, String source, int lineNo) {
        try {
            long v = Long.parseLong(token);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new GraphFormatException(source, lineNo, "'" + token + "' is not a non-negative integer", e);
        }
    }
}
