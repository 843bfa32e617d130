package lapis.datasets.points;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Points uniform on the flat torus, embedded isometrically in R^4 as the product of two circles (the Clifford
 * torus when r1 = r2): (r1 cos s, r1 sin s, r2 cos t, r2 sin t), s and t uniform. Density 1/(4 pi^2 r1 r2) with
 * respect to area; eigenvalues m^2/r1^2 + n^2/r2^2 over (m, n) in Z^2. O(n).
 */
public final class FlatTorusSampler implements ManifoldSampler {
    private final double r1;
    private final double r2;

    /** @throws IllegalArgumentException unless both radii are finite and &gt; 0 */
    public FlatTorusSampler(double r1, double r2) {
        if (!(r1 > 0) || !(r2 > 0) || Double.isInfinite(r1) || Double.isInfinite(r2)) {
            throw new IllegalArgumentException("radii must be finite and > 0, got " + r1 + " and " + r2);
        }
        this.r1 = r1;
        this.r2 = r2;
    }

    @Override
    public PointCloud sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[4 * n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 2 * Math.PI * rnd.nextDouble();
            double t = 2 * Math.PI * rnd.nextDouble();
            x[4 * i] = r1 * Math.cos(s);
            x[4 * i + 1] = r1 * Math.sin(s);
            x[4 * i + 2] = r2 * Math.cos(t);
            x[4 * i + 3] = r2 * Math.sin(t);
            p[i] = 1 / (4 * Math.PI * Math.PI * r1 * r2);
        }
        return new PointCloud(4, x, p);
    }

    @Override
    public int ambientDimension() {
        return 4;
    }

    @Override
    public int intrinsicDimension() {
        return 2;
    }

    @Override
    public Optional<KnownSpectrum> spectrum() {
        return Optional.of(KnownSpectrum.flatTorus(r1, r2));
    }
}
