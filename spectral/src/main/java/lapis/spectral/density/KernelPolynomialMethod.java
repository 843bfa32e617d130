package lapis.spectral.density;

import java.time.Duration;
import java.util.Objects;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.krylov.Lanczos;
import lapis.spectral.krylov.Tridiagonal;

/**
 * The spectral density of a symmetric operator by the kernel polynomial method (Weisse, Wellein, Alvermann and
 * Fehske, Rev. Mod. Phys. 78, 2006; Lin, Saad and Yang, SIAM Review 58(1), 2016).
 *
 * <p>The spectrum is mapped into [-1, 1] by B = (A - c I) / h, with [c - h, c + h] the given bounds, or bounds
 * estimated by {@link Options#boundSteps()} Lanczos steps from a seeded Gaussian vector (extreme Ritz values
 * widened by their residual bounds), widened in both cases by {@link #MARGIN} of the width. The Chebyshev moments
 * mu_k = tr T_k(B) / n, k &lt; M, are estimated with p Rademacher probes r as the mean of r^T T_k(B) r / n, using
 * T_{k+1}(B) r = 2 B T_k(B) r - T_{k-1}(B) r and the doubling identities mu_2k = 2 |T_k r|^2 - mu_0,
 * mu_2k+1 = 2 (T_k r)^T (T_k+1 r) - mu_1, so M moments cost M/2 applications per probe. Jackson damping
 * g_k = [(M - k + 1) cos(pi k / (M + 1)) + sin(pi k / (M + 1)) cot(pi / (M + 1))] / (M + 1) removes the Gibbs
 * oscillations and keeps the estimate non-negative; its resolution is about pi h / M.
 *
 * <p>Every probe's moment lies in [-1, 1] when the spectrum lies inside the bounds, so a moment outside
 * [-1 - 1e-6, 1 + 1e-6] proves the bounds wrong and is reported as an error. Cost: p M / 2 applications and
 * O(p M n) more. Deterministic for a given seed. Immutable.
 */
public final class KernelPolynomialMethod {
    /** Relative widening of the spectrum bounds on each side: 1% of the width. */
    public static final double MARGIN = 0.01;

    private final Options options;

    /**
     * Settings.
     *
     * @param moments Chebyshev moments M &gt;= 2
     * @param probes random probe vectors p &gt;= 1
     * @param seed seed of the probes and of the bound-estimating start vector
     * @param gridPoints points of the evaluation grid &gt;= 1
     * @param lower lower spectrum bound, NaN to estimate both
     * @param upper upper spectrum bound, NaN to estimate both
     * @param boundSteps Lanczos steps to estimate the bounds &gt;= 1
     */
    public record Options(int moments, int probes, long seed, int gridPoints, double lower, double upper,
            int boundSteps) {
        public Options {
            if (moments < 2) {
                throw new IllegalArgumentException("moments must be >= 2, got " + moments);
            }
            if (probes < 1) {
                throw new IllegalArgumentException("probes must be >= 1, got " + probes);
            }
            if (gridPoints < 1) {
                throw new IllegalArgumentException("gridPoints must be >= 1, got " + gridPoints);
            }
            if (boundSteps < 1) {
                throw new IllegalArgumentException("boundSteps must be >= 1, got " + boundSteps);
            }
            if (Double.isNaN(lower) != Double.isNaN(upper)) {
                throw new IllegalArgumentException("give both bounds or neither, got [" + lower + ", " + upper
                        + "]");
            }
            if (!Double.isNaN(lower) && !(lower <= upper && Double.isFinite(lower) && Double.isFinite(upper))) {
                throw new IllegalArgumentException("bounds must be finite with lower <= upper, got [" + lower + ", "
                        + upper + "]");
            }
        }

        /** 100 moments, 20 probes, seed 0, 512 grid points, bounds estimated with 30 Lanczos steps. */
        public static Options defaults() {
            return new Options(100, 20, 0L, 512, Double.NaN, Double.NaN, 30);
        }

        public Options withMoments(int moments) {
            return new Options(moments, probes, seed, gridPoints, lower, upper, boundSteps);
        }

        public Options withProbes(int probes) {
            return new Options(moments, probes, seed, gridPoints, lower, upper, boundSteps);
        }

        public Options withSeed(long seed) {
            return new Options(moments, probes, seed, gridPoints, lower, upper, boundSteps);
        }

        public Options withGridPoints(int gridPoints) {
            return new Options(moments, probes, seed, gridPoints, lower, upper, boundSteps);
        }

        /** Known bounds of the spectrum, e.g. [0, 2] for a symmetric normalised Laplacian. */
        public Options withBounds(double lower, double upper) {
            return new Options(moments, probes, seed, gridPoints, lower, upper, boundSteps);
        }

        public Options withBoundSteps(int boundSteps) {
            return new Options(moments, probes, seed, gridPoints, lower, upper, boundSteps);
        }
    }

    public KernelPolynomialMethod(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The settings. */
    public Options options() {
        return options;
    }

    /**
     * Estimates the spectral density of a.
     *
     * @throws IllegalArgumentException if a has size 0, or a moment shows that the spectrum leaves the bounds
     *     (naming the bounds and the moment)
     */
    public SpectralDensity estimate(SymmetricOperator a) {
        Objects.requireNonNull(a, "a");
        long start = System.nanoTime();
        int n = a.size();
        if (n == 0) {
            throw new IllegalArgumentException("the operator has size 0: no spectrum to estimate");
        }
        long applications = 0;
        double lo = options.lower();
        double hi = options.upper();
        if (Double.isNaN(lo)) {
            Tridiagonal t = Lanczos.run(a, Probes.gaussian(options.seed(), -1, n),
                    Math.min(options.boundSteps(), n), true);
            applications += t.steps();
            double[] interval = t.ritzInterval();
            lo = interval[0];
            hi = interval[1];
        }
        double width = hi - lo;
        double pad = MARGIN * width;
        if (!(pad > 0)) {
            pad = Math.max(1e-3 * Math.max(Math.abs(lo), Math.abs(hi)), 1e-3);
        }
        double center = 0.5 * (lo + hi);
        double half = 0.5 * width + pad;
        int mCount = options.moments();
        int p = options.probes();
        int last = mCount / 2;
        double[] sum = new double[mCount];
        double[] t0 = new double[n];
        double[] t1 = new double[n];
        double[] t2 = new double[n];
        double[] scratch = new double[n];
        for (int probe = 0; probe < p; probe++) {
            double[] r = Probes.rademacher(options.seed(), probe, n);
            double[] mu = new double[mCount];
            System.arraycopy(r, 0, t0, 0, n);
            applyScaled(a, t0, t1, center, half, scratch);
            applications++;
            mu[0] = dot(t0, t0, n);
            mu[1] = dot(t0, t1, n);
            for (int k = 1; k <= last; k++) {
                if (2 * k < mCount) {
                    mu[2 * k] = 2 * dot(t1, t1, n) - mu[0];
                }
                if (2 * k + 1 >= mCount) {
                    break;
                }
                applyScaled(a, t1, t2, center, half, scratch);
                applications++;
                for (int i = 0; i < n; i++) {
                    t2[i] = 2 * t2[i] - t0[i];
                }
                mu[2 * k + 1] = 2 * dot(t1, t2, n) - mu[1];
                double[] t = t0;
                t0 = t1;
                t1 = t2;
                t2 = t;
            }
            for (int k = 0; k < mCount; k++) {
                double v = mu[k] / n;
                if (Math.abs(v) > 1 + 1e-6) {
                    throw new IllegalArgumentException("Chebyshev moment " + k + " of probe " + probe + " is " + v
                            + ", outside [-1, 1]: the spectrum leaves the bounds [" + (center - half) + ", "
                            + (center + half) + "]; give wider bounds");
                }
                sum[k] += v;
            }
        }
        double[] moments = new double[mCount];
        for (int k = 0; k < mCount; k++) {
            moments[k] = sum[k] / p;
        }
        return SpectralDensity.chebyshev(n, moments, jackson(mCount), center, half, options.gridPoints(), p,
                applications, Duration.ofNanos(System.nanoTime() - start));
    }

    /** y = (A x - c x) / h. */
    private static void applyScaled(SymmetricOperator a, double[] x, double[] y, double c, double h,
            double[] scratch) {
        a.apply(x, scratch);
        for (int i = 0; i < x.length; i++) {
            y[i] = (scratch[i] - c * x[i]) / h;
        }
    }

    /** The Jackson kernel g_0..g_{M-1} for M moments. */
    static double[] jackson(int m) {
        double[] g = new double[m];
        double a = Math.PI / (m + 1);
        double cot = Math.cos(a) / Math.sin(a);
        for (int k = 0; k < m; k++) {
            g[k] = ((m - k + 1) * Math.cos(a * k) + Math.sin(a * k) * cot) / (m + 1);
        }
        return g;
    }

    private static double dot(double[] x, double[] y, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
