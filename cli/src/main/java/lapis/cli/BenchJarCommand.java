package lapis.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code lapis bench} as this jar sees it: the benchmarks live in the bench module's own jar (no benchmark ships in
 * the command-line or library jars), and the {@code ./lapis} launcher hands {@code lapis bench ...} to it. Run
 * from this jar directly, the command says where the benchmarks are.
 */
@Command(name = "bench", description = {"Benchmarks behind the README's performance ratios (knn, zinc-eigh, gine, "
        + "soap, spe, basis, sparse, encode, jmh), run from the bench module's jar: ./lapis bench --help."})
final class BenchJarCommand implements Callable<Integer> {
    @Unmatched
    private String[] arguments;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("lapis: the benchmarks run from the bench module's jar: ./lapis bench "
                + "... (built on first use), or java --add-modules jdk.incubator.vector -jar "
                + "bench/target/lapis-bench.jar ...");
        return ErrorHandler.BAD_INPUT;
    }
}
