package lapis.datasets.points;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class SamplersTest {
    /**
     * Pearson's statistic of 20 equal-width bins; for a correct sampler it is chi-square with 19 degrees of
     * freedom, mean 19 and sd 6.2, and exceeds 60 with probability below 1e-5.
     */
    private static final double CHI2_BOUND = 60;
    private static final int BINS = 20;

    /** Pearson's chi-square of values in [lo, hi) against a density f (integrated per bin by Simpson's rule). */
    private static double chiSquare(double[] values, double lo, double hi, DoubleUnaryOperator density) {
        int[] counts = new int[BINS];
        for (double v : values) {
            int b = (int) ((v - lo) / (hi - lo) * BINS);
            counts[Math.min(BINS - 1, Math.max(0, b))]++;
        }
        double w = (hi - lo) / BINS;
        double total = 0;
        double[] mass = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            double a = lo + b * w;
            mass[b] = w / 6 * (density.applyAsDouble(a) + 4 * density.applyAsDouble(a + w / 2)
                    + density.applyAsDouble(a + w));
            total += mass[b];
        }
        double chi2 = 0;
        for (int b = 0; b < BINS; b++) {
            double expected = values.length * mass[b] / total;
            chi2 += (counts[b] - expected) * (counts[b] - expected) / expected;
        }
        return chi2;
    }

    private static double[] map(PointCloud c, ToDoubleFunction<double[]> f) {
        double[] v = new double[c.size()];
        for (int i = 0; i < c.size(); i++) {
            v[i] = f.applyAsDouble(c.point(i));
        }
        return v;
    }

    @Test
    void uniformSpherePointsLieOnTheSphereWithUniformHeightAndLongitude() {
        PointCloud c = SphereSampler.uniform().sample(50_000, 1);
        for (int i = 0; i < c.size(); i++) {
            double[] p = c.point(i);
            assertEquals(1.0, Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]), 1e-14);
            assertEquals(1 / (4 * Math.PI), c.density(i), 1e-15);
        }
        assertTrue(chiSquare(map(c, p -> p[2]), -1, 1, z -> 1) < CHI2_BOUND);
        assertTrue(chiSquare(map(c, p -> Math.atan2(p[1], p[0])), -Math.PI, Math.PI, t -> 1) < CHI2_BOUND);
    }

    @Test
    void tiltedSphereHeightFollowsOnePlusAzAndTheTestCanTellTheDifference() {
        double a = 0.8;
        SphereSampler sampler = SphereSampler.tilted(a);
        PointCloud c = sampler.sample(50_000, 2);
        double[] z = map(c, p -> p[2]);
        for (int i = 0; i < c.size(); i++) {
            double[] p = c.point(i);
            assertEquals(1.0, Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]), 1e-14);
            assertEquals((1 + a * p[2]) / (4 * Math.PI), c.density(i), 1e-15);
        }
        assertTrue(chiSquare(z, -1, 1, t -> 1 + a * t) < CHI2_BOUND);
        assertTrue(chiSquare(map(c, p -> Math.atan2(p[1], p[0])), -Math.PI, Math.PI, t -> 1) < CHI2_BOUND,
                "longitude stays uniform");
        // E[z] = a/3, standard error sqrt(Var z / n) < 0.003
        assertEquals(a / 3, java.util.Arrays.stream(z).average().orElseThrow(), 0.012);
        // negative controls: the same statistic rejects the uniform law for these points, and these laws for
        // uniform points
        assertTrue(chiSquare(z, -1, 1, t -> 1) > 1000);
        double[] uniformZ = map(SphereSampler.uniform().sample(50_000, 2), p -> p[2]);
        assertTrue(chiSquare(uniformZ, -1, 1, t -> 1 + a * t) > 1000);
        // the extreme tilts are still densities: a = -1 puts no mass at the north pole
        double[] south = map(SphereSampler.tilted(-1).sample(50_000, 3), p -> p[2]);
        assertTrue(chiSquare(south, -1, 1, t -> 1 - t) < CHI2_BOUND);
        assertThrows(IllegalArgumentException.class, () -> SphereSampler.tilted(1.5));
    }

    @Test
    void samplesAreReproducibleFromTheSeed() {
        assertEquals(SphereSampler.tilted(0.3).sample(100, 9), SphereSampler.tilted(0.3).sample(100, 9));
        assertNotEquals(SphereSampler.tilted(0.3).sample(100, 9), SphereSampler.tilted(0.3).sample(100, 10));
    }

    @Test
    void circleAndFlatTorusPointsSatisfyTheirEquations() {
        PointCloud circle = new CircleSampler(2).sample(1000, 4);
        for (int i = 0; i < circle.size(); i++) {
            assertEquals(2, Math.hypot(circle.coordinate(i, 0), circle.coordinate(i, 1)), 1e-14);
        }
        PointCloud torus = new FlatTorusSampler(1, 0.5).sample(20_000, 5);
        for (int i = 0; i < torus.size(); i++) {
            assertEquals(1, Math.hypot(torus.coordinate(i, 0), torus.coordinate(i, 1)), 1e-14);
            assertEquals(0.5, Math.hypot(torus.coordinate(i, 2), torus.coordinate(i, 3)), 1e-14);
        }
        assertTrue(chiSquare(map(torus, p -> Math.atan2(p[3], p[2])), -Math.PI, Math.PI, t -> 1) < CHI2_BOUND);
    }

    @Test
    void torusOfRevolutionIsAreaUniform() {
        double big = 2;
        double small = 1;
        PointCloud c = new TorusSampler(big, small).sample(50_000, 6);
        double[] tube = new double[c.size()];
        for (int i = 0; i < c.size(); i++) {
            double[] p = c.point(i);
            double rho = Math.hypot(p[0], p[1]);
            assertEquals(small * small, (rho - big) * (rho - big) + p[2] * p[2], 1e-12);
            tube[i] = Math.atan2(p[2], rho - big);
        }
        // the area element is proportional to R + r cos u: the outer equator is three times as dense as the inner
        assertTrue(chiSquare(tube, -Math.PI, Math.PI, u -> big + small * Math.cos(u)) < CHI2_BOUND);
        assertTrue(chiSquare(tube, -Math.PI, Math.PI, u -> 1) > 1000);
        assertTrue(new TorusSampler(big, small).spectrum().isEmpty());
    }

    @Test
    void swissRollIsUniformInArcLength() {
        SwissRollSampler roll = SwissRollSampler.standard();
        PointCloud c = roll.sample(50_000, 7);
        double s0 = SwissRollSampler.arcLength(1.5 * Math.PI);
        double[] s = new double[c.size()];
        for (int i = 0; i < c.size(); i++) {
            double[] p = c.point(i);
            double t = Math.hypot(p[0], p[2]);
            assertEquals(Math.cos(t), p[0] / t, 1e-12);
            assertEquals(Math.sin(t), p[2] / t, 1e-12);
            assertTrue(p[1] >= 0 && p[1] < 21);
            s[i] = SwissRollSampler.arcLength(t) - s0;
            assertEquals(1 / (roll.length() * 21), c.density(i), 1e-15);
        }
        assertTrue(chiSquare(s, 0, roll.length(), v -> 1) < CHI2_BOUND);
        // arc length by quadrature of sqrt(1 + t^2) agrees with the closed form
        double quad = 0;
        int steps = 10_000;
        double h = 3 * Math.PI / steps;
        for (int k = 0; k < steps; k++) {
            double t = 1.5 * Math.PI + (k + 0.5) * h;
            quad += h * Math.sqrt(1 + t * t);
        }
        assertEquals(quad, roll.length(), 1e-5);
    }

    @Test
    void sphereSpectrumIsLTimesLPlusOneWithMultiplicityTwoLPlusOne() {
        KnownSpectrum s = SphereSampler.uniform().spectrum().orElseThrow();
        assertEquals(List.of(new KnownSpectrum.Level(0, 1), new KnownSpectrum.Level(2, 3),
                new KnownSpectrum.Level(6, 5), new KnownSpectrum.Level(12, 7)), s.levels(4));
        assertArrayEquals(new double[] {0, 2, 2, 2, 6, 6, 6, 6, 6}, s.smallest(9), 0);
        assertEquals(2.0 / 4, KnownSpectrum.sphere(2).levels(2).get(1).eigenvalue(), 0);
    }

    @Test
    void circleSpectrumIsKSquaredTwice() {
        assertArrayEquals(new double[] {0, 0.25, 0.25, 1, 1}, new CircleSampler(2).spectrum().orElseThrow()
                .smallest(5), 0);
    }

    @Test
    void flatTorusMultiplicitiesCountRepresentationsAsSumsOfTwoSquares() {
        // r2(k), the number of (m, n) in Z^2 with m^2 + n^2 = k: 1, 4, 4, 4, 8, 4, 4, 8 for k = 0, 1, 2, 4, 5, 8, 9, 10
        List<KnownSpectrum.Level> levels = KnownSpectrum.flatTorus(1, 1).levels(8);
        assertArrayEquals(new double[] {0, 1, 2, 4, 5, 8, 9, 10},
                levels.stream().mapToDouble(KnownSpectrum.Level::eigenvalue).toArray(), 0);
        assertArrayEquals(new int[] {1, 4, 4, 4, 8, 4, 4, 8},
                levels.stream().mapToInt(KnownSpectrum.Level::multiplicity).toArray());
        // radii 1 and 1/2: m^2 + 4 n^2, whose levels 0, 1, 4, 5, 8, 9 have multiplicities 1, 2, 4, 4, 4, 2
        List<KnownSpectrum.Level> thin = new FlatTorusSampler(1, 0.5).spectrum().orElseThrow().levels(6);
        assertArrayEquals(new int[] {1, 2, 4, 4, 4, 2},
                thin.stream().mapToInt(KnownSpectrum.Level::multiplicity).toArray());
    }

    @Test
    void neumannRectangleOfSidePiHasLevelsMSquaredPlusNSquaredOverTheQuadrant() {
        List<KnownSpectrum.Level> levels = KnownSpectrum.neumannRectangle(Math.PI, Math.PI).levels(6);
        assertArrayEquals(new double[] {0, 1, 2, 4, 5, 8},
                levels.stream().mapToDouble(KnownSpectrum.Level::eigenvalue).toArray(), 1e-12);
        assertArrayEquals(new int[] {1, 2, 1, 2, 2, 1},
                levels.stream().mapToInt(KnownSpectrum.Level::multiplicity).toArray());
        SwissRollSampler roll = SwissRollSampler.standard();
        double first = Math.PI * Math.PI / (roll.length() * roll.length());
        assertEquals(first, roll.spectrum().orElseThrow().smallest(2)[1], 1e-15);
    }
}
