package lapis.bases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import lapis.graph.knn.SpherePoints;
import lapis.graph.knn.NearestNeighbors;
import lapis.graph.knn.PointSet;
import org.junit.jupiter.api.Test;

class KernelBandwidthTest {
    private static KernelBandwidth.Result select(PointSet p) {
        return KernelBandwidth.select(NearestNeighbors.exact(p.dimension()).search(p, 128));
    }

    /**
     * The largest slope of log S(sigma) estimates the intrinsic dimension: a circle in R^3, the 2-sphere in R^3, the
     * 3-sphere in R^4 (closed manifolds, so no boundary lowers the sums); from below, as the kernel is truncated at
     * the 128th neighbour.
     */
    @Test
    void theLargestSlopeIsTheIntrinsicDimension() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 2000;
        double[] circle = new double[3 * n];
        double[] sphere3 = new double[4 * n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * r.nextDouble();
            circle[3 * i] = Math.cos(a);
            circle[3 * i + 1] = Math.sin(a);
            double norm = 0;
            for (int c = 0; c < 4; c++) {
                sphere3[4 * i + c] = r.nextGaussian();
                norm += sphere3[4 * i + c] * sphere3[4 * i + c];
            }
            for (int c = 0; c < 4; c++) {
                sphere3[4 * i + c] /= Math.sqrt(norm);
            }
        }
        double d1 = select(PointSet.of(3, circle)).dimension();
        double d2 = select(SpherePoints.uniform(n, 5)).dimension();
        double d3 = select(PointSet.of(4, sphere3)).dimension();
        assertEquals(1, d1, 0.15, "circle");
        assertEquals(2, d2, 0.2, "2-sphere");
        assertEquals(3, d3, 0.35, "3-sphere");
    }

    /** Scaling the points by c scales every distance, hence the selected width, by c exactly. */
    @Test
    void theWidthScalesWithThePoints() {
        PointSet p = SpherePoints.uniform(800, 6);
        double[] x = p.toRowMajor();
        for (int i = 0; i < x.length; i++) {
            x[i] *= 4;
        }
        KernelBandwidth.Result a = select(p);
        KernelBandwidth.Result b = select(PointSet.of(3, x));
        assertEquals(4 * a.sigma(), b.sigma(), 1e-12 * b.sigma());
        assertEquals(a.dimension(), b.dimension(), 1e-9);
    }

    @Test
    void coincidentPointsAreRefused() {
        PointSet same = PointSet.of(2, new double[20]);
        assertThrows(IllegalArgumentException.class, () -> KernelBandwidth.select(
                NearestNeighbors.exact(2).search(same, 3)));
    }
}
