package lapis.bench;

import java.io.PrintWriter;
import lapis.cli.ErrorHandler;
import picocli.CommandLine;

/**
 * The entry point of {@code bench/target/lapis-bench.jar}: {@code lapis bench ...}. The {@code ./lapis} launcher
 * hands every {@code lapis bench} command line to this jar, so that no benchmark ships in the library jars or in
 * the command-line jar; errors are reported as the rest of the command line reports them.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs {@code lapis bench ARGS} with the given streams and returns the exit code; used by main and tests. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl.execute(args);
    }
}
