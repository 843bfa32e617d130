package lapis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import lapis.graph.io.MatrixMarket;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    /** Exit code, stdout and stderr of one run. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lapis.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** One subcommand on its own, with the root command's error handling. */
    static Run runCommand(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = new picocli.CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void threadsIsCheckedByItsFlagOnEveryCommandThatTakesIt() {
        for (String[] command : new String[][] {{"train", "zinc"}, {"eval"}, {"stability"}, {"basis"},
            {"basis", "eval", "dir"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 2);
            args[command.length] = "--threads";
            args[command.length + 1] = "0";
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", command) + ": " + r.err());
            assertTrue(r.err().contains("--threads must be >= 1, got 0"), String.join(" ", command) + ": " + r.err());
        }
    }

    @Test
    void anEmptyGraphFileIsReadWithAWarningAndADirectoryIsNamed() throws IOException {
        Path empty = write("empty.edges", "# nothing\n");
        Run r = run("info", empty.toString());
        assertTrue(r.err().contains("warning: " + empty + " holds no vertex"), r.err());
        r = run("info", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(dir + " is a directory"), r.err());
        Path words = write("words.edges", "1 2\nthree four\n");
        r = run("info", words.toString(), "--vertex-ids", "int");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(words + ":2: vertex id 'three' is not an integer"), r.err());
    }

    @Test
    void aBadSplitSaysWhatIsWrongWithIt() {
        Run r = run("data", "info", "zinc", "--split", "random:0.8");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad split 'random:0.8': it takes 3 comma-separated values, got 1"), r.err());
        r = run("data", "info", "zinc", "--split", "random:0.8,0.1,x");
        assertTrue(r.err().contains("the seed 'x' is not an integer"), r.err());
        r = run("data", "info", "zinc", "--split", "column:");
        assertTrue(r.err().contains("column: needs the column's name"), r.err());
        r = run("data", "info", "zinc", "--on-error", "ignore");
        assertTrue(r.err().contains("--on-error must be fail or skip, not 'ignore'"), r.err());
    }

    @Test
    void benchIsListedAndPointsAtTheBenchJar() {
        assertTrue(run("--help").out().contains("bench"));
        Run r = run("bench", "knn");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bench/target/lapis-bench.jar"), r.err());
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void infoReportsCountsOfAnEdgeList() throws IOException {
        Path f = write("g.edges", "# two triangles sharing nothing, and a pendant\n0 1\n1 2 2.5\n2 0\n3 4\n4 5\n5 3\n5 6 0.5\n");
        Run r = run("info", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("vertices      7"), r.out());
        assertTrue(r.out().contains("edges         7"), r.out());
        assertTrue(r.out().contains("components    2"), r.out());
        assertTrue(r.out().contains("min 0.5, max 2.5"), r.out());
        Run j = run("info", f.toString(), "--json");
        assertTrue(j.out().contains("\"components\": 2") && j.out().contains("\"weightMax\": 2.5"), j.out());
    }

    @Test
    void badWeightExitsTwoNamingFileAndLine() throws IOException {
        Path f = write("bad.edges", "0 1 1.0\n1 2 -3\n");
        Run r = run("info", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("lapis: " + f + ":2:"), r.err());
        assertTrue(r.err().contains("-3"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void unparsableLineAndMissingFileAndUnknownFormatExitTwo() throws IOException {
        Path f = write("junk.edges", "0 1\n0 1 2 3 4\n");
        Run r = run("info", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(":2:"), r.err());
        Run missing = run("info", dir.resolve("nope.edges").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.edges"), missing.err());
        Run ext = run("info", write("g.unknown", "0 1\n").toString());
        assertEquals(2, ext.code());
        assertTrue(ext.err().contains("--format"), ext.err());
        assertEquals(0, run("info", dir.resolve("g.unknown").toString(), "--format", "edgelist").code());
    }

    @Test
    void selfLoopsAndDirectedInputNeedTheirFlags() throws IOException {
        Path loop = write("loop.edges", "0 1\n1 1\n");
        assertEquals(2, run("info", loop.toString()).code());
        assertEquals(0, run("info", loop.toString(), "--keep-self-loops").code());
        Path dot = write("d.dot", "digraph G { a -> b; b -> c; }\n");
        Run r = run("info", dot.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("directed"), r.err());
        assertEquals(0, run("info", dot.toString(), "--symmetrize").code());
    }

    @Test
    void laplacianWritesMatrixMarketThatReadsBack() throws IOException {
        Path f = write("p.edges", "a b\nb c\nc d\n");
        Path out = dir.resolve("L.mtx");
        Run r = run("laplacian", f.toString(), "--kind", "comb", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        DMatrixSparseCSC l = MatrixMarket.read(out);
        assertEquals(4, l.numRows);
        assertEquals(2.0, l.get(1, 1));
        assertEquals(-1.0, l.get(1, 2));
        assertEquals(-1.0, l.get(2, 1));
        assertEquals(0.0, l.get(0, 3));
    }

    @Test
    void badKindExitsTwoAndWritesNothing() throws IOException {
        Path f = write("p.edges", "0 1\n");
        Path out = dir.resolve("L.mtx");
        Run r = run("laplacian", f.toString(), "--kind", "heat", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("heat"), r.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void usageErrorsExitTwoAndHelpAndVersionExitZero() {
        assertEquals(2, run("info").code());
        assertEquals(2, run("no-such-command").code());
        Run help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("demo") && help.out().contains("laplacian"), help.out());
        assertEquals(0, run("--version").code());
    }

    @Test
    void demoShowsPetersenMultiplicities() {
        Run r = run("demo", "--spectra-only");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("computed     0, 2 x5, 5 x4"), r.out());
        assertTrue(r.out().contains("computed     0 x2, 2 x2, 3 x2, 4"), r.out());
    }

    @Test
    void demoLearnsASphereBasisTrainsBothModelsAndDrawsTheirCurves() {
        Path out = dir.resolve("demo");
        Run r = run("demo", "--subset", "48", "--epochs", "1", "--basis-steps", "20", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("stopped by epochs after 1 epochs")).count(),
                r.out());
        assertTrue(Files.exists(out.resolve("curves.png")));
        assertTrue(Files.exists(out.resolve("spe").resolve("best.ckpt")));
        assertTrue(r.out().contains("learned: ") && r.out().contains("eigenspace_cos=[1, "), r.out());
        assertTrue(Files.exists(out.resolve("sphere-basis").resolve("model.lapisbasis")));
    }
}
