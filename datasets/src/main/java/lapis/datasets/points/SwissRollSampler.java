package lapis.datasets.points;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Points uniform (with respect to area) on the Swiss roll (t cos t, y, t sin t), t in [t0, t1], y in [0, h].
 *
 * <p>The roll is the spiral (t cos t, t sin t) swept along y; unrolled, it is isometric to the rectangle
 * [0, L] x [0, h] with L = s(t1) - s(t0), s(t) = (t sqrt(1 + t^2) + asinh t)/2 the arc length. Area-uniform points
 * draw t with density proportional to sqrt(1 + t^2) (by rejection, acceptance sqrt(1 + t^2)/sqrt(1 + t1^2)) and y
 * uniform; density 1/(L h). Unlike scikit-learn's make_swiss_roll, which takes t uniform and so crowds the inner
 * turns, this makes the density constant. Eigenvalues: those of the rectangle with Neumann boundary,
 * pi^2 (m^2/L^2 + n^2/h^2). Defaults as in scikit-learn: t in [1.5 pi, 4.5 pi], h = 21. O(n).
 */
public final class SwissRollSampler implements ManifoldSampler {
    private final double t0;
    private final double t1;
    private final double height;

    /** @throws IllegalArgumentException unless 0 &lt;= t0 &lt; t1 and height &gt; 0, all finite */
    public SwissRollSampler(double t0, double t1, double height) {
        if (!(t0 >= 0 && t0 < t1) || Double.isInfinite(t1) || !(height > 0) || Double.isInfinite(height)) {
            throw new IllegalArgumentException("need 0 <= t0 < t1 and height > 0, all finite; got t0 = " + t0
                    + ", t1 = " + t1 + ", height = " + height);
        }
        this.t0 = t0;
        this.t1 = t1;
        this.height = height;
    }

    /** t in [1.5 pi, 4.5 pi], height 21, as scikit-learn. */
    public static SwissRollSampler standard() {
        return new SwissRollSampler(1.5 * Math.PI, 4.5 * Math.PI, 21);
    }

    /** Arc length of the spiral from 0 to t: (t sqrt(1 + t^2) + asinh t)/2. */
    public static double arcLength(double t) {
        return (t * Math.sqrt(1 + t * t) + Math.log(t + Math.sqrt(1 + t * t))) / 2;
    }

    /** L, the length of the unrolled sheet. */
    public double length() {
        return arcLength(t1) - arcLength(t0);
    }

    @Override
    public PointCloud sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[3 * n];
        double[] p = new double[n];
        double top = Math.sqrt(1 + t1 * t1);
        double density = 1 / (length() * height);
        for (int i = 0; i < n; i++) {
            double t;
            do {
                t = t0 + (t1 - t0) * rnd.nextDouble();
            } while (rnd.nextDouble() * top > Math.sqrt(1 + t * t));
            x[3 * i] = t * Math.cos(t);
            x[3 * i + 1] = height * rnd.nextDouble();
            x[3 * i + 2] = t * Math.sin(t);
            p[i] = density;
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
        return Optional.of(KnownSpectrum.neumannRectangle(length(), height));
    }
}
