package lapis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lapis stability on small graph files and on a tiny trained checkpoint. */
class StabilityCommandTest {
    @TempDir
    Path dir;

    /** Three graph files: C_8, the Petersen graph and a wheel. */
    private Path graphs() throws IOException {
        Path g = Files.createDirectories(dir.resolve("graphs"));
        StringBuilder cycle = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            cycle.append(i).append(' ').append((i + 1) % 8).append('\n');
        }
        Files.writeString(g.resolve("c8.edges"), cycle);
        StringBuilder petersen = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            petersen.append(i).append(' ').append((i + 1) % 5).append('\n');
            petersen.append(5 + i).append(' ').append(5 + (i + 2) % 5).append('\n');
            petersen.append(i).append(' ').append(5 + i).append('\n');
        }
        Files.writeString(g.resolve("petersen.edges"), petersen);
        StringBuilder wheel = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
            wheel.append(0).append(' ').append(i).append('\n').append(i).append(' ').append(i % 7 + 1).append('\n');
        }
        Files.writeString(g.resolve("wheel.edges"), wheel);
        return g;
    }

    private static List<String[]> rows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void nodePermutationIsRoundOffForEquivariantEncodingsOnly() throws IOException {
        Path out = dir.resolve("perm");
        CliTest.Run r = CliTest.runCommand(new StabilityCommand(), "--dataset", graphs().toString(), "--pe", "lappe,rwse,spe",
                "--rho", "light", "--dtype", "f64", "--perturb", "node-permute", "--seed", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = rows(out.resolve("stability.csv"));
        assertEquals(3 * 3, rows.size());
        double lapMax = 0;
        for (String[] f : rows) {
            double relative = Double.parseDouble(f[9]);
            switch (f[5]) {
                case "spe", "rwse" -> assertTrue(relative < 1e-10, String.join(",", f));
                default -> lapMax = Math.max(lapMax, relative);
            }
            if (f[5].equals("spe")) {
                assertEquals("true", f[17], "the bound is 0 and holds up to round-off");
            }
        }
        assertTrue(lapMax > 0.1, "LapPE changes on graphs with repeated eigenvalues: " + lapMax);
        assertTrue(Files.readString(out.resolve("summary.md")).startsWith("| pe | level |"));
        assertTrue(Files.exists(out.resolve("summary.csv")));
    }

    @Test
    void edgeDropOfATrainedModelStaysWithinTheBoundAndDoesNotDependOnThreads() throws IOException {
        Path trained = dir.resolve("spe-run");
        CliTest.Run t = CliTest.runCommand(new TrainCommand(), "zinc", "--pe", "spe", "--rho-layers", "1", "--rho-hidden", "8",
                "--rho-mlp-layers", "2", "--hidden", "16", "--filters", "2", "--subset", "32", "--eval-subset", "16",
                "--epochs", "1", "--batch", "16", "--out", trained.toString(), "--no-cache");
        assertEquals(0, t.code(), t.err());
        String[] common = {"--dataset", "zinc", "--graphs", "6", "--pe", "lappe,spe", "--rho", "light",
            "--checkpoint", trained.toString(), "--levels", "0.05,0.2", "--no-cache"};
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        CliTest.Run a = CliTest.runCommand(new StabilityCommand(), concat(common, "--threads", "1", "--out", one.toString()));
        CliTest.Run b = CliTest.runCommand(new StabilityCommand(), concat(common, "--threads", "2", "--out", two.toString()));
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertEquals(Files.readString(one.resolve("stability.csv")), Files.readString(two.resolve("stability.csv")));
        List<String[]> rows = rows(one.resolve("stability.csv"));
        assertEquals(6 * 2 * 3, rows.size());
        int bounded = 0;
        for (String[] f : rows) {
            assertTrue(Double.parseDouble(f[6]) > 0, "||dL|| > 0 after dropping an edge");
            if (f[5].startsWith("spe")) {
                assertEquals("true", f[17], String.join(",", f));
                bounded++;
            }
        }
        assertEquals(6 * 2 * 2, bounded);
        assertTrue(a.out().contains("spe@spe-run"), a.out());
        assertTrue(Files.size(one.resolve("change-vs-dL.png")) > 0 && Files.size(one.resolve("instability-vs-gap.png"))
                > 0);
    }

    @Test
    void pointCloudsGoToTheEigenspaceComparison() throws IOException {
        Path out = dir.resolve("sphere");
        CliTest.Run r = CliTest.runCommand(new StabilityCommand(), "--dataset", "sphere:2000", "--levels", "0.003,0.03",
                "--eigenpairs", "10", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = rows(out.resolve("points.csv"));
        assertTrue(rows.size() >= 2 * 3, "at least the l = 0, 1, 2 eigenspaces per level: " + rows.size());
        assertTrue(Files.size(out.resolve("points-angle-vs-gap.png")) > 0);
    }

    @Test
    void badInputIsRefusedWithAReason() throws IOException {
        CliTest.Run r = CliTest.runCommand(new StabilityCommand(), "--dataset", graphs().toString(), "--perturb", "edge-flip",
                "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("edge-flip"), r.err());
        CliTest.Run none = CliTest.runCommand(new StabilityCommand(), "--dataset", dir.resolve("missing").toString(), "--out",
                dir.resolve("y").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no such file"), none.err());
        CliTest.Run scale = CliTest.runCommand(new StabilityCommand(), "--dataset", graphs().toString(),
                "--plot-scale", "log", "--out", dir.resolve("z").toString());
        assertEquals(2, scale.code());
        assertTrue(scale.err().contains("--plot-scale") && scale.err().contains("'log'"), scale.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
