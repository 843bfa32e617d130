package lapis.graph.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every exact search owes: the k smallest by (squared distance, index), as the O(n^2) definition says. */
abstract class NearestNeighborsContract {

    /** The search under test, queries in parallel. */
    abstract NearestNeighbors parallelSearch();

    /** The same search on one thread. */
    abstract NearestNeighbors sequentialSearch();

    /** The definition: all n - 1 distances of each point, sorted by (squared distance, index), first k kept. */
    static KnnResult naive(PointSet p, int k) {
        int n = p.size();
        int[] idx = new int[n * k];
        double[] d2 = new double[n * k];
        for (int i = 0; i < n; i++) {
            double[] all = new double[n];
            Integer[] others = new Integer[n - 1];
            for (int j = 0, m = 0; j < n; j++) {
                all[j] = p.squaredDistance(i, j);
                if (j != i) {
                    others[m++] = j;
                }
            }
            Arrays.sort(others, Comparator.<Integer>comparingDouble(j -> all[j]).thenComparingInt(j -> j));
            for (int r = 0; r < k; r++) {
                idx[i * k + r] = others[r];
                d2[i * k + r] = all[others[r]];
            }
        }
        return new KnnResult(n, k, idx, d2, 0);
    }

    static PointSet gaussian(int n, int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * dim];
        for (int e = 0; e < x.length; e++) {
            x[e] = r.nextGaussian();
        }
        return PointSet.of(dim, x);
    }

    /** Coordinates from {0, 1, 2}: in dimension 2 only 9 distinct points, and distances tie everywhere. */
    static PointSet lattice(int n, int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * dim];
        for (int e = 0; e < x.length; e++) {
            x[e] = r.nextInt(3);
        }
        return PointSet.of(dim, x);
    }

    static void assertSameNeighbors(KnnResult expected, KnnResult actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.k(), actual.k());
        assertArrayEquals(expected.indices(), actual.indices());
        double[] e = expected.squaredDistances();
        double[] a = actual.squaredDistances();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-12, "entry " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8})
    void matchesTheDefinitionOnRandomPoints(int dim) {
        PointSet p = gaussian(600, dim, 17 + dim);
        assertSameNeighbors(naive(p, 7), parallelSearch().search(p, 7));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void breaksTiesByIndexAmongDuplicates(int dim) {
        PointSet p = lattice(300, dim, 5 + dim);
        assertSameNeighbors(naive(p, 12), parallelSearch().search(p, 12));
    }

    @Test
    void findsDuplicatesOfRandomPointsAtDistanceZero() {
        PointSet base = gaussian(150, 3, 11);
        double[] x = new double[3 * 450];
        for (int i = 0; i < 450; i++) {
            System.arraycopy(base.point(i % 150), 0, x, 3 * i, 3);
        }
        PointSet p = PointSet.of(3, x);
        KnnResult r = parallelSearch().search(p, 4);
        assertSameNeighbors(naive(p, 4), r);
        for (int i = 0; i < 450; i++) {
            int a = i % 150;
            int self = i;
            int[] copies = {a, a + 150, a + 300};
            int[] expected = Arrays.stream(copies).filter(c -> c != self).toArray();
            assertArrayEquals(expected, new int[] {r.neighbor(i, 0), r.neighbor(i, 1)}, "point " + i);
            assertEquals(0.0, r.distance(i, 0));
            assertEquals(0.0, r.distance(i, 1));
        }
    }

    @Test
    void allPointsEqualGivesTheSmallestOtherIndices() {
        PointSet p = PointSet.of(2, new double[2 * 40]);
        KnnResult r = parallelSearch().search(p, 3);
        assertArrayEquals(new int[] {1, 2, 3}, new int[] {r.neighbor(0, 0), r.neighbor(0, 1), r.neighbor(0, 2)});
        assertArrayEquals(new int[] {0, 1, 2}, new int[] {r.neighbor(7, 0), r.neighbor(7, 1), r.neighbor(7, 2)});
        assertEquals(0.0, r.meanDistance());
    }

    @Test
    void sequentialAndParallelAgreeExactly() {
        PointSet p = gaussian(1500, 3, 3);
        KnnResult a = parallelSearch().search(p, 9);
        KnnResult b = sequentialSearch().search(p, 9);
        assertArrayEquals(a.indices(), b.indices());
        assertArrayEquals(a.squaredDistances(), b.squaredDistances());
    }

    @Test
    void twoPointsAreEachOthersNeighbour() {
        PointSet p = PointSet.of(new double[][] {{0, 0}, {3, 4}});
        KnnResult r = parallelSearch().search(p, 1);
        assertEquals(1, r.neighbor(0, 0));
        assertEquals(0, r.neighbor(1, 0));
        assertEquals(5.0, r.distance(0, 0));
        assertEquals(25.0, r.squaredDistance(1, 0));
    }

    @Test
    void invalidKIsNamed() {
        PointSet p = gaussian(10, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parallelSearch().search(p, 0));
        assertTrue(e.getMessage().contains("k = 0") && e.getMessage().contains("1..9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parallelSearch().search(p, 10));
        assertTrue(e.getMessage().contains("k = 10") && e.getMessage().contains("n = 10"), e.getMessage());
    }

    @Test
    void resultArraysAreCopies() {
        KnnResult r = parallelSearch().search(gaussian(20, 2, 2), 2);
        int first = r.neighbor(0, 0);
        double d = r.squaredDistance(0, 0);
        r.indices()[0] = -1;
        r.squaredDistances()[0] = -1;
        assertEquals(first, r.neighbor(0, 0));
        assertEquals(d, r.squaredDistance(0, 0));
        assertTrue(r.distanceEvaluations() >= 20L * 2);
    }
}
