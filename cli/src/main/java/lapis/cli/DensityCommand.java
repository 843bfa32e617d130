package lapis.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.graph.io.AtomicFiles;
import lapis.graph.io.Csv;
import lapis.spectral.density.KernelPolynomialMethod;
import lapis.spectral.density.SpectralDensity;
import lapis.spectral.density.StochasticLanczosQuadrature;
import lapis.spectral.op.LaplacianOperator;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lapis density FILE}: the spectral density of a graph's Laplacian without computing eigenpairs. */
@Command(name = "density", mixinStandardHelpOptions = true,
        description = {"Estimate the eigenvalue density of a Laplacian from matrix-vector products only: stochastic "
                + "Lanczos quadrature (slq; Ubaru, Chen, Saad 2017) or the kernel polynomial method with Jackson "
                + "damping (kpm). Cost: probes x steps (or moments / 2) products with L.",
            "The CSV has columns lambda, density (integrates to 1 over the spectrum) and count (estimated number "
                + "of eigenvalues <= lambda).",
            "Example: lapis density examples/karate.edges --method slq --out density.csv --plot density.png"})
final class DensityCommand implements Callable<Integer> {
    @Mixin
    private GraphInput.Default input;

    @Option(names = "--laplacian", defaultValue = "sym", paramLabel = "KIND",
            description = "comb or sym (default: ${DEFAULT-VALUE}).")
    private String kind;

    @Option(names = "--method", defaultValue = "slq", description = "slq or kpm (default: ${DEFAULT-VALUE}).")
    private String method;

    @Option(names = "--probes", defaultValue = "20", description = "Random probe vectors (default: ${DEFAULT-VALUE}).")
    private int probes;

    @Option(names = "--steps", defaultValue = "50",
            description = "Lanczos steps per probe (slq; default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--moments", defaultValue = "200",
            description = "Chebyshev moments (kpm; default: ${DEFAULT-VALUE}).")
    private int moments;

    @Option(names = "--grid", defaultValue = "512", description = "Points of the output grid (default: "
            + "${DEFAULT-VALUE}).")
    private int grid;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the probes (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "density.csv", description = "CSV output.")
    private Path out;

    @Option(names = "--plot", paramLabel = "density.png", description = "Also draw the density as a PNG.")
    private Path plot;

    /** A proven upper bound of the spectrum: 2 for L_sym, Gershgorin's 2 max(d) for L. */
    private static double upperBound(Laplacian l) {
        return l.normalization() == Normalization.SYMMETRIC ? 2.0
                : 2 * java.util.Arrays.stream(l.degrees()).max().orElse(0.0);
    }

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        Normalization normalization = Normalization.parse(kind);
        if (!normalization.isSymmetric()) {
            throw new IllegalArgumentException("--laplacian must be comb or sym: rw is not symmetric (it has the "
                    + "spectrum of sym)");
        }
        Laplacian l = Laplacian.of(input.read().graph(), normalization);
        SpectralDensity d = switch (method.toLowerCase(Locale.ROOT)) {
            case "slq" -> new StochasticLanczosQuadrature(StochasticLanczosQuadrature.Options.defaults()
                    .withProbes(probes).withSteps(steps).withSeed(seed).withGridPoints(grid))
                    .estimate(LaplacianOperator.of(l));
            case "kpm" -> new KernelPolynomialMethod(KernelPolynomialMethod.Options.defaults().withMoments(moments)
                    .withProbes(probes).withSeed(seed).withGridPoints(grid).withBounds(0, upperBound(l)))
                    .estimate(LaplacianOperator.of(l));
            default -> throw new IllegalArgumentException("--method must be slq or kpm, not '" + method + "'");
        };
        double[] x = d.grid();
        double[] y = d.density();
        AtomicFiles.write(out, w -> {
            CSVPrinter csv = Csv.printer(w, "lambda", "density", "count");
            for (int i = 0; i < x.length; i++) {
                csv.printRecord(Csv.number(x[i], 10), Csv.number(y[i], 10), Csv.number(d.cumulativeCount(x[i]), 10));
            }
            csv.flush();
        });
        if (plot != null) {
            XYChart chart = Plots.chart("Spectral density of " + input.file.getFileName() + " (" + method + ", L_"
                    + normalization.shortName() + ", n=" + l.size() + ")", "eigenvalue", "density");
            chart.addSeries(method.toUpperCase(Locale.ROOT), x, y);
            Plots.savePng(chart, plot);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s of L_%s (n=%d): %d probes, %d products, %.3f s; wrote "
                + "%s%s%n", method, normalization.shortName(), l.size(), d.probes(), d.operatorApplications(),
                d.wallTime().toNanos() / 1e9, out, plot == null ? "" : " and " + plot);
        return 0;
    }
}
