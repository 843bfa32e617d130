package lapis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lapis.experiments.stability.PointStability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointStabilityOutputTest {
    @TempDir
    Path dir;

    @Test
    void aCommaListOfBasesGoesIntoOneTableWithABasisColumn() throws IOException {
        Path out = dir.resolve("bases");
        StringWriter text = new StringWriter();
        PointStabilityOutput.run(PointStability.Options.defaults("sphere-mesh", "noise", out).withLevels(0.001)
                .withBasis("knn,cotangent", 1), new PrintWriter(text));
        List<String> rows = Files.readAllLines(out.resolve("points-summary.csv"));
        assertEquals(3, rows.size(), rows::toString);
        assertTrue(rows.get(1).startsWith("sphere-mesh,noise,knn,0.001,"), rows.get(1));
        assertTrue(rows.get(2).startsWith("sphere-mesh,noise,cotangent,0.001,"), rows.get(2));
        assertTrue(text.toString().contains("basis measured: cotangent Laplacian with lumped mass"), text.toString());
        assertThrows(IllegalArgumentException.class, () -> PointStability.Options.defaults("sphere-mesh", "noise", out)
                .withBasis("knn,spline", 1));
    }

    @Test
    void runWritesTheTablesAndThePlot() throws IOException {
        Path out = dir.resolve("stability");
        StringWriter text = new StringWriter();
        PointStabilityOutput.run(PointStability.Options.defaults("sphere:600", "noise", out).withLevels(0.001, 0.01),
                new PrintWriter(text));
        List<String> rows = Files.readAllLines(out.resolve("points.csv"));
        assertTrue(rows.get(0).startsWith("dataset,perturbation,basis,level,first,end,multiplicity,eigenvalue,gap"));
        int covered = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            assertEquals(15, f.length, row);
            covered += f[3].equals("0.001") ? Integer.parseInt(f[6]) : 0;
            assertEquals(Math.sin(Math.toRadians(Double.parseDouble(f[10]))), Double.parseDouble(f[11]), 1e-12, row);
        }
        assertEquals(PointStability.DEFAULT_EIGENPAIRS, covered, "the eigenspaces of a level cover the K pairs");
        assertEquals(3, Files.readAllLines(out.resolve("points-summary.csv")).size());
        assertTrue(Files.size(out.resolve("points-angle-vs-gap.png")) > 1000);
        assertTrue(Files.size(out.resolve("points-angle-vs-relative-gap.png")) > 1000);
        assertTrue(text.toString().contains("basis measured: kNN-Laplacian eigenvectors"), text.toString());
        try (var files = Files.list(out)) {
            assertEquals(4, files.count(), "no temporary file is left");
        }
    }
}
