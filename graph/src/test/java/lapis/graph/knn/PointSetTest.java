package lapis.graph.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PointSetTest {

    @Test
    void rowsAndRowMajorGiveTheSamePointsAndAreCopied() {
        double[][] rows = {{1, 2, 3}, {4, 5, 6}};
        double[] flat = {1, 2, 3, 4, 5, 6};
        PointSet a = PointSet.of(rows);
        PointSet b = PointSet.of(3, flat);
        rows[0][0] = 99;
        flat[0] = 99;
        assertEquals(a, b);
        assertEquals(2, a.size());
        assertEquals(3, a.dimension());
        assertEquals(1.0, a.coordinate(0, 0));
        assertEquals(6.0, a.coordinate(1, 2));
        assertArrayEquals(new double[] {4, 5, 6}, a.point(1));
        a.toRowMajor()[0] = 42;
        assertEquals(1.0, a.coordinate(0, 0));
    }

    @Test
    void squaredDistanceIsTheSumOfSquaredDifferences() {
        PointSet p = PointSet.of(new double[][] {{0, 0, 0}, {1, -2, 2}});
        assertEquals(9.0, p.squaredDistance(0, 1));
        assertEquals(p.squaredDistance(0, 1), p.squaredDistance(1, 0));
        assertEquals(0.0, p.squaredDistance(1, 1));
    }

    @Test
    void raggedRowIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointSet.of(new double[][] {{1, 2}, {3, 4}, {5}}));
        assertTrue(e.getMessage().contains("row 2 has 1 coordinates; row 0 has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PointSet.of(new double[][] {{1, 2}, null}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void nonFiniteCoordinateNamesPointAndCoordinate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointSet.of(new double[][] {{1, 2}, {3, Double.NaN}}));
        assertTrue(e.getMessage().contains("point 1, coordinate 1 is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PointSet.of(3, new double[] {0, 0, 0, 0, 0, 0, Double.NEGATIVE_INFINITY, 0, 0}));
        assertTrue(e.getMessage().contains("point 2, coordinate 0 is -Infinity"), e.getMessage());
    }

    @Test
    void badShapesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointSet.of(2, new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("length 3") && e.getMessage().contains("dimension 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PointSet.of(0, new double[0]));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PointSet.of(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> PointSet.of(new double[][] {{}}));
        assertEquals(0, PointSet.of(4, new double[0]).size());
    }
}
