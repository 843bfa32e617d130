package lapis.datasets.points;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Points on the unit sphere S^2 in R^3 with density p(x) = (1 + a z)/(4 pi) with respect to area, for a tilt
 * a in [-1, 1]; a = 0 is the uniform distribution.
 *
 * <p>Sampling is exact: by Archimedes' theorem area is uniform in z, so z has density (1 + a z)/2 on [-1, 1] and
 * is drawn by inverting its distribution function, F(z) = (z + 1)/2 + a (z^2 - 1)/4, in the cancellation-free form
 * z = (4u - 2 + a) / (1 + sqrt(1 - a (2 - a - 4u))) for u uniform on [0, 1); the longitude is uniform. The mean of
 * z is a/3. The Laplace-Beltrami eigenvalues (which do not depend on the density) are l(l+1), multiplicity 2l+1.
 * O(n).
 */
public final class SphereSampler implements ManifoldSampler {
    private final double tilt;

    private SphereSampler(double tilt) {
        if (!(tilt >= -1 && tilt <= 1)) {
            throw new IllegalArgumentException("tilt a must be in [-1, 1] so that 1 + a z >= 0; got " + tilt);
        }
        this.tilt = tilt;
    }

    /** The uniform distribution, density 1/(4 pi). */
    public static SphereSampler uniform() {
        return new SphereSampler(0);
    }

    /** Density (1 + a z)/(4 pi), a in [-1, 1]. */
    public static SphereSampler tilted(double a) {
        return new SphereSampler(a);
    }

    /** The tilt a. */
    public double tilt() {
        return tilt;
    }

    /** The density (1 + a z)/(4 pi) at a point of the sphere with height z. */
    public double density(double z) {
        return (1 + tilt * z) / (4 * Math.PI);
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
            double u = rnd.nextDouble();
            double z = (4 * u - 2 + tilt) / (1 + Math.sqrt(Math.max(0, 1 - tilt * (2 - tilt - 4 * u))));
            z = Math.max(-1, Math.min(1, z));
            double phi = 2 * Math.PI * rnd.nextDouble();
            double rho = Math.sqrt((1 - z) * (1 + z));
            x[3 * i] = rho * Math.cos(phi);
            x[3 * i + 1] = rho * Math.sin(phi);
            x[3 * i + 2] = z;
            p[i] = density(z);
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
        return Optional.of(KnownSpectrum.sphere(1));
    }
}
