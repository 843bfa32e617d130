package lapis.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import lapis.graph.ConnectedComponents;
import lapis.graph.KnownSpectra;
import lapis.graph.Laplacian;
import lapis.spectral.subspace.Eigenspaces;
import lapis.spectral.subspace.Subspaces;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every symmetric eigensolver owes, checked on the closed-form spectra of {@link KnownSpectra}: eigenvalues
 * ascending and equal to the closed form, honest residuals (the reported ||A v - lambda v|| is the true one),
 * orthonormal eigenvectors, the null space spanned by the closed-form component vectors, and the closed-form
 * multiplicities. A solver's test extends this class and says how to get the k smallest pairs; iterative solvers
 * may ask for fewer than n pairs ({@link #wanted}) and state their accuracy ({@link #tolerance}).
 */
public abstract class SymmetricEigensolverContract {

    /** The k smallest eigenpairs of a (standard problem, B = I). */
    protected abstract EigenResult smallest(SymmetricOperator a, int k);

    /** How many pairs to ask for on an n x n problem; all n by default. */
    protected int wanted(int n) {
        return n;
    }

    /** Accuracy relative to ||A||_2 expected of eigenvalues and residuals; 1e-10 by default. */
    protected double tolerance() {
        return 1e-10;
    }

    static Stream<KnownSpectra.Case> cases() {
        return KnownSpectra.all().stream();
    }

    private static SymmetricOperator operator(KnownSpectra.Case c) {
        Laplacian l = Laplacian.of(c.graph(), c.normalization());
        return SymmetricOperator.of(l.size(), l::multiply);
    }

    private static double norm(KnownSpectra.Case c) {
        return Math.max(1.0, Arrays.stream(c.eigenvalues()).map(Math::abs).max().orElse(0));
    }

    private EigenResult solve(KnownSpectra.Case c) {
        int k = wanted(c.graph().vertexCount());
        EigenResult r = smallest(operator(c), k);
        assertEquals(k, r.count(), "number of pairs returned");
        assertTrue(r.converged(), "converged flag");
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lapis.spectral.SymmetricEigensolverContract#cases")
    void eigenvaluesAreAscendingAndMatchTheClosedForm(KnownSpectra.Case c) {
        EigenResult r = solve(c);
        double tol = tolerance() * norm(c);
        for (int i = 0; i < r.count(); i++) {
            assertEquals(c.eigenvalues()[i], r.eigenvalue(i), tol, "eigenvalue " + i);
            if (i > 0) {
                assertTrue(r.eigenvalue(i) >= r.eigenvalue(i - 1), "ascending at " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lapis.spectral.SymmetricEigensolverContract#cases")
    void reportedResidualsAreTheTrueOnesAndSmall(KnownSpectra.Case c) {
        EigenResult r = solve(c);
        DMatrixRMaj a = Laplacian.of(c.graph(), c.normalization()).toDense();
        DMatrixRMaj v = r.eigenvectors(null);
        DMatrixRMaj av = new DMatrixRMaj(v.numRows, v.numCols);
        CommonOps_DDRM.mult(a, v, av);
        double tol = tolerance() * norm(c);
        for (int k = 0; k < r.count(); k++) {
            double s = 0;
            for (int i = 0; i < v.numRows; i++) {
                double x = av.get(i, k) - r.eigenvalue(k) * v.get(i, k);
                s += x * x;
            }
            double trueResidual = Math.sqrt(s);
            assertTrue(trueResidual <= tol, "residual of pair " + k + ": " + trueResidual);
            assertEquals(trueResidual, r.residualNorm(k), 1e-3 * tol, "reported residual of pair " + k);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lapis.spectral.SymmetricEigensolverContract#cases")
    void eigenvectorsAreOrthonormal(KnownSpectra.Case c) {
        EigenResult r = solve(c);
        DMatrixRMaj v = r.eigenvectors(null);
        DMatrixRMaj g = new DMatrixRMaj(v.numCols, v.numCols);
        CommonOps_DDRM.multTransA(v, v, g);
        CommonOps_DDRM.subtractEquals(g, CommonOps_DDRM.identity(v.numCols));
        assertTrue(CommonOps_DDRM.elementMaxAbs(g) <= tolerance(), "max |V^T V - I| = "
                + CommonOps_DDRM.elementMaxAbs(g));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lapis.spectral.SymmetricEigensolverContract#cases")
    void zeroEigenvectorsSpanTheClosedFormNullSpace(KnownSpectra.Case c) {
        Laplacian l = Laplacian.of(c.graph(), c.normalization());
        DMatrixRMaj nullSpace = l.nullSpace(ConnectedComponents.of(c.graph()));
        int zeros = nullSpace.numCols;
        if (wanted(l.size()) < zeros) {
            return;
        }
        EigenResult r = solve(c);
        DMatrixRMaj v = CommonOps_DDRM.extract(r.eigenvectors(null), 0, l.size(), 0, zeros);
        double[] angles = Subspaces.principalAngles(v, nullSpace);
        assertEquals(zeros, angles.length);
        assertTrue(angles[zeros - 1] <= 1e3 * tolerance(), "largest angle to the null space " + angles[zeros - 1]);
        if (zeros < r.count()) {
            assertTrue(r.eigenvalue(zeros) > 10 * tolerance() * norm(c), "eigenvalue " + zeros
                    + " should be off zero: " + r.eigenvalue(zeros));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lapis.spectral.SymmetricEigensolverContract#cases")
    void multiplicitiesMatchTheClosedForm(KnownSpectra.Case c) {
        EigenResult r = solve(c);
        Eigenspaces exact = Eigenspaces.of(c.eigenvalues(), 1e-9, 1e-9);
        Eigenspaces computed = Eigenspaces.of(r.eigenvalues());
        int complete = 0;
        while (complete < exact.count() && exact.group(complete).end() <= r.count()) {
            complete++;
        }
        int[] expected = Arrays.copyOf(exact.multiplicities(), complete);
        int[] found = Arrays.copyOf(computed.multiplicities(), complete);
        assertArrayEquals(expected, found, "multiplicities of " + exact + " vs " + computed);
    }
}
