package lapis.spectral.subspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lapis.graph.Graph;
import lapis.graph.KnownSpectra;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.EigenResult;
import lapis.spectral.dense.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

class SubspacesTest {
    private final Random random = new Random(13);

    private DMatrixRMaj rotation(int k) {
        return RandomMatrices_DDRM.orthogonal(k, k, random);
    }

    /** Columns e_0, cos(t) e_1 + sin(t) e_2 and e_0, e_1 in R^n: principal angles {0, t}. */
    private static DMatrixRMaj[] pairWithAngle(int n, double t) {
        DMatrixRMaj a = new DMatrixRMaj(n, 2);
        a.set(0, 0, 1);
        a.set(1, 1, 1);
        DMatrixRMaj b = new DMatrixRMaj(n, 2);
        b.set(0, 0, 1);
        b.set(1, 1, Math.cos(t));
        b.set(2, 1, Math.sin(t));
        return new DMatrixRMaj[] {a, b};
    }

    @Test
    void anglesAreZeroBetweenTwoBasesOfTheSameSpace() {
        DMatrixRMaj q = RandomMatrices_DDRM.orthogonal(30, 6, random);
        DMatrixRMaj mixed = new DMatrixRMaj(30, 6);
        CommonOps_DDRM.mult(q, RandomMatrices_DDRM.rectangle(6, 6, 1, 2, random), mixed);
        for (double angle : Subspaces.principalAngles(q, mixed)) {
            assertEquals(0, angle, 1e-14);
        }
        assertEquals(0, Subspaces.projectorDistance(q, mixed), 1e-14);
    }

    @Test
    void knownAnglesKeepTheirAccuracyFromTinyToRight() {
        for (double t : new double[] {1e-12, 1e-9, 1e-5, 0.3, Math.PI / 4, 1.2, Math.PI / 2 - 1e-7, Math.PI / 2}) {
            DMatrixRMaj[] ab = pairWithAngle(7, t);
            DMatrixRMaj rot = rotation(2);
            DMatrixRMaj b = new DMatrixRMaj(7, 2);
            CommonOps_DDRM.mult(ab[1], rot, b);
            double[] angles = Subspaces.principalAngles(ab[0], b);
            assertEquals(0, angles[0], 1e-15, "t = " + t);
            assertEquals(t, angles[1], 2e-15, "t = " + t);
            assertEquals(Math.sqrt(2) * Math.sin(t), Subspaces.projectorDistance(ab[0], b), 1e-15, "t = " + t);
        }
    }

    @Test
    void anglesAreSymmetricAndCoverUnequalDimensions() {
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(12, 5, random);
        DMatrixRMaj b = RandomMatrices_DDRM.rectangle(12, 3, random);
        assertArrayEquals(Subspaces.principalAngles(a, b), Subspaces.principalAngles(b, a), 1e-14);
        assertEquals(3, Subspaces.principalAngles(a, b).length);

        DMatrixRMaj big = CommonOps_DDRM.identity(6, 3);
        DMatrixRMaj line = CommonOps_DDRM.identity(6, 1);
        assertArrayEquals(new double[] {0}, Subspaces.principalAngles(big, line), 0.0);
        assertEquals(Math.sqrt(2), Subspaces.projectorDistance(big, line), 1e-15, "|P1 - P2|^2 = 3 - 1");
    }

    @Test
    void projectorDistanceEqualsTheExplicitFrobeniusNorm() {
        for (int trial = 0; trial < 5; trial++) {
            DMatrixRMaj a = RandomMatrices_DDRM.rectangle(9, 4, random);
            DMatrixRMaj b = RandomMatrices_DDRM.rectangle(9, 2 + trial % 3, random);
            DMatrixRMaj pa = projector(Subspaces.orthonormalBasis(a));
            DMatrixRMaj pb = projector(Subspaces.orthonormalBasis(b));
            CommonOps_DDRM.subtractEquals(pa, pb);
            assertEquals(NormOps_DDRM.normF(pa), Subspaces.projectorDistance(a, b), 1e-13);
        }
    }

    private static DMatrixRMaj projector(DMatrixRMaj q) {
        DMatrixRMaj p = new DMatrixRMaj(q.numRows, q.numRows);
        CommonOps_DDRM.multTransB(q, q, p);
        return p;
    }

    @Test
    void orthonormalBasisSpansTheColumnsAndRefusesRankDeficiency() {
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(10, 4, random);
        DMatrixRMaj q = Subspaces.orthonormalBasis(a);
        DMatrixRMaj g = new DMatrixRMaj(4, 4);
        CommonOps_DDRM.multTransA(q, q, g);
        assertTrue(CommonOps_DDRM.elementMaxAbs(CommonOps_DDRM.subtract(g, CommonOps_DDRM.identity(4), null))
                < 1e-14);
        assertEquals(0, Subspaces.projectorDistance(a, q), 1e-14);

        DMatrixRMaj dependent = a.copy();
        for (int i = 0; i < 10; i++) {
            dependent.set(i, 3, dependent.get(i, 0) - 2 * dependent.get(i, 1));
        }
        assertThrows(IllegalArgumentException.class, () -> Subspaces.orthonormalBasis(dependent));
        assertThrows(IllegalArgumentException.class, () -> Subspaces.principalAngles(a, new DMatrixRMaj(9, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> Subspaces.principalAngles(RandomMatrices_DDRM.rectangle(3, 4, random), a));
    }

    @Test
    void signAlignmentUndoesSignFlips() {
        DMatrixRMaj ref = RandomMatrices_DDRM.orthogonal(15, 5, random);
        DMatrixRMaj flipped = ref.copy();
        for (int c : new int[] {0, 3}) {
            for (int i = 0; i < 15; i++) {
                flipped.set(i, c, -flipped.get(i, c));
            }
        }
        assertArrayEquals(ref.data, Subspaces.alignSigns(flipped, ref, null).data, 0.0);
        assertThrows(IllegalArgumentException.class, () -> Subspaces.alignSigns(flipped, flipped, flipped));
    }

    @Test
    void procrustesRecoversARandomRotation() {
        DMatrixRMaj v = RandomMatrices_DDRM.orthogonal(20, 6, random);
        DMatrixRMaj r0 = rotation(6);
        DMatrixRMaj rotated = new DMatrixRMaj(20, 6);
        CommonOps_DDRM.mult(v, r0, rotated);
        DMatrixRMaj r = Subspaces.procrustesRotation(v, rotated);
        assertArrayEquals(r0.data, r.data, 1e-13);
        DMatrixRMaj aligned = Subspaces.alignProcrustes(v, rotated, null);
        assertArrayEquals(rotated.data, aligned.data, 1e-13);
    }

    @Test
    void procrustesIsOrthogonalAndNoWorseThanTheIdentityOnNoisyData() {
        DMatrixRMaj v = RandomMatrices_DDRM.rectangle(20, 4, random);
        DMatrixRMaj target = RandomMatrices_DDRM.rectangle(20, 4, random);
        DMatrixRMaj r = Subspaces.procrustesRotation(v, target);
        DMatrixRMaj rtr = new DMatrixRMaj(4, 4);
        CommonOps_DDRM.multTransA(r, r, rtr);
        assertArrayEquals(CommonOps_DDRM.identity(4).data, rtr.data, 1e-14);
        double best = NormOps_DDRM.normF(CommonOps_DDRM.subtract(Subspaces.alignProcrustes(v, target, null), target,
                null));
        for (int trial = 0; trial < 20; trial++) {
            DMatrixRMaj vq = new DMatrixRMaj(20, 4);
            CommonOps_DDRM.mult(v, rotation(4), vq);
            assertTrue(best <= NormOps_DDRM.normF(CommonOps_DDRM.subtract(vq, target, null)) + 1e-12);
        }
    }

    @Test
    void perEigenspaceAlignmentMatchesTheEigenvectorsOfARelabelledHypercube() {
        KnownSpectra.Case c = KnownSpectra.hypercube(5, Normalization.COMBINATORIAL);
        int n = c.graph().vertexCount();
        EigenResult reference = SymmetricEigen.of(Laplacian.of(c.graph(), c.normalization()).toDense());
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (i * 7 + 3) % n;
        }
        Graph relabelled = c.graph().relabel(perm);
        DMatrixRMaj w = SymmetricEigen.of(Laplacian.of(relabelled, c.normalization()).toDense()).eigenvectors(null);
        DMatrixRMaj back = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                back.set(i, k, w.get(perm[i], k));
            }
        }
        DMatrixRMaj v = reference.eigenvectors(null);
        double before = NormOps_DDRM.normF(CommonOps_DDRM.subtract(back, v, null));
        assertTrue(before > 1, "bases of repeated eigenspaces differ before alignment: " + before);
        Eigenspaces spaces = Eigenspaces.of(reference);
        DMatrixRMaj aligned = Subspaces.alignPerEigenspace(back, v, spaces, null);
        assertEquals(0, NormOps_DDRM.normF(CommonOps_DDRM.subtract(aligned, v, null)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Subspaces.alignPerEigenspace(back, v,
                Eigenspaces.of(new double[] {0, 1}), null));
    }
}
