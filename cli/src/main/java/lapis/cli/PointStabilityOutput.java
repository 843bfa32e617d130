package lapis.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lapis.datasets.ProgressListener;
import lapis.experiments.stability.PointStability;
import lapis.experiments.stability.PointStability.Level;
import lapis.experiments.stability.PointStability.Options;
import lapis.experiments.stability.PointStability.Report;
import lapis.graph.io.AtomicFiles;
import lapis.graph.io.Csv;
import lapis.spectral.subspace.EigenspaceComparison;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The files and the table of {@code lapis stability} on a point cloud: it runs {@link PointStability#measure} for
 * each basis named, writes points.csv (one row per eigenspace and level), points-summary.csv (one row per level)
 * and the two angle-against-gap plots, and prints the summary.
 */
final class PointStabilityOutput {
    private PointStabilityOutput() {
    }

    /**
     * Measures, writes points.csv, points-summary.csv, points-angle-vs-gap.png and points-angle-vs-relative-gap.png
     * into {@code o.out()} (created if missing; every file through a temporary file and a rename) and prints the
     * summary table to {@code out}. A progress bar over the levels is drawn on stderr when a console is attached
     * and the run has taken over a second.
     *
     * @throws IllegalArgumentException naming the dataset or option that cannot be used
     */
    static void run(Options o, PrintWriter out) throws IOException {
        long start = System.nanoTime();
        List<Report> reports = new ArrayList<>();
        try (ProgressBarListener bar = new ProgressBarListener()) {
            ProgressListener listener = System.console() == null ? ProgressListener.NONE
                    : (task, done, total, unit) -> {
                        if (System.nanoTime() - start > 1_000_000_000L) {
                            bar.progress(task, done, total, unit);
                        }
                    };
            for (String b : o.bases()) {
                reports.add(PointStability.measure(o.withBasis(b, o.basisSteps()), listener));
            }
        }
        Files.createDirectories(o.out());
        Path csv = o.out().resolve("points.csv");
        Path summary = o.out().resolve("points-summary.csv");
        Path png = o.out().resolve("points-angle-vs-gap.png");
        Path relativePng = o.out().resolve("points-angle-vs-relative-gap.png");
        writeRows(reports, csv);
        writeSummary(reports, summary);
        List<Path> written = new ArrayList<>(List.of(csv, summary));
        if (plot(reports, o, png, false)) {
            written.add(png);
        }
        if (plot(reports, o, relativePng, true)) {
            written.add(relativePng);
        }
        for (Report r : reports) {
            print(r, o.withBasis(r.basis(), o.basisSteps()), out);
        }
        out.printf(Locale.ROOT, "wrote %s%s%n", String.join(", ", written.stream().map(Path::toString).toList()),
                written.size() < 4 ? " (a plot with no eigenspace moved by a positive angle is not written)" : "");
        out.flush();
    }


    private static void writeRows(List<Report> reports, Path csv) throws IOException {
        AtomicFiles.write(csv, w -> {
            CSVPrinter p = Csv.printer(w, "dataset", "perturbation", "basis", "level", "first", "end",
                    "multiplicity", "eigenvalue", "gap", "relative_gap", "max_angle_deg", "sin_max_angle",
                    "truncated", "points", "max_residual");
            for (Report r : reports) {
                for (Level l : r.levels()) {
                    for (EigenspaceComparison.Space s : l.comparison().spaces()) {
                        p.printRecord(r.dataset(), r.perturbation(), r.basis(), Csv.number(l.level()), s.first(),
                                s.end(), s.multiplicity(), Csv.number(s.eigenvalue()), Csv.number(s.gap()),
                                Csv.number(s.relativeGap()), Csv.number(Math.toDegrees(s.maxAngle())),
                                Csv.number(s.sinMaxAngle()), s.truncated(), l.points(),
                                Csv.number(l.maxResidual()));
                    }
                }
            }
            p.flush();
        });
    }


    /** Per level, over the eigenspaces that are not truncated: the statistics of the summary. */
    private record Summary(int spaces, double medianAngle, double maxAngle, double minGap) {
        static Summary of(Level l) {
            List<EigenspaceComparison.Space> all = l.comparison().spaces();
            double[] angles = all.stream().filter(s -> !s.truncated())
                    .mapToDouble(EigenspaceComparison.Space::maxAngle).sorted().toArray();
            double minGap = all.stream().filter(s -> !s.truncated()).mapToDouble(EigenspaceComparison.Space::gap)
                    .min().orElse(Double.NaN);
            int m = angles.length;
            double median = m == 0 ? Double.NaN : m % 2 == 1 ? angles[m / 2] : (angles[m / 2 - 1] + angles[m / 2]) / 2;
            return new Summary(all.size(), median, m == 0 ? Double.NaN : angles[m - 1], minGap);
        }
    }


    private static void writeSummary(List<Report> reports, Path csv) throws IOException {
        AtomicFiles.write(csv, w -> {
            CSVPrinter p = Csv.printer(w, "dataset", "perturbation", "basis", "level", "points", "eigenspaces",
                    "median_max_angle_deg", "max_max_angle_deg", "min_gap", "max_residual");
            for (Report r : reports) {
                for (Level l : r.levels()) {
                    Summary s = Summary.of(l);
                    p.printRecord(r.dataset(), r.perturbation(), r.basis(), Csv.number(l.level()), l.points(),
                            s.spaces(), Csv.number(Math.toDegrees(s.medianAngle())),
                            Csv.number(Math.toDegrees(s.maxAngle())), Csv.number(s.minGap()),
                            Csv.number(l.maxResidual()));
                }
            }
            p.flush();
        });
    }


    /**
     * A log-log scatter of sin(largest angle) against the gap (relative: gap / eigenvalue), one series per level;
     * false (nothing written) when no eigenspace has a positive angle and a finite positive gap.
     */
    private static boolean plot(List<Report> reports, Options o, Path png, boolean relative) throws IOException {
        XYChart chart = Plots.chart(o.dataset() + ", " + o.perturb() + ": " + (reports.size() == 1
                ? basisLabel(o) : String.join(" vs ", o.bases())) + " eigenspaces (K = " + o.eigenpairs() + ")",
                relative ? "eigengap / eigenvalue" : "eigengap",
                "sin(largest principal angle)");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setXAxisDecimalPattern(relative ? "0.##" : "0.##E0");
        chart.getStyler().setYAxisDecimalPattern("0.###");
        int series = 0;
        for (Report r : reports) {
            for (Level l : r.levels()) {
                List<double[]> xy = new ArrayList<>();
                for (EigenspaceComparison.Space s : l.comparison().spaces()) {
                    double x = relative ? s.relativeGap() : s.gap();
                    if (!s.truncated() && x > 0 && x < Double.POSITIVE_INFINITY && s.sinMaxAngle() > 0) {
                        xy.add(new double[] {x, s.sinMaxAngle()});
                    }
                }
                if (!xy.isEmpty()) {
                    String name = (reports.size() == 1 ? "" : r.basis() + ", ") + label(r.perturbation(), l.level());
                    chart.addSeries(name, xy.stream().mapToDouble(p -> p[0]).toArray(),
                            xy.stream().mapToDouble(p -> p[1]).toArray());
                    series++;
                }
            }
        }
        if (series == 0) {
            return false;
        }
        Plots.savePng(chart, png);
        return true;
    }


    private static void print(Report r, Options o, PrintWriter out) {
        out.printf(Locale.ROOT, "%s, %s: %d points, %d smallest eigenpairs, eigenspaces by relative tolerance %s; "
                + "in %.1f s%n", r.dataset(), r.perturbation(), r.points(), o.eigenpairs(),
                Double.toString(o.groupTolerance()), r.wallTime().toNanos() / 1e9);
        out.println("basis measured: " + basisLabel(o));
        out.printf(Locale.ROOT, "%-12s %7s %11s %16s %13s %11s %10s%n", "level", "points", "eigenspaces",
                "median angle deg", "max angle deg", "min gap", "max resid");
        for (Level l : r.levels()) {
            Summary s = Summary.of(l);
            out.printf(Locale.ROOT, "%-12s %7d %11d %16.4g %13.4g %11.4g %10.2e%n", label(r.perturbation(),
                    l.level()), l.points(), s.spaces(), Math.toDegrees(s.medianAngle()),
                    Math.toDegrees(s.maxAngle()), s.minGap(), l.maxResidual());
        }
        out.println("(angles: the largest principal angle of each eigenspace; the last, truncated eigenspace is left "
                + "out of the median, max and min gap)");
    }


    /** What --basis measured, in words. */
    static String basisLabel(Options o) {
        return switch (o.basis()) {
            case "learned" -> "learned basis (lapis basis's diffusion probes, " + o.basisSteps() + " steps)";
            case "cotangent" -> "cotangent Laplacian with lumped mass";
            default -> "kNN-Laplacian eigenvectors (Gaussian kNN graph, k = " + o.neighbours() + ", L_sym)";
        };
    }


    private static String label(String perturbation, double level) {
        return Double.isNaN(level) ? perturbation : String.format(Locale.ROOT, "%s %g", perturbation, level)
                .replaceAll("\\.?0+$", "");
    }
}
