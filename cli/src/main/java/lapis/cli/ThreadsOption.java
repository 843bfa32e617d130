package lapis.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --threads N}, the same option on every command that computes in parallel: N >= 1, default 2. */
public final class ThreadsOption {
    private int threads;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Worker threads, >= 1; results "
            + "do not depend on it (default: ${DEFAULT-VALUE}).")
    void set(int n) {
        if (n < 1) {
            throw new ParameterException(mixee.commandLine(), "--threads must be >= 1, got " + n);
        }
        threads = n;
    }

    /** The thread count given. */
    public int get() {
        return threads;
    }
}
