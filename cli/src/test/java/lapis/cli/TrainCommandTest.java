package lapis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lapis train zinc and lapis eval through picocli, on a few ZINC molecules with a tiny model. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private static CliTest.Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        int code = cl.execute(args);
        return new CliTest.Run(code, out.toString(), err.toString());
    }

    @Test
    void trainWritesTheRunAndEvalReproducesItsTestError() throws IOException {
        Path out = dir.resolve("spe");
        String[] args = {"zinc", "--pe", "spe", "--rho-layers", "1", "--rho-hidden", "8", "--rho-mlp-layers", "2",
            "--hidden", "16", "--filters", "2", "--subset", "48", "--eval-subset", "24", "--epochs", "2", "--batch",
            "16", "--out", out.toString(), "--no-cache"};
        CliTest.Run r = run(new TrainCommand(), args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("stopped by epochs after 2 epochs"), r.out());
        for (String f : new String[] {"config.properties", "data.properties", "epochs.csv", "best.ckpt", "last.ckpt",
            "state.properties", "summary.json", "curve.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(3, Files.readAllLines(out.resolve("epochs.csv")).size());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"git_commit\""));
        CliTest.Run e = run(new EvalCommand(), out.toString(), "--no-cache");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("test MAE") && e.out().contains("reproduced exactly"), e.out());
        CliTest.Run again = run(new TrainCommand(), args);
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already holds a run"), again.err());
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
