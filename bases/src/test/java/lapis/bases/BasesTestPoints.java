package lapis.bases;

import java.util.SplittableRandom;
import lapis.graph.knn.PointSet;

/** Uniform points on the unit sphere, from normalised Gaussian vectors. */
final class BasesTestPoints {
    private BasesTestPoints() {
    }

    static PointSet sphere(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            double c = r.nextGaussian();
            double s = Math.sqrt(a * a + b * b + c * c);
            x[3 * i] = a / s;
            x[3 * i + 1] = b / s;
            x[3 * i + 2] = c / s;
        }
        return PointSet.of(3, x);
    }
}
