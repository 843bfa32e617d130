package lapis.graph.knn;

import java.util.SplittableRandom;

/** Test points on the unit sphere, for the kNN, kernel and learned-basis tests. */
public final class SpherePoints {
    private SpherePoints() {
    }

    /**
     * n points uniform on the unit sphere S^2: three standard normal draws per point from
     * {@code new SplittableRandom(seed)}, divided by their norm (Muller, Commun. ACM 2(4), 1959).
     */
    public static PointSet uniform(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            double norm = Math.sqrt(a * a + b * b + c * c);
            x[3 * i] = a / norm;
            x[3 * i + 1] = b / norm;
            x[3 * i + 2] = c / norm;
        }
        return PointSet.of(3, x);
    }
}
