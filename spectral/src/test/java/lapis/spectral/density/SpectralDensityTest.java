package lapis.spectral.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import lapis.graph.KnownSpectra;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.SymmetricOperator;
import org.junit.jupiter.api.Test;

/**
 * Densities against spectra known in closed form. Counts are compared with bounds that follow from the methods:
 * the probe average of p Rademacher quadratic forms has a standard deviation of at most
 * sqrt(2 min(N, n - N) / p) for a count N (Hutchinson), and tests allow five of those; Gauss quadrature adds at
 * most the weight of the nodes next to x (Chebyshev-Markov-Stieltjes); the Jackson kernel adds the eigenvalues
 * within its resolution of x.
 */
class SpectralDensityTest {
    private static final KnownSpectra.Case HYPERCUBE = KnownSpectra.hypercube(8, Normalization.COMBINATORIAL);
    private static final KnownSpectra.Case GRID = KnownSpectra.grid(24, 30);

    private static SymmetricOperator operator(KnownSpectra.Case c) {
        Laplacian l = Laplacian.of(c.graph(), c.normalization());
        return SymmetricOperator.of(l.size(), l::multiply);
    }

    private static double exactCount(KnownSpectra.Case c, double x) {
        return Arrays.stream(c.eigenvalues()).filter(v -> v <= x).count();
    }

    private static double noise(KnownSpectra.Case c, double x, int probes) {
        double count = exactCount(c, x);
        double n = c.eigenvalues().length;
        return 5 * Math.sqrt(2 * Math.min(count, n - count) / probes);
    }

    private static double trapezoid(double[] x, double[] y) {
        double s = 0;
        for (int i = 1; i < x.length; i++) {
            s += 0.5 * (y[i] + y[i - 1]) * (x[i] - x[i - 1]);
        }
        return s;
    }

    @Test
    void slqIsExactQuadratureOnTheHypercubeAndCountsWithinProbeNoise() {
        int probes = 30;
        SpectralDensity d = new StochasticLanczosQuadrature(StochasticLanczosQuadrature.Options.defaults()
                .withProbes(probes).withSteps(40)).estimate(operator(HYPERCUBE));
        assertEquals(SpectralDensity.Method.STOCHASTIC_LANCZOS_QUADRATURE, d.method());
        for (double node : d.nodes()) {
            assertEquals(2 * Math.round(node / 2), node, 1e-9, "nodes are the 9 distinct eigenvalues 2k");
        }
        assertTrue(d.operatorApplications() <= 9L * probes, "Lanczos stops after at most 9 steps per probe: "
                + d.operatorApplications());
        assertEquals(1, Arrays.stream(d.weights()).sum(), 1e-12);
        for (int k = 0; k <= 8; k++) {
            double x = 2 * k + 1;
            assertEquals(exactCount(HYPERCUBE, x), d.cumulativeCount(x), noise(HYPERCUBE, x, probes), "N(" + x + ")");
        }
        assertEquals(0, d.cumulativeCount(-0.5), 0.0);
        assertEquals(256, d.cumulativeCount(16.5), 1e-9);
    }

    @Test
    void slqCountsOnTheGridWithinProbeNoiseAndQuadratureError() {
        int probes = 30;
        SpectralDensity d = new StochasticLanczosQuadrature(StochasticLanczosQuadrature.Options.defaults()
                .withProbes(probes).withSteps(60)).estimate(operator(GRID));
        int n = GRID.graph().vertexCount();
        double largestProbeWeight = probes * Arrays.stream(d.weights()).max().orElseThrow();
        for (double x : new double[] {0.25, 0.5, 1, 2, 3, 4, 5, 6, 7, 7.75}) {
            double bound = noise(GRID, x, probes) + n * largestProbeWeight;
            assertEquals(exactCount(GRID, x), d.cumulativeCount(x), bound, "N(" + x + ")");
        }
        assertEquals(1, trapezoid(d.grid(), d.density()), 1e-2, "the broadened density integrates to 1");
        assertTrue(d.lower() >= -1e-10 && d.upper() <= 8 + 1e-10, "Ritz values lie in the spectrum interval");
    }

    @Test
    void slqWithoutReorthogonalisationKeepsRitzValuesInsideTheSpectrum() {
        SpectralDensity d = new StochasticLanczosQuadrature(StochasticLanczosQuadrature.Options.defaults()
                .withProbes(4).withSteps(80).withReorthogonalize(false)).estimate(operator(GRID));
        double max = GRID.eigenvalues()[GRID.eigenvalues().length - 1];
        for (double node : d.nodes()) {
            assertTrue(node >= -1e-8 && node <= max + 1e-8, "node " + node);
        }
        assertEquals(1, Arrays.stream(d.weights()).sum(), 1e-10);
    }

    @Test
    void kpmEstimatedBoundsCoverTheSpectrumOfAnEvenCycle() {
        // A Rademacher start vector is orthogonal to the alternating eigenvector (eigenvalue 2) whenever its
        // alternating sum is zero; bounds estimated from such a vector would miss the top of the spectrum.
        KnownSpectra.Case cycle = KnownSpectra.cycle(12, Normalization.SYMMETRIC);
        for (long seed = 0; seed < 20; seed++) {
            SpectralDensity d = new KernelPolynomialMethod(KernelPolynomialMethod.Options.defaults().withMoments(40)
                    .withProbes(4).withSeed(seed)).estimate(operator(cycle));
            assertTrue(d.upper() >= 2.0, "seed " + seed + ": upper bound " + d.upper());
            assertEquals(12, d.cumulativeCount(d.upper()), 1e-6, "seed " + seed);
        }
    }

    @Test
    void kpmCountsOnTheHypercubeWithinProbeNoiseForGivenAndEstimatedBounds() {
        int probes = 30;
        KernelPolynomialMethod.Options options = KernelPolynomialMethod.Options.defaults().withProbes(probes)
                .withMoments(200);
        for (KernelPolynomialMethod.Options o : new KernelPolynomialMethod.Options[] {options,
            options.withBounds(0, 16)}) {
            SpectralDensity d = new KernelPolynomialMethod(o).estimate(operator(HYPERCUBE));
            assertEquals(SpectralDensity.Method.KERNEL_POLYNOMIAL, d.method());
            assertTrue(d.lower() <= 0 && d.upper() >= 16, "[" + d.lower() + ", " + d.upper() + "]");
            assertEquals(1, d.moments()[0], 1e-12, "mu_0 = tr(I) / n");
            for (int k = 0; k <= 7; k++) {
                double x = 2 * k + 1;
                assertEquals(exactCount(HYPERCUBE, x), d.cumulativeCount(x), noise(HYPERCUBE, x, probes) + 0.5,
                        "N(" + x + ")");
            }
            assertEquals(256, d.cumulativeCount(d.upper()), 1e-9);
            assertEquals(0, d.cumulativeCount(d.lower()), 0.0);
        }
    }

    @Test
    void kpmDensityIsNonNegativeIntegratesToOneAndCountsTheGrid() {
        int probes = 20;
        int moments = 120;
        SpectralDensity d = new KernelPolynomialMethod(KernelPolynomialMethod.Options.defaults().withProbes(probes)
                .withMoments(moments).withBounds(0, 8)).estimate(operator(GRID));
        for (double v : d.density()) {
            assertTrue(v >= -1e-12, "Jackson-damped KPM of a positive measure is non-negative: " + v);
        }
        assertEquals(1, trapezoid(d.grid(), d.density()), 2e-2);
        double resolution = 3 * Math.PI * 0.5 * (d.upper() - d.lower()) / moments;
        for (double x : new double[] {0.5, 1, 2, 3, 4, 5, 6, 7, 7.5}) {
            double smear = exactCount(GRID, x + resolution) - exactCount(GRID, x - resolution);
            assertEquals(exactCount(GRID, x), d.cumulativeCount(x), noise(GRID, x, probes) + smear, "N(" + x + ")");
        }
        assertEquals(d.moments().length / 2 * probes, d.operatorApplications());
    }

    @Test
    void wrongBoundsAreDetectedFromTheMoments() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new KernelPolynomialMethod(
                KernelPolynomialMethod.Options.defaults().withBounds(0, 4)).estimate(operator(HYPERCUBE)));
        assertTrue(ex.getMessage().contains("bounds"), ex.getMessage());
    }

    @Test
    void histogramsAddUpAndCountsAreMonotone() {
        SpectralDensity slq = new StochasticLanczosQuadrature(StochasticLanczosQuadrature.Options.defaults()
                .withProbes(5)).estimate(operator(GRID));
        SpectralDensity kpm = new KernelPolynomialMethod(KernelPolynomialMethod.Options.defaults().withProbes(5))
                .estimate(operator(GRID));
        double[] edges = {-1, 1, 2, 4, 6, 9};
        assertEquals(GRID.graph().vertexCount(), Arrays.stream(slq.histogram(edges)).sum(), 1e-9);
        assertEquals(GRID.graph().vertexCount(), Arrays.stream(kpm.histogram(edges)).sum(), 1e-6);
        for (SpectralDensity d : new SpectralDensity[] {slq, kpm}) {
            double previous = -1;
            for (double x = -0.5; x <= 8.5; x += 0.01) {
                double c = d.cumulativeCount(x);
                assertTrue(c >= previous - 1e-9, d.method() + " count decreases at " + x);
                previous = c;
            }
        }
        assertThrows(IllegalArgumentException.class, () -> slq.histogram(new double[] {1, 1}));
    }

    @Test
    void aSeedGivesTheSameEstimateAndAnotherSeedAnother() {
        StochasticLanczosQuadrature.Options o = StochasticLanczosQuadrature.Options.defaults().withProbes(3);
        SpectralDensity a = new StochasticLanczosQuadrature(o).estimate(operator(GRID));
        SpectralDensity b = new StochasticLanczosQuadrature(o).estimate(operator(GRID));
        SpectralDensity c = new StochasticLanczosQuadrature(o.withSeed(1)).estimate(operator(GRID));
        assertArrayEquals(a.nodes(), b.nodes(), 0.0);
        assertArrayEquals(a.density(), b.density(), 0.0);
        assertFalse(Arrays.equals(a.nodes(), c.nodes()));
    }

    @Test
    void jacksonKernelStartsAtOneAndDecreases() {
        double[] g = KernelPolynomialMethod.jackson(50);
        assertEquals(1, g[0], 1e-15);
        for (int k = 1; k < g.length; k++) {
            assertTrue(g[k] < g[k - 1] && g[k] > 0, "g_" + k + " = " + g[k]);
        }
    }

    @Test
    void optionsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> StochasticLanczosQuadrature.Options.defaults()
                .withProbes(0));
        assertThrows(IllegalArgumentException.class, () -> StochasticLanczosQuadrature.Options.defaults()
                .withBroadening(-1));
        assertThrows(IllegalArgumentException.class, () -> KernelPolynomialMethod.Options.defaults().withMoments(1));
        assertThrows(IllegalArgumentException.class, () -> KernelPolynomialMethod.Options.defaults()
                .withBounds(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new KernelPolynomialMethod.Options(10, 1, 0, 10, 0,
                Double.NaN, 5));
        assertThrows(IllegalArgumentException.class, () -> new StochasticLanczosQuadrature(
                StochasticLanczosQuadrature.Options.defaults()).estimate(SymmetricOperator.of(0, (x, y) -> { })));
    }
}
