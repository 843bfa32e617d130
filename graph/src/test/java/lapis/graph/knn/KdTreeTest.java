package lapis.graph.knn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KdTreeTest extends NearestNeighborsContract {

    @Override
    NearestNeighbors parallelSearch() {
        return new KdTree();
    }

    @Override
    NearestNeighbors sequentialSearch() {
        return new KdTree(KdTree.DEFAULT_LEAF_SIZE, false);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8})
    void agreesWithBruteForceOnRandomPoints(int dim) {
        PointSet p = gaussian(3000, dim, 100 + dim);
        assertSameNeighbors(new BlockedBruteForce().search(p, 10), new KdTree().search(p, 10));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8})
    void agreesWithBruteForceOnDuplicatedPoints(int dim) {
        PointSet p = lattice(1200, dim, 200 + dim);
        assertSameNeighbors(new BlockedBruteForce().search(p, 10), new KdTree().search(p, 10));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 64})
    void everyLeafSizeIsExact(int leafSize) {
        PointSet p = gaussian(700, 3, leafSize);
        assertSameNeighbors(naive(p, 5), new KdTree(leafSize, true).search(p, 5));
    }

    @Test
    void prunesOnLowDimensionalData() {
        PointSet p = SpherePoints.uniform(20000, 1);
        KnnResult r = new KdTree().search(p, 10);
        assertTrue(r.distanceEvaluations() < 200L * 20000, "evaluations " + r.distanceEvaluations());
    }

    @Test
    void leafSizeMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KdTree(0, true));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
