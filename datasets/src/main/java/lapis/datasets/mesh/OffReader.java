package lapis.datasets.mesh;

import java.util.Arrays;

/**
 * Reads ASCII OFF: the keyword "OFF" (alone or followed by the counts on the same line), the counts "V F E" (E is
 * read and ignored), V vertex lines of exactly three coordinates and F face lines "k i1 .. ik" with 0-based indices,
 * optionally followed by a colour, which is ignored. Comments (#) and blank lines may appear anywhere. The counts
 * must match the lines that follow: a short file and extra lines after the last face are errors. COFF, NOFF and
 * binary OFF are refused. Stateless.
 */
final class OffReader {
    private OffReader() {
    }

    static MeshAssembler read(TextLines in) {
        String[] t = in.next();
        if (t == null) {
            throw in.error("the file is empty; expected the keyword OFF");
        }
        if (!t[0].equals("OFF")) {
            throw in.error("expected the keyword OFF, found '" + t[0] + "'"
                    + (t[0].endsWith("OFF") ? " (only plain OFF is supported)" : ""));
        }
        String[] counts = t.length > 1 ? Arrays.copyOfRange(t, 1, t.length) : in.next();
        if (counts == null) {
            throw in.error("the file ends before the counts line \"vertices faces edges\"");
        }
        int countsLine = in.line();
        if (counts.length != 3) {
            throw in.error("the counts line has " + counts.length + " values; expected \"vertices faces edges\"");
        }
        int nv = in.integer(counts[0], "the vertex count");
        int nf = in.integer(counts[1], "the face count");
        if (nv < 0 || nf < 0) {
            throw in.error("negative counts " + nv + " vertices, " + nf + " faces");
        }
        MeshAssembler mesh = new MeshAssembler(in.source());
        for (int i = 0; i < nv; i++) {
            String[] v = in.next();
            if (v == null) {
                throw in.error("the file ends after " + i + " of the " + nv + " vertices declared on line "
                        + countsLine);
            }
            if (v.length != 3) {
                throw in.error("vertex " + i + " has " + v.length + " values; OFF vertices have 3 (x y z)");
            }
            mesh.vertex(in.number(v[0], "vertex " + i + " x"), in.number(v[1], "vertex " + i + " y"),
                    in.number(v[2], "vertex " + i + " z"));
        }
        for (int f = 0; f < nf; f++) {
            String[] line = in.next();
            if (line == null) {
                throw in.error("the file ends after " + f + " of the " + nf + " faces declared on line " + countsLine);
            }
            int k = in.integer(line[0], "the corner count of face " + f);
            if (k < 0 || line.length < 1 + k) {
                throw in.error("face " + f + " declares " + k + " vertices but the line has " + (line.length - 1)
                        + " values");
            }
            int[] corners = new int[k];
            for (int c = 0; c < k; c++) {
                corners[c] = in.integer(line[1 + c], "vertex index of face " + f);
            }
            mesh.face(corners, in.line());
        }
        if (in.next() != null) {
            throw in.error("unexpected content after the " + nf + " faces declared on line " + countsLine);
        }
        return mesh;
    }
}
