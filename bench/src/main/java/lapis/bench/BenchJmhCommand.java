package lapis.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lapis bench jmh}: the JMH benchmarks of this module ({@link SpectralBenchmarks}), JMH's own options. */
@Command(name = "jmh", description = {"JMH single-shot timings of the eigensolver and kNN workloads "
        + "(SpectralBenchmarks). Every argument goes to JMH: a benchmark regex, -f forks, -wi/-i iterations, -h "
        + "for JMH's help."})
final class BenchJmhCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "JMH_ARGS", description = "Arguments for org.openjdk.jmh.Main.")
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(arguments.toArray(String[]::new));
        return 0;
    }
}
