package lapis.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The pictures of {@code lapis basis}: eigenvalues against the reference, per-index |cos|, the training loss, the
 * point cloud coloured by a few basis functions from two viewpoints (Java2D, painter's algorithm, a diverging
 * blue-white-red map symmetric about 0), and a 2-D embedding coloured by label.
 */
final class BasisPlots {
    private static final int PANEL = 320;

    private BasisPlots() {
    }

    /** Eigenvalue against index for each named series (NaN entries are skipped). */
    static void eigenvalues(Path png, List<String> names, List<double[]> values) throws IOException {
        XYChart c = Plots.chart("Eigenvalues", "index k", "eigenvalue (Laplace-Beltrami units)");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        for (int s = 0; s < names.size(); s++) {
            addLine(c, names.get(s), values.get(s), s, true);
        }
        Plots.savePng(c, png);
    }

    /** Per-index |cos| with the reference for each named series. */
    static void cosines(Path png, List<String> names, List<double[]> cosines) throws IOException {
        XYChart c = Plots.chart("Per-index |cos| with the reference (aligned inside eigenvalue clusters)", "index k",
                "|cos|");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        for (int s = 0; s < names.size(); s++) {
            addLine(c, names.get(s), cosines.get(s), s, true);
        }
        c.getStyler().setYAxisMax(1.0);
        Plots.savePng(c, png);
    }

    /** The loss of every step. */
    static void loss(Path png, double[] loss) throws IOException {
        XYChart c = Plots.chart("Training loss (fraction of probe energy missed, mean over prefixes)", "step", "loss");
        addLine(c, "loss", loss, 0, false);
        c.getStyler().setLegendVisible(false);
        Plots.savePng(c, png);
    }

    private static void addLine(XYChart c, String name, double[] y, int colour, boolean markers) {
        double[] x = IntStream.range(0, y.length).filter(i -> !Double.isNaN(y[i])).asDoubleStream().toArray();
        double[] v = Arrays.stream(y).filter(d -> !Double.isNaN(d)).toArray();
        if (x.length == 0) {
            return;
        }
        XYSeries s = c.addSeries(name, x, v);
        s.setLineColor(Plots.colour(colour));
        s.setMarkerColor(Plots.colour(colour));
        if (markers) {
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            c.getStyler().setMarkerSize(5);
        }
    }

    /**
     * The 3-D points coloured by the given columns of f (n x k row-major), one row of panels per column, a front
     * view (x right, y up) and a side view (z right, y up) in each.
     */
    static void functions(Path png, double[] xyz, double[] f, int k, int[] columns) throws IOException {
        int n = xyz.length / 3;
        BufferedImage img = new BufferedImage(2 * PANEL, columns.length * PANEL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], xyz[3 * i + a]);
                hi[a] = Math.max(hi[a], xyz[3 * i + a]);
            }
        }
        double span = Math.max(hi[0] - lo[0], Math.max(hi[1] - lo[1], hi[2] - lo[2]));
        int dot = Math.max(2, (int) Math.round(3.2 * PANEL / Math.sqrt(n)));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int row = 0; row < columns.length; row++) {
            int col = columns[row];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = f[i * k + col];
            }
            double[] abs = Arrays.stream(v).map(Math::abs).sorted().toArray();
            double scale = Math.max(1e-300, abs[(int) Math.min(n - 1, Math.floor(0.98 * n))]);
            for (int view = 0; view < 2; view++) {
                int ox = view * PANEL;
                int oy = row * PANEL;
                int right = view == 0 ? 0 : 2;
                int depth = view == 0 ? 2 : 0;
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                int sign = view == 0 ? 1 : -1;
                Arrays.sort(order, Comparator.comparingDouble(i -> sign * xyz[3 * i + depth]));
                for (int i : order) {
                    double px = (xyz[3 * i + right] - (lo[right] + hi[right]) / 2) / span;
                    double py = (xyz[3 * i + 1] - (lo[1] + hi[1]) / 2) / span;
                    int sx = ox + (int) Math.round(PANEL / 2.0 + px * 0.85 * PANEL);
                    int sy = oy + (int) Math.round(PANEL / 2.0 - py * 0.85 * PANEL);
                    g.setColor(diverging(v[i] / scale));
                    g.fillOval(sx - dot / 2, sy - dot / 2, dot, dot);
                }
                g.setColor(Color.DARK_GRAY);
                g.drawString("function " + (col + 1) + (view == 0 ? ", front (x, y)" : ", side (z, y)"), ox + 8,
                        oy + 18);
            }
        }
        g.setColor(Color.LIGHT_GRAY);
        g.setStroke(new BasicStroke(1));
        for (int row = 1; row < columns.length; row++) {
            g.drawLine(0, row * PANEL, 2 * PANEL, row * PANEL);
        }
        g.drawLine(PANEL, 0, PANEL, columns.length * PANEL);
        g.dispose();
        write(img, png);
    }

    /** Blue (-1) through white (0) to red (+1), clipped. */
    private static Color diverging(double t) {
        double u = Math.max(-1, Math.min(1, t));
        int[] blue = {33, 102, 172};
        int[] red = {178, 24, 43};
        int[] end = u < 0 ? blue : red;
        double a = Math.abs(u);
        return new Color((int) Math.round(255 + a * (end[0] - 255)), (int) Math.round(255 + a * (end[1] - 255)),
                (int) Math.round(255 + a * (end[2] - 255)));
    }

    /** A 2-D embedding (two columns of f) coloured by label, one series per label. */
    static void embedding(Path png, double[] f, int k, int cx, int cy, int[] labels, String title) throws IOException {
        XYChart c = Plots.chart(title, "function " + (cx + 1), "function " + (cy + 1));
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(4);
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        for (int label = 0; label < classes; label++) {
            final int l = label;
            int[] idx = IntStream.range(0, labels.length).filter(i -> labels[i] == l).toArray();
            if (idx.length == 0) {
                continue;
            }
            double[] x = Arrays.stream(idx).mapToDouble(i -> f[i * k + cx]).toArray();
            double[] y = Arrays.stream(idx).mapToDouble(i -> f[i * k + cy]).toArray();
            XYSeries s = c.addSeries("label " + label, x, y);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            s.setMarkerColor(label < 8 ? Plots.colour(label) : (label == 8 ? Color.BLACK : new Color(140, 80, 20)));
        }
        Plots.savePng(c, png);
    }

    private static void write(BufferedImage img, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".lapis-plot-", ".png");
        try {
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
