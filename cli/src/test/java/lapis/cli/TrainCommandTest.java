package lapis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lapis.graph.io.GraphFormatException;
import lapis.graph.io.PropertiesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lapis train zinc and lapis eval through picocli, on a few ZINC molecules with a tiny model. */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainWritesTheRunAndEvalReproducesItsTestError() throws IOException {
        Path out = dir.resolve("spe");
        String[] args = {"zinc", "--pe", "spe", "--rho-layers", "1", "--rho-hidden", "8", "--rho-mlp-layers", "2",
            "--hidden", "16", "--filters", "2", "--subset", "48", "--eval-subset", "24", "--epochs", "2", "--batch",
            "16", "--out", out.toString(), "--no-cache"};
        CliTest.Run r = CliTest.runCommand(new TrainCommand(), args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("stopped by epochs after 2 epochs"), r.out());
        for (String f : new String[] {"config.properties", "data.properties", "epochs.csv", "best.ckpt", "last.ckpt",
            "state.properties", "summary.json", "curve.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(3, Files.readAllLines(out.resolve("epochs.csv")).size());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"git_commit\""));
        CliTest.Run e = CliTest.runCommand(new EvalCommand(), out.toString(), "--no-cache");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("test MAE") && e.out().contains("reproduced exactly"), e.out());
        CliTest.Run last = CliTest.runCommand(new EvalCommand(), out.toString(), "--checkpoint", "last",
                "--recalibrate-bn", "2", "--no-cache");
        assertEquals(0, last.code(), last.err());
        assertTrue(last.out().contains("checkpoint last, batch norms recalibrated on 2 training batches"), last.out());
        CliTest.Run missing = CliTest.runCommand(new EvalCommand(), out.toString(), "--checkpoint",
                out.resolve("nope.ckpt").toString(), "--no-cache");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.ckpt"), missing.err());
        CliTest.Run again = CliTest.runCommand(new TrainCommand(), args);
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already holds a run"), again.err());
        CliTest.Run indist = CliTest.runCommand(new EvalCommand(), out.toString(), "--split", "indist", "--no-cache");
        assertEquals(2, indist.code());
        assertTrue(indist.err().contains("--split size") && indist.err().contains("standard split"), indist.err());
        Path data = out.resolve(TrainCommand.DATA);
        Files.write(data, Files.readAllLines(data).stream().filter(l -> !l.startsWith("split=")).toList());
        CliTest.Run old = CliTest.runCommand(new EvalCommand(), out.toString(), "--split", "indist", "--no-cache");
        assertTrue(old.err().contains("standard split"), "a run without split= used the standard split: "
                + old.err());
    }

    @Test
    void sizeSplitRunWritesShiftJsonThatEvalReproduces() throws IOException {
        Path out = dir.resolve("size");
        String[] args = {"zinc", "--split", "size", "--pe", "none", "--hidden", "16", "--layers", "1", "--subset",
            "64", "--eval-subset", "32", "--epochs", "1", "--out", out.toString(), "--no-cache"};
        CliTest.Run r = CliTest.runCommand(new TrainCommand(), args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("in-distribution test MAE") && r.out().contains("gap"), r.out());
        assertTrue(Files.readAllLines(out.resolve(TrainCommand.DATA)).contains("split=size"));
        String json = Files.readString(out.resolve(TrainCommand.SHIFT));
        double inDist = number(json, "in_distribution_test_mae");
        double shifted = number(json, "shifted_test_mae");
        assertTrue(Double.isFinite(inDist) && inDist > 0 && Double.isFinite(shifted) && shifted > 0, json);
        assertEquals(shifted - inDist, number(json, "gap"), 1e-15);
        Map<String, String> state = PropertiesFiles.read(out.resolve("state.properties"));
        assertEquals(Double.parseDouble(state.get("bestTest")), shifted);
        assertEquals(32, number(json, "in_distribution_test", "molecules"), json);
        int trainMax = number(json, "train", "max_vertices");
        assertTrue(trainMax <= number(json, "validation", "min_vertices")
                && trainMax <= number(json, "shifted_test", "min_vertices"), json);
        CliTest.Run e = CliTest.runCommand(new EvalCommand(), out.toString(), "--split", "indist", "--no-cache");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("over 32 molecules") && e.out().contains("reproduced exactly"), e.out());
        CliTest.Run other = CliTest.runCommand(new TrainCommand(), "zinc", "--split", "standard", "--pe", "none", "--hidden", "16",
                "--layers", "1", "--subset", "64", "--eval-subset", "32", "--epochs", "2", "--out", out.toString(),
                "--no-cache", "--resume");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("cannot resume") && other.err().contains("split=size"), other.err());
    }

    @Test
    void epochsCsvIsReadByColumnNameAndABadLineIsNamed() throws IOException {
        Path csv = dir.resolve("epochs.csv");
        Files.writeString(csv, "epoch,batches_done,batches,train_mae,val_mae,test_mae,seconds\n"
                + "0,3,3,0.5,0.6,0.7,1.0\n\n1,2,3,0.4,NaN,0.65,1.0\n");
        List<double[]> rows = TrainCommand.readEpochs(csv);
        assertEquals(2, rows.size());
        assertArrayEquals(new double[] {1, 2, 3, 0.4, Double.NaN, 0.65}, rows.get(1));
        Files.writeString(csv, "epoch,batches_done,batches,train_mae,val_mae,test_mae\n0,3,3,0.5,0.6,0.7\n"
                + "1,3,3,0.4,x,0.6\n");
        GraphFormatException word = assertThrows(GraphFormatException.class, () -> TrainCommand.readEpochs(csv));
        assertEquals(3, word.line());
        assertTrue(word.problem().contains("val_mae is 'x'"), word.problem());
        Files.writeString(csv, "epoch,batches_done,batches,train_mae,val_mae,test_mae\n0,3,3,0.5,0.6\n");
        assertEquals(2, assertThrows(GraphFormatException.class, () -> TrainCommand.readEpochs(csv)).line());
        Files.writeString(csv, "epoch,batches,train_mae,val_mae,test_mae\n");
        GraphFormatException header = assertThrows(GraphFormatException.class, () -> TrainCommand.readEpochs(csv));
        assertTrue(header.getMessage().startsWith(csv + ":1: no column 'batches_done'"), header.getMessage());
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\": ([^,}\\s]+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    private static int number(String json, String part, String field) {
        Matcher m = Pattern.compile("\"" + part + "\": \\{[^}]*\"" + field + "\": (\\d+)").matcher(json);
        assertTrue(m.find(), part + "." + field + " in " + json);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void summaryRecordsTheCommandAsTyped() throws IOException {
        Path out = dir.resolve("none");
        CliTest.Run r = CliTest.run("train", "zinc", "--pe", "none", "--hidden", "8", "--layers", "1", "--subset", "16",
                "--eval-subset", "8", "--epochs", "1", "--batch", "8", "--no-cache", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"command\": \"lapis train zinc --pe none "),
                Files.readString(out.resolve("summary.json")));
    }

    @Test
    void durationsReadHoursMinutesAndSeconds() {
        assertEquals(Duration.ofMinutes(30), TrainCommand.parseDuration("30m"));
        assertEquals(Duration.ofMinutes(90), TrainCommand.parseDuration("1h30m"));
        assertEquals(Duration.ofSeconds(90), TrainCommand.parseDuration("90s"));
        assertEquals(Duration.ofMinutes(30), TrainCommand.parseDuration("0.5h"));
        assertEquals(Duration.ofMinutes(2), TrainCommand.parseDuration("PT2M"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainCommand.parseDuration("30x"));
        assertTrue(e.getMessage().contains("'30x'"), e.getMessage());
    }
}
