package lapis.spectral.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import lapis.graph.KnownSpectra;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.EigenResult;
import lapis.spectral.NotConvergedException;
import lapis.spectral.op.DenseMatrixOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
    private final Random random = new Random(11);

    private static double[] ejmlEigenvalues(DMatrixRMaj a) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.numRows, false, true);
        assertTrue(eig.decompose(a.copy()));
        double[] v = new double[a.numRows];
        for (int i = 0; i < v.length; i++) {
            v[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(v);
        return v;
    }

    private static double maxOrthogonalityError(DMatrixRMaj v) {
        DMatrixRMaj g = new DMatrixRMaj(v.numCols, v.numCols);
        CommonOps_DDRM.multTransA(v, v, g);
        CommonOps_DDRM.subtractEquals(g, CommonOps_DDRM.identity(v.numCols));
        return CommonOps_DDRM.elementMaxAbs(g);
    }

    @Test
    void randomMatricesAgreeWithEjmlAndHaveSmallResiduals() {
        for (int n : new int[] {1, 2, 3, 5, 8, 17, 40, 61, 150}) {
            DMatrixRMaj a = RandomMatrices_DDRM.symmetric(n, -1, 1, random);
            EigenResult r = SymmetricEigen.of(a);
            double norm = Math.max(Math.abs(r.eigenvalue(0)), Math.abs(r.eigenvalue(n - 1)));
            assertArrayEquals(ejmlEigenvalues(a), r.eigenvalues(), 1e-13 * n * norm, "n = " + n);
            assertTrue(r.maxResidualNorm() <= 1e-14 * n * norm, "n = " + n + ": " + r.maxResidualNorm());
            assertTrue(maxOrthogonalityError(r.eigenvectors(null)) <= 1e-14 * n, "n = " + n);
        }
    }

    @Test
    void theLargestEntryOfEveryEigenvectorIsPositiveAndTheFirstSuch() {
        for (KnownSpectra.Case c : KnownSpectra.all()) {
            DMatrixRMaj v = SymmetricEigen.of(Laplacian.of(c.graph(), c.normalization()).toDense())
                    .eigenvectors(null);
            for (int k = 0; k < v.numCols; k++) {
                int arg = 0;
                for (int i = 1; i < v.numRows; i++) {
                    if (Math.abs(v.get(i, k)) > Math.abs(v.get(arg, k))) {
                        arg = i;
                    }
                }
                assertTrue(v.get(arg, k) > 0, c + ", vector " + k);
            }
        }
    }

    @Test
    void theSameInputGivesTheSameBits() {
        DMatrixRMaj a = Laplacian.of(KnownSpectra.hypercube(4, Normalization.SYMMETRIC).graph(),
                Normalization.SYMMETRIC).toDense();
        EigenResult first = SymmetricEigen.of(a);
        EigenResult second = SymmetricEigen.of(a.copy());
        assertArrayEquals(first.eigenvalues(), second.eigenvalues(), 0.0);
        assertArrayEquals(first.eigenvectors(null).data, second.eigenvectors(null).data, 0.0);
    }

    @Test
    void eigenvaluesAloneAreBitIdenticalToThoseWithVectors() {
        DMatrixRMaj a = RandomMatrices_DDRM.symmetric(23, -2, 2, random);
        assertArrayEquals(SymmetricEigen.of(a).eigenvalues(), SymmetricEigen.eigenvalues(a), 0.0);
    }

    @Test
    void extremeScalesAreExactPowersOfTwoAway() {
        DMatrixRMaj a = Laplacian.of(KnownSpectra.petersen(Normalization.SYMMETRIC).graph(), Normalization.SYMMETRIC)
                .toDense();
        EigenResult base = SymmetricEigen.of(a);
        for (int exponent : new int[] {900, -900, 1000, -1000}) {
            DMatrixRMaj scaled = a.copy();
            CommonOps_DDRM.scale(Math.scalb(1.0, exponent), scaled);
            EigenResult r = SymmetricEigen.of(scaled);
            for (int i = 0; i < base.count(); i++) {
                assertEquals(Math.scalb(base.eigenvalue(i), exponent), r.eigenvalue(i), 0.0, "2^" + exponent);
            }
            assertArrayEquals(base.eigenvectors(null).data, r.eigenvectors(null).data, 0.0);
        }
    }

    @Test
    void edgeCasesEmptyOneByOneZeroAndDiagonal() {
        EigenResult empty = SymmetricEigen.of(new DMatrixRMaj(0, 0));
        assertEquals(0, empty.count());

        EigenResult one = SymmetricEigen.of(new DMatrixRMaj(new double[][] {{-5}}));
        assertEquals(-5, one.eigenvalue(0), 0.0);
        assertEquals(1, one.eigenvectors(null).get(0, 0), 0.0);

        EigenResult zero = SymmetricEigen.of(new DMatrixRMaj(6, 6));
        assertArrayEquals(new double[6], zero.eigenvalues(), 0.0);
        assertArrayEquals(CommonOps_DDRM.identity(6).data, zero.eigenvectors(null).data, 0.0);

        double[] diagonal = {3, -1, 7, 0.5, 3};
        EigenResult d = SymmetricEigen.of(CommonOps_DDRM.diag(diagonal));
        assertArrayEquals(new double[] {-1, 0.5, 3, 3, 7}, d.eigenvalues(), 0.0);
        DMatrixRMaj v = d.eigenvectors(null);
        assertEquals(1, v.get(1, 0), 0.0);
        assertEquals(1, v.get(3, 1), 0.0);
        assertEquals(1, v.get(2, 4), 0.0);
        assertEquals(0, maxOrthogonalityError(v), 0.0);
    }

    @Test
    void anOperatorIsFormedByOneBlockApplication() {
        DMatrixRMaj a = RandomMatrices_DDRM.symmetric(12, -1, 1, random);
        EigenResult fromOperator = SymmetricEigen.of(DenseMatrixOperator.of(a));
        assertEquals(12, fromOperator.operatorApplications());
        assertArrayEquals(SymmetricEigen.of(a).eigenvalues(), fromOperator.eigenvalues(), 1e-14);
    }

    @Test
    void reportedResidualsMatchARecomputation() {
        DMatrixRMaj a = RandomMatrices_DDRM.symmetric(15, -1, 1, random);
        EigenResult r = SymmetricEigen.of(a);
        DMatrixRMaj v = r.eigenvectors(null);
        for (int k = 0; k < 15; k++) {
            DMatrixRMaj col = CommonOps_DDRM.extractColumn(v, k, null);
            DMatrixRMaj av = new DMatrixRMaj(15, 1);
            CommonOps_DDRM.mult(a, col, av);
            CommonOps_DDRM.addEquals(av, -r.eigenvalue(k), col);
            assertEquals(NormOps_DDRM.normF(av), r.residualNorm(k), 1e-16);
        }
    }

    @Test
    void badInputIsRefusedNamingTheEntry() {
        DMatrixRMaj a = RandomMatrices_DDRM.symmetric(5, -1, 1, random);
        a.set(0, 3, a.get(0, 3) + 1e-3);
        IllegalArgumentException asym = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(a));
        assertTrue(asym.getMessage().contains("a(3, 0)"), asym.getMessage());
        DMatrixRMaj inf = RandomMatrices_DDRM.symmetric(5, -1, 1, random);
        inf.set(2, 4, Double.POSITIVE_INFINITY);
        inf.set(4, 2, Double.POSITIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(inf));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new DMatrixRMaj(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> new BatchSymmetricEigen(4).decompose(
                RandomMatrices_DDRM.symmetric(4, -1, 1, random), new double[3], null));
    }

    @Test
    void exceedingTheSweepCapThrowsWithHonestPartialEstimates() {
        DMatrixRMaj a = RandomMatrices_DDRM.symmetric(9, -1, 1, random);
        double[] exact = SymmetricEigen.eigenvalues(a);
        NotConvergedException ex = assertThrows(NotConvergedException.class,
                () -> new BatchSymmetricEigen(9, 0).decompose(a, new double[9], new DMatrixRMaj(9, 9)));
        EigenResult partial = ex.partial();
        assertFalse(partial.converged());
        assertFalse(partial.hasVectors());
        assertEquals(9, partial.count());
        for (int i = 0; i < 9; i++) {
            double estimate = partial.eigenvalue(i);
            double bound = partial.residualNorm(i);
            double nearest = Arrays.stream(exact).map(x -> Math.abs(x - estimate)).min().orElseThrow();
            assertTrue(nearest <= bound + 1e-13, "estimate " + estimate + " is " + nearest
                    + " from the spectrum, more than its bound " + bound);
        }
        assertTrue(ex.getMessage().contains("9x9"), ex.getMessage());
    }

    @Test
    void workspacesGrowForLargerMatricesAndAreReusable() {
        BatchSymmetricEigen solver = new BatchSymmetricEigen(2);
        DMatrixRMaj big = RandomMatrices_DDRM.symmetric(10, -1, 1, random);
        DMatrixRMaj small = RandomMatrices_DDRM.symmetric(3, -1, 1, random);
        double[] values = new double[10];
        DMatrixRMaj vectors = new DMatrixRMaj(1, 1);
        assertSame(vectors, solver.decompose(big, values, vectors));
        assertEquals(10, solver.capacity());
        assertArrayEquals(SymmetricEigen.eigenvalues(big), values, 0.0);
        solver.decompose(small, values, vectors);
        assertEquals(3, vectors.numRows);
        assertArrayEquals(SymmetricEigen.of(small).eigenvectors(null).data, Arrays.copyOf(vectors.data, 9), 0.0);
        assertArrayEquals(SymmetricEigen.eigenvalues(small), Arrays.copyOf(values, 3), 0.0);
    }
}
