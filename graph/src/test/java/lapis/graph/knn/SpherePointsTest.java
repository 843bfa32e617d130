package lapis.graph.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpherePointsTest {

    @Test
    void spherePointsHaveUnitNormAndZeroMeanInEachCoordinate() {
        PointSet p = SpherePoints.uniform(20000, 4);
        double[] mean = new double[3];
        for (int i = 0; i < p.size(); i++) {
            double norm2 = 0;
            for (int c = 0; c < 3; c++) {
                norm2 += p.coordinate(i, c) * p.coordinate(i, c);
                mean[c] += p.coordinate(i, c) / p.size();
            }
            assertEquals(1.0, norm2, 1e-15);
        }
        for (double m : mean) {
            assertEquals(0.0, m, 5 * Math.sqrt(1.0 / 3 / p.size()));
        }
        assertEquals(p, SpherePoints.uniform(20000, 4));
    }
}
