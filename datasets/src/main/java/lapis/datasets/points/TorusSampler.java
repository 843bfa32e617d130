package lapis.datasets.points;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Points uniform (with respect to area) on the torus of revolution in R^3 with major radius R and tube radius
 * r &lt; R: ((R + r cos u) cos v, (R + r cos u) sin v, r sin u). The area element is r (R + r cos u) du dv, so u is
 * drawn by rejection from the uniform with acceptance (R + r cos u)/(R + r) (expected R/(R + r) per try) and v is
 * uniform. Density 1/(4 pi^2 R r). This torus is curved: its Laplace-Beltrami spectrum has no closed form
 * ({@link #spectrum()} is empty). O(n (R + r)/R) expected.
 */
public final class TorusSampler implements ManifoldSampler {
    private final double major;
    private final double minor;

    /** @throws IllegalArgumentException unless 0 &lt; minor &lt; major, both finite */
    public TorusSampler(double major, double minor) {
        if (!(minor > 0 && minor < major) || Double.isInfinite(major)) {
            throw new IllegalArgumentException("radii must satisfy 0 < r < R < infinity, got R = " + major
                    + ", r = " + minor);
        }
        this.major = major;
        this.minor = minor;
    }

    @Override
    public PointCloud sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[3 * n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double u;
            do {
                u = 2 * Math.PI * rnd.nextDouble();
            } while (rnd.nextDouble() * (major + minor) > major + minor * Math.cos(u));
            double v = 2 * Math.PI * rnd.nextDouble();
            double rho = major + minor * Math.cos(u);
            x[3 * i] = rho * Math.cos(v);
            x[3 * i + 1] = rho * Math.sin(v);
            x[3 * i + 2] = minor * Math.sin(u);
            p[i] = 1 / (4 * Math.PI * Math.PI * major * minor);
        }
        return new PointCloud(3, x, p);
    }

    @Override
    public int ambientDimension() {
        return 3;
    }

    @Override
    public int intrinsicDimension() {
        return 2;
    }

    @Override
    public Optional<KnownSpectrum> spectrum() {
        return Optional.empty();
    }
}
