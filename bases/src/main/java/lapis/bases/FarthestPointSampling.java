package lapis.bases;

import java.util.Objects;
import lapis.graph.knn.PointSet;

/**
 * Farthest-point sampling (Gonzalez, Theor. Comput. Sci. 38, 1985; the reference's choice of training points): start
 * at a given point, then repeatedly add the point farthest from those chosen (ties to the lower index). The sample is
 * close to uniform in the manifold's area whatever the input's density, and a 2-approximation of the k-centre
 * problem. Deterministic; O(n m D) for m samples.
 */
public final class FarthestPointSampling {
    private FarthestPointSampling() {
    }

    /**
     * The indices of m points, in the order chosen, starting at {@code first}.
     *
     * @throws IllegalArgumentException unless 1 &lt;= m &lt;= n and first is a point
     */
    public static int[] sample(PointSet points, int m, int first) {
        Objects.requireNonNull(points, "points");
        int n = points.size();
        if (m < 1 || m > n || first < 0 || first >= n) {
            throw new IllegalArgumentException("farthest-point sampling of " + m + " of " + n + " points from point "
                    + first);
        }
        double[] nearest = new double[n];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int[] out = new int[m];
        int current = first;
        for (int s = 0; s < m; s++) {
            out[s] = current;
            int next = -1;
            double far = -1;
            for (int i = 0; i < n; i++) {
                double d = points.squaredDistance(i, current);
                if (d < nearest[i]) {
                    nearest[i] = d;
                }
                if (nearest[i] > far) {
                    far = nearest[i];
                    next = i;
                }
            }
            current = next;
        }
        return out;
    }
}
