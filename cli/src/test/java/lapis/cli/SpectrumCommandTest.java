package lapis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpectrumCommandTest {
    @TempDir
    Path dir;

    /** The cycle C_12 in every format the reader supports, written by the examples' own writer. */
    private Path cycle(String extension) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            b.append(i).append(' ').append((i + 1) % 12).append('\n');
        }
        Path edges = dir.resolve("c.edges");
        Files.writeString(edges, b.toString());
        if (extension.equals(".edges")) {
            return edges;
        }
        var g = new lapis.graph.io.GraphReader(lapis.graph.GraphOptions.defaults()).read(edges, null);
        Path out = dir.resolve("c" + extension);
        lapis.graph.io.GraphWriter.write(g, lapis.graph.io.GraphFormat.fromFileName(out.toString()), out);
        return out;
    }

    @Test
    void cycleMultiplicitiesInEveryFormat() throws IOException {
        for (String ext : List.of(".edges", ".graphml", ".gml", ".dot", ".json", ".g6", ".s6")) {
            CliTest.Run r = CliTest.run("spectrum", cycle(ext).toString(), "--laplacian", "comb", "--format",
                    "json");
            assertEquals(0, r.code(), ext + ": " + r.err());
            assertTrue(r.out().contains("\"multiplicities\": [1, 2, 2, 2, 2, 2, 1]"), ext + ": " + r.out());
        }
    }

    @Test
    void sparseSolverAgreesWithClosedFormAndWritesVectors() throws IOException {
        int n = 1500;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < n; i++) {
            b.append(i).append(' ').append(i + 1).append('\n');
        }
        Path path = dir.resolve("p.edges");
        Files.writeString(path, b.toString());
        Path vectors = dir.resolve("v.csv");
        CliTest.Run r = CliTest.run("spectrum", path.toString(), "--laplacian", "comb", "-k", "4", "--format", "csv",
                "--vectors", vectors.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().strip().lines().toList();
        assertEquals(5, rows.size());
        for (int k = 1; k < 4; k++) {
            double expected = 2 - 2 * Math.cos(Math.PI * k / n);
            double got = Double.parseDouble(rows.get(k + 1).split(",")[1]);
            assertEquals(expected, got, 1e-12 * Math.max(1, expected) + 1e-14, "eigenvalue " + k);
        }
        List<String> v = Files.readAllLines(vectors);
        assertEquals(n + 1, v.size());
        assertEquals("vertex,v0,v1,v2,v3", v.get(0));
    }

    @Test
    void badArgumentsExitTwo() throws IOException {
        Path c = cycle(".edges");
        assertEquals(2, CliTest.run("spectrum", c.toString(), "-k", "13").code());
        assertEquals(2, CliTest.run("spectrum", c.toString(), "--format", "xml").code());
        assertEquals(2, CliTest.run("spectrum", c.toString(), "--solver", "magic").code());
    }

    @Test
    void densityWritesCsvAndPlotWithUnitMass() throws IOException {
        Path c = cycle(".edges");
        Path csv = dir.resolve("d.csv");
        Path png = dir.resolve("d.png");
        CliTest.Run r = CliTest.run("density", c.toString(), "--method", "kpm", "--moments", "40", "--out",
                csv.toString(), "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("lambda,density,count", rows.get(0));
        double lastCount = Double.parseDouble(rows.get(rows.size() - 1).split(",")[2]);
        assertEquals(12, lastCount, 0.5, "the cumulative count reaches n at the top of the spectrum");
        assertTrue(Files.size(png) > 1000);
    }
}
