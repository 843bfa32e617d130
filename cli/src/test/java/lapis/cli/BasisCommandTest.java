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

    /** A torus written here, so never seen in development, as an .obj mesh and as an .xyz point file. */
    @Test
    void anyMeshOrPointFileTheReadersTakeIsLearnedAndScored() throws Exception {
        int u = 16;
        int v = 10;
        StringBuilder obj = new StringBuilder("# torus R = 1, r = 0.4\n");
        StringBuilder xyz = new StringBuilder();
        for (int i = 0; i < u; i++) {
            for (int j = 0; j < v; j++) {
                double a = 2 * Math.PI * i / u;
                double b = 2 * Math.PI * j / v;
                String p = (1 + 0.4 * Math.cos(b)) * Math.cos(a) + " " + (1 + 0.4 * Math.cos(b)) * Math.sin(a) + " "
                        + 0.4 * Math.sin(b);
                obj.append("v ").append(p).append('\n');
                xyz.append(p).append('\n');
            }
        }
        for (int i = 0; i < u; i++) {
            for (int j = 0; j < v; j++) {
                int a = i * v + j + 1;
                int b = ((i + 1) % u) * v + j + 1;
                int c = ((i + 1) % u) * v + (j + 1) % v + 1;
                int d = i * v + (j + 1) % v + 1;
                obj.append("f ").append(a).append(' ').append(b).append(' ').append(c).append('\n');
                obj.append("f ").append(a).append(' ').append(c).append(' ').append(d).append('\n');
            }
        }
        Path mesh = dir.resolve("torus.obj");
        Path points = dir.resolve("torus.xyz");
        Files.writeString(mesh, obj);
        Files.writeString(points, xyz);
        String[] fast = {"--k", "4", "--epochs", "30", "--hidden", "16", "--fourier-features", "4", "--neighbors",
            "8"};
        CliTest.Run m = CliTest.runCommand(new BasisCommand(), concat(fast, "--points", mesh.toString(), "--out",
                dir.resolve("mesh").toString()));
        assertEquals(0, m.code(), m.err());
        assertTrue(Files.readString(dir.resolve("mesh/metrics.json")).contains("cotangent Laplacian"));
        assertEquals(u * v + 1, Files.readAllLines(dir.resolve("mesh/basis.csv")).size());
        CliTest.Run p = CliTest.runCommand(new BasisCommand(), concat(fast, "--points", points.toString(), "--out",
                dir.resolve("points").toString()));
        assertEquals(0, p.code(), p.err());
        assertTrue(Files.readString(dir.resolve("points/metrics.json")).contains("learned_vs_knn_route"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
