package lapis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BasisCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBadMeshFileExitsTwoNamingItsLineAndWritesNothing() throws Exception {
        Path bad = dir.resolve("bad.off");
        Files.writeString(bad, "OFF\n3 1 0\n0 0 0\n1 zero 0\n0 1 0\n3 0 1 2\n");
        Path out = dir.resolve("out");
        CliTest.Run r = CliTest.runCommand(new BasisCommand(), "--points", bad.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("lapis: " + bad + ":4:"), r.err());
        assertFalse(Files.exists(out));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the input is left");
        }
    }

    @Test
    void aShortSphereRunWritesEveryOutputAndRefusesToOverwriteIt() throws Exception {
        Path out = dir.resolve("sphere");
        CliTest.Run r = CliTest.runCommand(new BasisCommand(), "--points", "sphere:400", "--k", "4", "--epochs", "60",
                "--hidden", "32", "--fourier-features", "8", "--neighbors", "12", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"basis.csv", "eigenvalues.csv", "density.csv", "metrics.json",
            "model.lapisbasis", "eigenvalues.png", "cosines.png", "loss.png", "functions.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String metrics = Files.readString(out.resolve("metrics.json"));
        assertTrue(metrics.contains("\"out_of_sample\"") && metrics.contains("\"knn_route\""), metrics);
        assertEquals(401, Files.readAllLines(out.resolve("basis.csv")).size());
        CliTest.Run again = CliTest.runCommand(new BasisCommand(), "--points", "sphere:400", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("not an empty directory"), again.err());

        Path same = dir.resolve("same");
        CliTest.Run atTraining = CliTest.runCommand(new BasisEvalCommand(), out.toString(), "--points", "sphere:400",
                "--seed", "1", "--out", same.toString());
        assertEquals(0, atTraining.code(), atTraining.err());
        assertEquals(Files.readAllLines(out.resolve("basis.csv")), Files.readAllLines(same.resolve("basis.csv")),
                "evaluated at the training points, the basis is the training output");
        assertTrue(Files.readString(same.resolve("metrics.json")).contains("spherical harmonics"));

        CliTest.Run wrongDimension = CliTest.runCommand(new BasisEvalCommand(), out.toString(), "--points", "digits");
        assertEquals(2, wrongDimension.code());
        assertTrue(wrongDimension.err().contains("dimension 64") && wrongDimension.err().contains("dimension 3"),
                wrongDimension.err());
    }
}
