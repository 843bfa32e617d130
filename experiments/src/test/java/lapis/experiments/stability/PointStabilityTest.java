package lapis.experiments.stability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import lapis.datasets.ProgressListener;
import lapis.spectral.subspace.EigenspaceComparison;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PointStabilityTest {
    private static final String SPHERE = "sphere:2000";
    private static PointStability.Report noise;

    /** One noise run shared by the tests that read it: levels 0, 0.003 and 0.03 on 2,000 points (the smallest N whose
     * clusters the default tolerance separates with a margin: see PointStability.DEFAULT_GROUP_TOLERANCE). */
    @BeforeAll
    static void measureNoise() {
        noise = PointStability.measure(PointStability.Options.defaults(SPHERE, "noise", Path.of("unused"))
                .withLevels(0, 0.003, 0.03), ProgressListener.NONE);
    }

    private static EigenspaceComparison.Space space(PointStability.Level l, int g) {
        return l.comparison().spaces().get(g);
    }

    @Test
    void recognisesPointDatasets() {
        for (String s : List.of("sphere:4000", "sphere-mesh", "spot", "bunny", "kitten", "a/b.OFF", "c.obj", "d.ply",
                "e.xyz")) {
            assertTrue(PointStability.isPointDataset(s), s);
        }
        for (String s : List.of("zinc", "g.graphml", "h.edges", "sphere", "x.off.gz")) {
            assertFalse(PointStability.isPointDataset(s), s);
        }
    }

    @Test
    void groupsTheSphereSpectrumIntoSphericalHarmonicMultiplicities() {
        int[] m = noise.levels().get(0).comparison().multiplicities();
        assertArrayEquals(new int[] {1, 3, 5, 7}, m, Arrays.toString(m));
        double[] lambda = noise.reference();
        assertEquals(0, lambda[0], 1e-12);
        // L_sym approximates c Delta on S^2: the l = 2 eigenvalue over the l = 1 one is near 6 / 2 = 3.
        double ratio = space(noise.levels().get(0), 2).eigenvalue() / space(noise.levels().get(0), 1).eigenvalue();
        assertEquals(3, ratio, 0.3, "lambda_2 / lambda_1 = " + ratio);
    }

    /**
     * The bundled geodesic sphere has icosahedral symmetry: l = 1 and l = 2 stay irreducible (3, 5) and l = 3 splits
     * into 3 + 4. Its kNN graph breaks the symmetry by about 0.1%, which the default tolerance for fixed point sets
     * absorbs. Compared vector by vector instead, a nearly degenerate eigenspace seems to turn by tens of degrees
     * under a noise that moves the whole eigenspace by a few.
     */
    @Test
    void groupsTheGeodesicSphereByItsIcosahedralMultiplicities() {
        PointStability.Options o = PointStability.Options.defaults("sphere-mesh", "noise", Path.of("unused"))
                .withLevels(0.001);
        assertEquals(PointStability.FIXED_GROUP_TOLERANCE, o.groupTolerance());
        PointStability.Level grouped = PointStability.measure(o, ProgressListener.NONE).levels().get(0);
        assertArrayEquals(new int[] {1, 3, 5, 3, 4}, grouped.comparison().multiplicities());
        PointStability.Level split = PointStability.measure(o.withGroupTolerance(1e-5), ProgressListener.NONE)
                .levels().get(0);
        assertEquals(1, space(split, 1).multiplicity());
        double wholeSpace = Math.toDegrees(space(grouped, 1).maxAngle());
        double firstVector = Math.toDegrees(space(split, 1).maxAngle());
        assertTrue(wholeSpace < 5 && firstVector > 4 * wholeSpace, wholeSpace + " vs " + firstVector);
    }

    @Test
    void levelZeroIsTheIdentity() {
        PointStability.Level zero = noise.levels().get(0);
        assertEquals(0, zero.level());
        assertEquals(2000, zero.points());
        for (EigenspaceComparison.Space s : zero.comparison().spaces()) {
            assertTrue(s.maxAngle() < 1e-6, s::toString);
        }
        assertTrue(zero.maxResidual() < 1e-6, () -> "residual " + zero.maxResidual());
    }

    @Test
    void anglesGrowWithTheNoiseLevel() {
        PointStability.Level small = noise.levels().get(1);
        PointStability.Level large = noise.levels().get(2);
        for (int g = 1; g <= 2; g++) {
            double a = space(small, g).maxAngle();
            double b = space(large, g).maxAngle();
            assertTrue(a > 1e-6 && b > 2 * a, "eigenspace " + g + ": " + a + " at 0.003, " + b + " at 0.03");
        }
    }

    @Test
    void aLearnedBasisRetrainedOnTheSamePointsIsTheSameAndMovesWithNoise() {
        PointStability.Options o = new PointStability.Options("sphere:600", "noise", new double[] {0, 0.03}, 10, 4,
                PointStability.SAMPLED_GROUP_TOLERANCE, 3, Path.of("unused"), 2, "learned", 200);
        PointStability.Report r = PointStability.measure(o, ProgressListener.NONE);
        EigenspaceComparison.Space same = space(r.levels().get(0), 1);
        EigenspaceComparison.Space moved = space(r.levels().get(1), 1);
        assertEquals(3, same.multiplicity(), "l = 1 of the learned eigenvalues");
        assertTrue(same.maxAngle() < 1e-6, same::toString);
        assertTrue(Double.isNaN(r.levels().get(0).maxResidual()), "a learned basis has no residual");
        assertTrue(moved.maxAngle() > 1e-4 && Math.toDegrees(moved.maxAngle()) < 30, moved::toString);
    }

    @Test
    void theCotangentBasisKeepsTheTrianglesAndMovesLittleUnderSmallNoise() {
        PointStability.Options o = PointStability.Options.defaults("sphere-mesh", "noise", Path.of("unused"))
                .withLevels(0, 0.001).withBasis("cotangent", 1);
        PointStability.Report r = PointStability.measure(o, ProgressListener.NONE);
        assertEquals(0, r.reference()[0], 1e-9);
        assertEquals(2, r.reference()[1], 0.05, "l = 1 of the unit sphere mesh");
        EigenspaceComparison.Space same = space(r.levels().get(0), 1);
        EigenspaceComparison.Space moved = space(r.levels().get(1), 1);
        assertEquals(3, same.multiplicity());
        assertTrue(same.maxAngle() < 1e-6, same::toString);
        assertTrue(moved.maxAngle() > 1e-6 && Math.toDegrees(moved.maxAngle()) < 5, moved::toString);
        IllegalArgumentException drop = assertThrows(IllegalArgumentException.class, () -> PointStability.Options
                .defaults("sphere-mesh", "drop", Path.of("unused")).withBasis("cotangent", 1));
        assertTrue(drop.getMessage().contains("noise"), drop.getMessage());
        IllegalArgumentException cloud = assertThrows(IllegalArgumentException.class, () -> PointStability.measure(
                PointStability.Options.defaults("sphere:100", "noise", Path.of("unused")).withBasis("cotangent", 1),
                ProgressListener.NONE));
        assertTrue(cloud.getMessage().contains("needs a mesh"), cloud.getMessage());
    }

    @Test
    void droppingFivePercentMovesTheFirstHarmonicsLittle() {
        PointStability.Report r = PointStability.measure(PointStability.Options.defaults(SPHERE, "drop",
                Path.of("unused")), ProgressListener.NONE);
        PointStability.Level l = r.levels().get(0);
        assertEquals(0.05, l.level());
        assertEquals(1900, l.points());
        EigenspaceComparison.Space first = space(l, 1);
        assertEquals(3, first.multiplicity());
        assertTrue(Math.toDegrees(first.maxAngle()) < 20, first::toString);
    }

    @Test
    void resampleComparesOnTheOriginalPointsAndNeedsASampler() {
        PointStability.Report r = PointStability.measure(PointStability.Options.defaults(SPHERE, "resample",
                Path.of("unused")), ProgressListener.NONE);
        PointStability.Level l = r.levels().get(0);
        assertTrue(Double.isNaN(l.level()));
        EigenspaceComparison.Space first = space(l, 1);
        assertEquals(3, first.multiplicity());
        assertTrue(Math.toDegrees(first.maxAngle()) < 45, first::toString);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PointStability.measure(
                PointStability.Options.defaults("sphere-mesh", "resample", Path.of("unused")), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("sphere-mesh"), e.getMessage());
    }

    @Test
    void refusesBadInputNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PointStability.measure(
                PointStability.Options.defaults("sphere:lots", "noise", Path.of("unused")), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("lots"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PointStability.Options.defaults(SPHERE, "drop", Path.of("unused")).withLevels(1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PointStability.Options.defaults(SPHERE, "shake", Path.of("unused")));
        assertTrue(e.getMessage().contains("shake"), e.getMessage());
    }
}
