package lapis.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lapis.graph.Graph;
import lapis.graph.GraphOptions;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.ops.DConvertMatrixStruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MatrixMarketTest {
    @TempDir
    Path dir;

    /** A weighted 5-vertex graph with a triangle, a pendant edge, a kept self-loop and an isolated vertex. */
    static Graph graph() {
        return Graph.fromEdges(5, new int[] {0, 1, 2, 2, 1}, new int[] {1, 2, 0, 3, 1},
                new double[] {1.0 / 3, 2.5, 1e-7, 7.0, 0.75}, GraphOptions.defaults().withKeepSelfLoops(true));
    }

    @ParameterizedTest
    @EnumSource(Normalization.class)
    void writeThenReadGivesTheSameMatrixBitForBit(Normalization kind) {
        Laplacian l = Laplacian.of(graph(), kind);
        Path file = dir.resolve("L.mtx");
        MatrixMarket.write(l, file);
        DMatrixSparseCSC back = MatrixMarket.read(file);
        DMatrixRMaj dense = DConvertMatrixStruct.convert(back, (DMatrixRMaj) null);
        DMatrixRMaj expected = l.toDense();
        assertEquals(5, dense.numRows);
        assertEquals(5, dense.numCols);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(expected.get(i, j), dense.get(i, j), 0.0, kind + " (" + i + ", " + j + ")");
            }
        }
        assertEquals(l.nonZeroCount(), back.nz_length);
    }

    /** The lower triangle stands for the whole matrix only if L_ij and L_ji are the same double. */
    @ParameterizedTest
    @EnumSource(value = Normalization.class, names = {"COMBINATORIAL", "SYMMETRIC"})
    void symmetricKindsAreExactlySymmetric(Normalization kind) {
        Laplacian l = Laplacian.of(graph(), kind);
        l.forEachEntry((i, j, v) -> assertEquals(v, l.get(j, i), 0.0, kind + " (" + i + ", " + j + ")"));
    }

    @ParameterizedTest
    @EnumSource(Normalization.class)
    void headerAndTriangleFollowTheKind(Normalization kind) throws Exception {
        Laplacian l = Laplacian.of(graph(), kind);
        StringWriter w = new StringWriter();
        MatrixMarket.write(l, w);
        List<String> lines = w.toString().lines().toList();
        String structure = kind == Normalization.RANDOM_WALK ? "general" : "symmetric";
        assertEquals("%%MatrixMarket matrix coordinate real " + structure, lines.get(0));
        List<String> entries = lines.stream().filter(s -> !s.startsWith("%")).skip(1).toList();
        String[] size = lines.stream().filter(s -> !s.startsWith("%")).findFirst().orElseThrow().split(" ");
        assertEquals(List.of("5", "5", Integer.toString(entries.size())), List.of(size));
        int diagonal = 5;
        int offDiagonal = l.nonZeroCount() - diagonal;
        assertEquals(kind.isSymmetric() ? diagonal + offDiagonal / 2 : l.nonZeroCount(), entries.size());
        for (String e : entries) {
            String[] f = e.split(" ");
            int i = Integer.parseInt(f[0]);
            int j = Integer.parseInt(f[1]);
            assertTrue(i >= 1 && j >= 1 && i <= 5 && j <= 5, e);
            if (kind.isSymmetric()) {
                assertTrue(i >= j, "upper-triangle entry in a symmetric file: " + e);
            }
            assertEquals(l.get(i - 1, j - 1), Double.parseDouble(f[2]), 0.0, e);
        }
        Path file = dir.resolve("L.mtx");
        MatrixMarket.write(l, file);
        assertEquals(w.toString(), Files.readString(file));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " ## ", quoteCharacter = '`', value = {
        "%%MatrixMarket matrix array real general\\n2 2\\n1\\n2\\n3\\n4 ## 1 ## expected '%%MatrixMarket matrix coordinate"
            + " real|integer general|symmetric', found '%%MatrixMarket matrix array real general'",
        "%%MatrixMarket matrix coordinate real general\\n2 2\\n ## 2 ## expected 'rows columns entries', found 2 fields",
        "%%MatrixMarket matrix coordinate real general\\n% c\\n2 2 1\\n1 2 ## 4 ## expected 'row column value', found 2"
            + " fields",
        "%%MatrixMarket matrix coordinate real general\\n2 2 1\\n3 1 1.0 ## 3 ## entry (3, 1) is outside the 2 x 2 matrix",
        "%%MatrixMarket matrix coordinate real symmetric\\n2 2 1\\n1 2 1.0 ## 3 ## entry (1, 2) is above the diagonal of a"
            + " symmetric file, which stores the lower triangle",
        "%%MatrixMarket matrix coordinate real general\\n2 2 2\\n1 1 1\\n1 1 2 ## 4 ## entry (1, 1) appears twice",
        "%%MatrixMarket matrix coordinate real general\\n2 2 1\\n1 1 x ## 3 ## value 'x' is not a number",
        "%%MatrixMarket matrix coordinate real general\\n2 2 2\\n1 1 1\\n ## 3 ## found 1 entries; the size line declares 2",
        "%%MatrixMarket matrix coordinate real general\\n2 2 1\\n1 1 1\\n2 2 1 ## 4 ## more entries than the 1 declared",
        "%%MatrixMarket matrix coordinate real general\\n2 -2 1 ## 2 ## '-2' is not a non-negative integer"})
    void badFilesNameTheLineAndTheProblem(String text, int line, String problem) throws Exception {
        Path file = dir.resolve("bad.mtx");
        Files.writeString(file, text.replace("\\n", "\n"));
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> MatrixMarket.read(file));
        assertEquals(file.toString(), e.source());
        assertEquals(line, e.line());
        assertEquals(problem, e.problem());
    }

    @Test
    void symmetricFileIsMirrored() throws Exception {
        Path file = dir.resolve("s.mtx");
        Files.writeString(file, "%%MatrixMarket matrix coordinate integer symmetric\n3 3 2\n2 1 -4\n3 3 5\n");
        DMatrixSparseCSC m = MatrixMarket.read(file);
        assertEquals(-4.0, m.get(0, 1));
        assertEquals(-4.0, m.get(1, 0));
        assertEquals(5.0, m.get(2, 2));
        assertEquals(3, m.nz_length);
    }
}
