package lapis.bench;

import java.util.Map;
import lapis.graph.io.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lapis bench}: the measured workloads behind the README's performance ratios. Each sub-command prints a
 * short table and a last line {@code RESULT_JSON {...}}, the same convention as the peer scripts in
 * {@code bench/peers/}, so {@code bench/compare.sh} can put both sides of one run next to each other.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks behind the README's performance ratios. Each prints a table and a last line "
                + "'RESULT_JSON {...}'.", "bench/compare.sh NAME runs Lapis and its Python peer in one go."},
        subcommands = {BenchKnnCommand.class, BenchZincEighCommand.class, BenchGineCommand.class,
            BenchSoapCommand.class, BenchSpeCommand.class, BenchBasisCommand.class, BenchSparseCommand.class,
            BenchEncodeCommand.class, BenchJmhCommand.class,
            CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {
    /** The last line of a sub-command: {@code RESULT_JSON} and the fields as one line of JSON. */
    static String resultLine(Map<String, Object> fields) {
        return "RESULT_JSON " + Json.line(fields);
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
