package lapis.spectral.density;

import java.time.Duration;
import java.util.Objects;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.krylov.Lanczos;
import lapis.spectral.krylov.Tridiagonal;

/**
 * The spectral density of a symmetric operator by stochastic Lanczos quadrature (Ubaru, Chen and Saad, SIAM J.
 * Matrix Anal. Appl. 38(4), 2017; Lin, Saad and Yang, SIAM Review 58(1), 2016).
 *
 * <p>For each of p Rademacher probes v (entries +-1, scaled to unit length), m Lanczos steps from v give a
 * tridiagonal T_m; its eigenvalues theta_k and the squared first components tau_k of its eigenvectors are the
 * Gauss quadrature rule of the measure sum_i (v^T u_i)^2 delta(x - lambda_i), whose expectation over v is the
 * spectral density phi. The estimate is the average of the p rules: nodes theta_k, weights tau_k / p. A count
 * n phi([a, b]) so estimated has a standard deviation of at most sqrt(2 count / p) from the probes (Hutchinson's
 * estimator), plus a quadrature error bounded by the weights of the nodes nearest a and b (the
 * Chebyshev-Markov-Stieltjes inequalities).
 *
 * <p>Cost: p m operator applications, plus O(p m^2 n) for full reorthogonalisation (recommended; without it,
 * lost orthogonality adds spurious copies of converged Ritz values, which the quadrature tolerates but wastes
 * steps on) and O(p m^3) for the small eigenproblems. Memory O(m n) with reorthogonalisation, O(n) without.
 * Lanczos stops early at an invariant subspace (a spectrum with few distinct values), where the rule is exact.
 * Deterministic for a given seed. Immutable.
 */
public final class StochasticLanczosQuadrature {
    private final Options options;

    /**
     * Settings.
     *
     * @param probes random probe vectors p &gt;= 1
     * @param steps Lanczos steps m &gt;= 1 per probe (capped at n)
     * @param reorthogonalize full reorthogonalisation of the Lanczos vectors
     * @param seed seed of the probes
     * @param gridPoints points of the evaluation grid &gt;= 1
     * @param broadening standard deviation of the Gaussian put on each node for the grid; NaN for the default,
     *     half the mean spacing of m nodes over the spectrum: (max node - min node) / (2 m)
     */
    public record Options(int probes, int steps, boolean reorthogonalize, long seed, int gridPoints,
            double broadening) {
        public Options {
            if (probes < 1) {
                throw new IllegalArgumentException("probes must be >= 1, got " + probes);
            }
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            }
            if (gridPoints < 1) {
                throw new IllegalArgumentException("gridPoints must be >= 1, got " + gridPoints);
            }
            if (!Double.isNaN(broadening) && !(broadening > 0 && broadening < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("broadening must be > 0 and finite (or NaN for the default), got "
                        + broadening);
            }
        }

        /** 20 probes, 50 steps, reorthogonalised, seed 0, 512 grid points, default broadening. */
        public static Options defaults() {
            return new Options(20, 50, true, 0L, 512, Double.NaN);
        }

        public Options withProbes(int probes) {
            return new Options(probes, steps, reorthogonalize, seed, gridPoints, broadening);
        }

        public Options withSteps(int steps) {
            return new Options(probes, steps, reorthogonalize, seed, gridPoints, broadening);
        }

        public Options withReorthogonalize(boolean reorthogonalize) {
            return new Options(probes, steps, reorthogonalize, seed, gridPoints, broadening);
        }

        public Options withSeed(long seed) {
            return new Options(probes, steps, reorthogonalize, seed, gridPoints, broadening);
        }

        public Options withGridPoints(int gridPoints) {
            return new Options(probes, steps, reorthogonalize, seed, gridPoints, broadening);
        }

        public Options withBroadening(double broadening) {
            return new Options(probes, steps, reorthogonalize, seed, gridPoints, broadening);
        }
    }

    public StochasticLanczosQuadrature(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The settings. */
    public Options options() {
        return options;
    }

    /**
     * Estimates the spectral density of a.
     *
     * @throws IllegalArgumentException if a has size 0
     */
    public SpectralDensity estimate(SymmetricOperator a) {
        Objects.requireNonNull(a, "a");
        long start = System.nanoTime();
        int n = a.size();
        if (n == 0) {
            throw new IllegalArgumentException("the operator has size 0: no spectrum to estimate");
        }
        int m = Math.min(options.steps(), n);
        int p = options.probes();
        double[][] nodes = new double[p][];
        double[][] weights = new double[p][];
        long applications = 0;
        int total = 0;
        for (int probe = 0; probe < p; probe++) {
            Tridiagonal t = Lanczos.run(a, Probes.rademacher(options.seed(), probe, n), m,
                    options.reorthogonalize());
            applications += t.steps();
            double[][] rule = t.gaussRule();
            nodes[probe] = rule[0];
            weights[probe] = rule[1];
            total += rule[0].length;
        }
        double[] allNodes = new double[total];
        double[] allWeights = new double[total];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int at = 0;
        for (int probe = 0; probe < p; probe++) {
            for (int k = 0; k < nodes[probe].length; k++) {
                allNodes[at] = nodes[probe][k];
                allWeights[at++] = weights[probe][k] / p;
                lo = Math.min(lo, nodes[probe][k]);
                hi = Math.max(hi, nodes[probe][k]);
            }
        }
        double sigma = options.broadening();
        if (Double.isNaN(sigma)) {
            sigma = (hi - lo) / (2.0 * m);
            if (!(sigma > 0)) {
                sigma = Math.max(1e-3 * Math.abs(hi), 1e-3);
            }
        }
        return SpectralDensity.quadrature(n, allNodes, allWeights, sigma, options.gridPoints(), p, applications,
                Duration.ofNanos(System.nanoTime() - start));
    }
}
