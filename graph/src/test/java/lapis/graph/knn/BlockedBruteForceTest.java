package lapis.graph.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockedBruteForceTest extends NearestNeighborsContract {

    @Override
    NearestNeighbors parallelSearch() {
        return new BlockedBruteForce();
    }

    @Override
    NearestNeighbors sequentialSearch() {
        return new BlockedBruteForce(false);
    }

    @Test
    void matchesTheDefinitionInDimension64() {
        PointSet p = gaussian(500, 64, 64);
        assertSameNeighbors(naive(p, 8), new BlockedBruteForce().search(p, 8));
    }

    @Test
    void staysExactFarFromTheOrigin() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 400;
        int dim = 16;
        double[] x = new double[n * dim];
        for (int e = 0; e < x.length; e++) {
            x[e] = 1e6 + 1e-3 * r.nextGaussian();
        }
        PointSet p = PointSet.of(dim, x);
        assertSameNeighbors(naive(p, 6), new BlockedBruteForce().search(p, 6));
    }

    @Test
    void staysExactWithNearTiesAtScale() {
        PointSet p = lattice(500, 40, 4);
        assertSameNeighbors(naive(p, 15), new BlockedBruteForce().search(p, 15));
    }

    @Test
    void dotTileIsTheProductOfRows() {
        PointSet p = gaussian(23, 7, 5);
        double[] x = p.toRowMajor();
        int ld = 19;
        double[] tile = new double[13 * ld];
        BlockedBruteForce.dotTile(x, 7, 3, 13, 2, 18, tile, ld);
        for (int qi = 0; qi < 13; qi++) {
            for (int pj = 0; pj < 18; pj++) {
                double s = 0;
                for (int c = 0; c < 7; c++) {
                    s += p.coordinate(3 + qi, c) * p.coordinate(2 + pj, c);
                }
                assertEquals(s, tile[qi * ld + pj], 1e-13, qi + "," + pj);
            }
        }
    }
}
