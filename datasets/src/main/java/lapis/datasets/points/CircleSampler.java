package lapis.datasets.points;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Points uniform on the circle of radius r in R^2, density 1/(2 pi r) with respect to length; eigenvalues k^2/r^2,
 * each non-zero one twice. O(n).
 */
public final class CircleSampler implements ManifoldSampler {
    private final double radius;

    /** @throws IllegalArgumentException unless radius is finite and &gt; 0 */
    public CircleSampler(double radius) {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("radius must be finite and > 0, got " + radius);
        }
        this.radius = radius;
    }

    @Override
    public PointCloud sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[2 * n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * rnd.nextDouble();
            x[2 * i] = radius * Math.cos(t);
            x[2 * i + 1] = radius * Math.sin(t);
            p[i] = 1 / (2 * Math.PI * radius);
        }
        return new PointCloud(2, x, p);
    }

    @Override
    public int ambientDimension() {
        return 2;
    }

    @Override
    public int intrinsicDimension() {
        return 1;
    }

    @Override
    public Optional<KnownSpectrum> spectrum() {
        return Optional.of(KnownSpectrum.circle(radius));
    }
}
