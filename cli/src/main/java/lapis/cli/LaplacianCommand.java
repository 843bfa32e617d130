package lapis.cli;

import java.nio.file.Path;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.graph.io.MatrixMarket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis laplacian FILE --kind K --out L.mtx}: a Laplacian in Matrix Market form for other tools. */
@Command(name = "laplacian", mixinStandardHelpOptions = true,
        description = {"Write the Laplacian of a graph file as a Matrix Market file (scipy.io.mmread, MATLAB, "
                + "Julia, SuiteSparse read it).",
            "Kinds: comb = D - A; sym = I - D^-1/2 A D^-1/2 (isolated vertices get a unit diagonal, as in PyG); "
                + "rw = I - D^-1 A (not symmetric). Row i is the i-th vertex in file order.",
            "Example: lapis laplacian graph.edges --kind sym --out L.mtx"})
final class LaplacianCommand implements Runnable {
    @Mixin
    private GraphInput.Default input;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "comb",
            description = "comb, sym or rw (default: ${DEFAULT-VALUE}).")
    private String kind;

    @Option(names = "--out", paramLabel = "L.mtx", required = true,
            description = "Output file; written to a temporary file and renamed, so never half-written.")
    private Path out;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        Normalization normalization = Normalization.parse(kind);
        Laplacian l = Laplacian.of(input.read().graph(), normalization);
        MatrixMarket.write(l, out);
        spec.commandLine().getOut().printf("wrote %s: %d x %d %s Laplacian, %d stored entries%n", out, l.size(),
                l.size(), normalization.shortName(), l.nonZeroCount());
    }
}
