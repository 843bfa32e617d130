package lapis.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lapis} command: one sub-command per job. Exit codes: 0 success, 1 internal error, 2 bad usage or bad
 * input (a one-line {@code lapis: FILE:LINE: problem} on stderr).
 */
@Command(name = "lapis",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Spectral graph learning on the JVM: Laplacians, eigensolvers, positional encodings.",
        subcommands = {
            DemoCommand.class,
            InfoCommand.class,
            LaplacianCommand.class,
            DataCommand.class,
            SpectrumCommand.class,
            DensityCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            StabilityCommand.class,
            BasisCommand.class,
            BenchJarCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Lapis implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code; used by main and the tests. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Lapis());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl.execute(args);
    }
}
