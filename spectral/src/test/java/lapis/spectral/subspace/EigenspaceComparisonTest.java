package lapis.spectral.subspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lapis.spectral.EigenResult;
import lapis.spectral.dense.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

class EigenspaceComparisonTest {
    private final Random random = new Random(29);

    /** The first k columns of the n x n identity. */
    private static DMatrixRMaj unitColumns(int n, int k) {
        DMatrixRMaj e = new DMatrixRMaj(n, k);
        for (int i = 0; i < k; i++) {
            e.set(i, i, 1);
        }
        return e;
    }

    @Test
    void identicalBasesGiveZeroAnglesAndTheGapsOfTheGrouping() {
        double[] values = {0, 1, 1, 3};
        DMatrixRMaj a = RandomMatrices_DDRM.orthogonal(30, 4, random);
        EigenspaceComparison.Result r = EigenspaceComparison.compare(values, a, a.copy(), 0.1);
        assertArrayEquals(new int[] {1, 2, 1}, r.multiplicities());
        assertTrue(r.maxAngle() < 1e-12, () -> "max angle " + r.maxAngle());
        assertArrayEquals(new double[] {1, 1, 2},
                r.spaces().stream().mapToDouble(EigenspaceComparison.Space::gap).toArray(), 0);
        assertArrayEquals(new boolean[] {false, false, true}, new boolean[] {r.spaces().get(0).truncated(),
            r.spaces().get(1).truncated(), r.spaces().get(2).truncated()});
        assertEquals(Double.POSITIVE_INFINITY, r.spaces().get(0).relativeGap());
        assertEquals(2.0 / 3.0, r.spaces().get(2).relativeGap(), 1e-15);
    }

    @Test
    void aRotationByTOfATwoDimensionalEigenspaceGivesAnglesTT() {
        int n = 8;
        double[] values = {0, 1, 1, 3};
        for (double t : new double[] {1e-9, 1e-4, 0.3, 1.2, Math.PI / 2}) {
            DMatrixRMaj a = unitColumns(n, 4);
            DMatrixRMaj b = a.copy();
            // Columns 1 and 2 (the eigenspace of 1) tilt by t towards e_4 and e_5.
            b.set(1, 1, Math.cos(t));
            b.set(4, 1, Math.sin(t));
            b.set(2, 2, Math.cos(t));
            b.set(5, 2, Math.sin(t));
            EigenspaceComparison.Result r = EigenspaceComparison.compare(values, a, b, 0.1);
            EigenspaceComparison.Space s = r.spaces().get(1);
            assertEquals(1, s.first());
            assertEquals(3, s.end());
            assertEquals(1.0, s.eigenvalue(), 0);
            assertArrayEquals(new double[] {t, t}, s.angles(), 1e-15 + 1e-12 * t);
            assertEquals(t, s.maxAngle(), 1e-15 + 1e-12 * t);
            assertEquals(Math.sin(t), s.sinMaxAngle(), 1e-15);
            assertEquals(0, r.spaces().get(0).maxAngle(), 1e-15);
            assertEquals(0, r.spaces().get(2).maxAngle(), 1e-15);
        }
    }

    @Test
    void aRotationInsideAnEigenspaceAndSignFlipsGiveZeroAngles() {
        int n = 40;
        double[] values = {0, 2, 2, 2, 5, 7};
        DMatrixRMaj a = RandomMatrices_DDRM.orthogonal(n, 6, random);
        DMatrixRMaj b = a.copy();
        DMatrixRMaj block = CommonOps_DDRM.extract(a, 0, n, 1, 4);
        DMatrixRMaj rotated = new DMatrixRMaj(n, 3);
        CommonOps_DDRM.mult(block, RandomMatrices_DDRM.orthogonal(3, 3, random), rotated);
        CommonOps_DDRM.insert(rotated, b, 0, 1);
        for (int i = 0; i < n; i++) {
            b.set(i, 0, -b.get(i, 0));
            b.set(i, 5, -b.get(i, 5));
        }
        EigenspaceComparison.Result r = EigenspaceComparison.compare(values, a, b, 0.1);
        assertArrayEquals(new int[] {1, 3, 1, 1}, r.multiplicities());
        assertTrue(r.maxAngle() < 1e-12, () -> "max angle " + r.maxAngle());
        // Column by column the rotated vectors did move: the zero above is the eigenspace's invariance.
        double[] columnAngles = Subspaces.principalAngles(CommonOps_DDRM.extract(a, 0, n, 1, 2),
                CommonOps_DDRM.extract(b, 0, n, 1, 2));
        assertTrue(columnAngles[0] > 1e-3, () -> "column angle " + columnAngles[0]);
        // Splitting that eigenspace by a tighter tolerance is not possible: equal values always group.
        assertArrayEquals(new int[] {1, 3, 1, 1}, EigenspaceComparison.compare(values, a, b, 0).multiplicities());
    }

    @Test
    void groupsChainNearlyEqualValuesByTheRelativeTolerance() {
        double[] values = {0, 1e-17, 0.99, 1, 1.01, 2.5, 2.6, 6};
        DMatrixRMaj a = RandomMatrices_DDRM.orthogonal(20, values.length, random);
        EigenspaceComparison.Result r = EigenspaceComparison.compare(values, a, a, 0.1);
        assertArrayEquals(new int[] {2, 3, 2, 1}, r.multiplicities());
        assertEquals(1.0, r.spaces().get(1).eigenvalue(), 1e-15);
        assertEquals(2.55, r.spaces().get(2).eigenvalue(), 1e-15);
        // gap of {0.99, 1, 1.01}: min(0.99 - 1e-17, 2.5 - 1.01) = 0.99; of {2.5, 2.6}: min(1.49, 3.4).
        assertEquals(0.99, r.spaces().get(1).gap(), 1e-15);
        assertEquals(1.49, r.spaces().get(2).gap(), 1e-14);
        assertEquals(3.4, r.spaces().get(3).gap(), 1e-14);
        // Chaining: steps of 8% each link, although 1 and 1.25 differ by 25%; 1% does not link them.
        double[] chain = {1, 1.08, 1.16, 1.25};
        DMatrixRMaj c = RandomMatrices_DDRM.orthogonal(20, 4, random);
        assertArrayEquals(new int[] {4}, EigenspaceComparison.compare(chain, c, c, 0.1).multiplicities());
        assertArrayEquals(new int[] {1, 1, 1, 1}, EigenspaceComparison.compare(chain, c, c, 0.01).multiplicities());
        EigenspaceComparison.Space lone = EigenspaceComparison.compare(chain, c, c, 0.1).spaces().get(0);
        assertTrue(Double.isNaN(lone.gap()) && lone.truncated());
    }

    /**
     * Davis-Kahan on a perturbed diagonal matrix: for every eigenspace, sin theta_max &lt;= ||E||_2 / (gap -
     * ||E||_2), since by Weyl's inequality the rest of the perturbed spectrum stays gap - ||E|| away.
     */
    @Test
    void largestAnglesRespectTheDavisKahanBound() {
        double[] diag = {0, 0.5, 0.5, 0.5, 1.5, 1.6, 3, 3, 4, 7};
        int n = diag.length;
        DMatrixRMaj l = CommonOps_DDRM.diag(diag);
        DMatrixRMaj a = CommonOps_DDRM.identity(n);
        for (double eps : new double[] {1e-6, 1e-3, 1e-2}) {
            DMatrixRMaj e = RandomMatrices_DDRM.symmetric(n, -1, 1, random);
            CommonOps_DDRM.scale(eps / NormOps_DDRM.normP2(e), e);
            DMatrixRMaj perturbed = l.copy();
            CommonOps_DDRM.addEquals(perturbed, e);
            EigenResult pr = SymmetricEigen.of(perturbed);
            EigenspaceComparison.Result r = EigenspaceComparison.compare(diag, a, pr.eigenvectors(null), 1e-3);
            assertArrayEquals(new int[] {1, 3, 1, 1, 2, 1, 1}, r.multiplicities());
            boolean someAngleNearBound = false;
            for (EigenspaceComparison.Space s : r.spaces()) {
                double bound = eps / (s.gap() - eps);
                assertTrue(s.sinMaxAngle() <= bound * (1 + 1e-9) + 1e-14,
                        () -> "eps " + eps + ": " + s + " exceeds " + bound);
                someAngleNearBound |= s.sinMaxAngle() > 0.05 * bound;
            }
            assertTrue(someAngleNearBound, "the bound should not be vacuous at eps " + eps);
        }
    }

    @Test
    void refusesMismatchedShapesNamingThem() {
        DMatrixRMaj a = RandomMatrices_DDRM.orthogonal(10, 3, random);
        DMatrixRMaj b = RandomMatrices_DDRM.orthogonal(9, 3, random);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EigenspaceComparison.compare(new double[] {0, 1, 2}, a, b, 0.1));
        assertTrue(e.getMessage().contains("10x3") && e.getMessage().contains("9x3"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EigenspaceComparison.compare(new double[] {0, 1}, a, a, 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> EigenspaceComparison.compare(new double[] {0, 1, 2}, a, a, Double.NaN));
        assertFalse(EigenspaceComparison.compare(new double[] {0, 1, 2}, a, a, 0.1).spaces().isEmpty());
    }
}
