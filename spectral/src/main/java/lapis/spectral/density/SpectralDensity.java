package lapis.spectral.density;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * An estimate of the spectral density (density of states) of a symmetric n x n operator,
 * phi(x) = (1/n) sum_i delta(x - lambda_i), normalised to integrate to 1, together with what it was computed
 * from. Immutable; arrays are copied out.
 *
 * <p>Two kinds, by {@link #method()}:
 * <ul>
 *   <li>{@link Method#STOCHASTIC_LANCZOS_QUADRATURE}: a discrete measure, {@link #nodes()} with {@link #weights()}
 *       (summing to 1), the average over probes of the Gauss quadrature rules; on a grid it is shown with Gaussian
 *       broadening of standard deviation {@link #broadening()}, and its cumulative count is the exact step
 *       function n sum_{nodes &lt;= x} w.</li>
 *   <li>{@link Method#KERNEL_POLYNOMIAL}: the Chebyshev moments mu_k = tr T_k(B) / n of B = (A - c) / h
 *       ({@link #moments()}), damped by the Jackson kernel g_k ({@link #damping()}):
 *       phi(x) = [g_0 mu_0 + 2 sum_k g_k mu_k T_k(t)] / (pi h sqrt(1 - t^2)), t = (x - c) / h; its cumulative
 *       count integrates that series in closed form.</li>
 * </ul>
 */
public final class SpectralDensity {
    /** How a density was estimated. */
    public enum Method {
        STOCHASTIC_LANCZOS_QUADRATURE,
        KERNEL_POLYNOMIAL
    }

    private final Method method;
    private final int dimension;
    private final double lower;
    private final double upper;
    private final double[] grid;
    private final double[] density;
    private final double[] nodes;
    private final double[] weights;
    private final double[] cumulativeWeights;
    private final double broadening;
    private final double[] moments;
    private final double[] damping;
    private final double center;
    private final double halfWidth;
    private final int probes;
    private final long operatorApplications;
    private final Duration wallTime;

    private SpectralDensity(Method method, int dimension, double lower, double upper, double[] nodes,
            double[] weights, double broadening, double[] moments, double[] damping, double center,
            double halfWidth, int gridPoints, int probes, long operatorApplications, Duration wallTime) {
        this.method = method;
        this.dimension = dimension;
        this.lower = lower;
        this.upper = upper;
        this.nodes = nodes;
        this.weights = weights;
        this.broadening = broadening;
        this.moments = moments;
        this.damping = damping;
        this.center = center;
        this.halfWidth = halfWidth;
        this.probes = probes;
        this.operatorApplications = operatorApplications;
        this.wallTime = wallTime;
        this.cumulativeWeights = new double[weights.length];
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i];
            cumulativeWeights[i] = s;
        }
        double from = method == Method.STOCHASTIC_LANCZOS_QUADRATURE ? lower - 3 * broadening : lower;
        double to = method == Method.STOCHASTIC_LANCZOS_QUADRATURE ? upper + 3 * broadening : upper;
        this.grid = new double[gridPoints];
        for (int j = 0; j < gridPoints; j++) {
            grid[j] = gridPoints == 1 ? 0.5 * (from + to) : from + (to - from) * j / (gridPoints - 1);
        }
        this.density = evaluate(grid);
    }

    /**
     * The SLQ measure: nodes and weights (weights summing to 1), sorted here by node; lower/upper the extreme
     * nodes.
     */
    static SpectralDensity quadrature(int dimension, double[] nodes, double[] weights, double broadening,
            int gridPoints, int probes, long applications, Duration wallTime) {
        Integer[] order = new Integer[nodes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(nodes[x], nodes[y]));
        double[] sortedNodes = new double[nodes.length];
        double[] sortedWeights = new double[nodes.length];
        for (int i = 0; i < order.length; i++) {
            sortedNodes[i] = nodes[order[i]];
            sortedWeights[i] = weights[order[i]];
        }
        double lo = nodes.length == 0 ? 0 : sortedNodes[0];
        double hi = nodes.length == 0 ? 0 : sortedNodes[nodes.length - 1];
        return new SpectralDensity(Method.STOCHASTIC_LANCZOS_QUADRATURE, dimension, lo, hi, sortedNodes,
                sortedWeights, broadening, new double[0], new double[0], Double.NaN, Double.NaN, gridPoints, probes,
                applications, wallTime);
    }

    /** The KPM series on [lower, upper] = [c - h, c + h]. */
    static SpectralDensity chebyshev(int dimension, double[] moments, double[] damping, double center,
            double halfWidth, int gridPoints, int probes, long applications, Duration wallTime) {
        return new SpectralDensity(Method.KERNEL_POLYNOMIAL, dimension, center - halfWidth, center + halfWidth,
                new double[0], new double[0], Double.NaN, moments, damping, center, halfWidth, gridPoints, probes,
                applications, wallTime);
    }

    /** How this density was estimated. */
    public Method method() {
        return method;
    }

    /** The operator's dimension n. */
    public int dimension() {
        return dimension;
    }

    /** Lower end of the spectrum interval: the smallest node (SLQ) or c - h (KPM). */
    public double lower() {
        return lower;
    }

    /** Upper end of the spectrum interval: the largest node (SLQ) or c + h (KPM). */
    public double upper() {
        return upper;
    }

    /**
     * The evaluation grid: equally spaced over [lower - 3 sigma, upper + 3 sigma] (SLQ) or [lower, upper] (KPM).
     */
    public double[] grid() {
        return grid.clone();
    }

    /** The density at each grid point; integrates to about 1 over the grid. */
    public double[] density() {
        return density.clone();
    }

    /**
     * The density at arbitrary points: for SLQ sum_i w_i N(x; theta_i, sigma^2); for KPM the damped series (0
     * outside [lower, upper]). O(points * nodes) or O(points * moments).
     */
    public double[] evaluate(double[] points) {
        Objects.requireNonNull(points, "points");
        double[] out = new double[points.length];
        if (method == Method.STOCHASTIC_LANCZOS_QUADRATURE) {
            double norm = 1.0 / (Math.sqrt(2 * Math.PI) * broadening);
            for (int j = 0; j < points.length; j++) {
                double s = 0;
                for (int i = 0; i < nodes.length; i++) {
                    double z = (points[j] - nodes[i]) / broadening;
                    if (Math.abs(z) < 8) {
                        s += weights[i] * Math.exp(-0.5 * z * z);
                    }
                }
                out[j] = s * norm;
            }
            return out;
        }
        for (int j = 0; j < points.length; j++) {
            double t = (points[j] - center) / halfWidth;
            if (!(t > -1 && t < 1)) {
                continue;
            }
            double tPrev = 1;
            double tCur = t;
            double s = damping[0] * moments[0];
            for (int k = 1; k < moments.length; k++) {
                s += 2 * damping[k] * moments[k] * tCur;
                double next = 2 * t * tCur - tPrev;
                tPrev = tCur;
                tCur = next;
            }
            out[j] = s / (Math.PI * halfWidth * Math.sqrt(1 - t * t));
        }
        return out;
    }

    /**
     * The estimated number of eigenvalues &lt;= x: n sum_{nodes &lt;= x} w (SLQ, O(log nodes)), or
     * n [g_0 mu_0 (pi - phi) / pi - (2 / pi) sum_k g_k mu_k sin(k phi) / k] with phi = arccos t (KPM, O(moments)).
     */
    public double cumulativeCount(double x) {
        if (method == Method.STOCHASTIC_LANCZOS_QUADRATURE) {
            int i = upperBound(nodes, x);
            return i == 0 ? 0.0 : dimension * cumulativeWeights[i - 1];
        }
        double t = (x - center) / halfWidth;
        if (t <= -1) {
            return 0.0;
        }
        if (t >= 1) {
            return dimension * damping[0] * moments[0];
        }
        double phi = Math.acos(t);
        double f = damping[0] * moments[0] * (Math.PI - phi) / Math.PI;
        for (int k = 1; k < moments.length; k++) {
            f -= 2 * damping[k] * moments[k] * Math.sin(k * phi) / (k * Math.PI);
        }
        return dimension * f;
    }

    /** Estimated eigenvalue counts in the bins [edges[i], edges[i+1]), from {@link #cumulativeCount}. */
    public double[] histogram(double[] edges) {
        Objects.requireNonNull(edges, "edges");
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("bin edges not increasing at " + i + ": " + edges[i - 1] + ", "
                        + edges[i]);
            }
        }
        double[] out = new double[Math.max(0, edges.length - 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = countBelow(edges[i + 1]) - countBelow(edges[i]);
        }
        return out;
    }

    /** Count of eigenvalues strictly below x (the same as cumulativeCount for KPM, which has no atoms). */
    private double countBelow(double x) {
        if (method == Method.STOCHASTIC_LANCZOS_QUADRATURE) {
            int i = lowerBound(nodes, x);
            return i == 0 ? 0.0 : dimension * cumulativeWeights[i - 1];
        }
        return cumulativeCount(x);
    }

    /** SLQ quadrature nodes, ascending (empty for KPM). */
    public double[] nodes() {
        return nodes.clone();
    }

    /** SLQ weights, one per node, summing to 1 (empty for KPM). */
    public double[] weights() {
        return weights.clone();
    }

    /** SLQ Gaussian broadening sigma (NaN for KPM). */
    public double broadening() {
        return broadening;
    }

    /** KPM Chebyshev moments mu_0..mu_{M-1}, undamped (empty for SLQ). */
    public double[] moments() {
        return moments.clone();
    }

    /** KPM Jackson damping factors g_0..g_{M-1} (empty for SLQ). */
    public double[] damping() {
        return damping.clone();
    }

    /** Random probe vectors used. */
    public int probes() {
        return probes;
    }

    /** Applications of the operator to a vector, in all. */
    public long operatorApplications() {
        return operatorApplications;
    }

    /** Wall time of the estimate. */
    public Duration wallTime() {
        return wallTime;
    }

    /** Index of the first element &gt; x. */
    private static int upperBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first element &gt;= x. */
    private static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
