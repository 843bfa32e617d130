package lapis.spectral.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lapis.graph.Graph;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.graph.SymmetricSparseMatrix;
import lapis.spectral.EigenResult;
import lapis.spectral.Fixtures;
import lapis.spectral.SymmetricEigensolver;
import lapis.spectral.SymmetricEigensolverContract;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.op.LaplacianOperator;
import lapis.spectral.op.ShiftInvertOperator;
import lapis.spectral.op.SparseMatrixOperator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ThickRestartLanczosTest extends SymmetricEigensolverContract {

    @Override
    protected SymmetricEigensolver solver(DMatrixRMaj nullSpace) {
        return new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withTolerance(TOL)
                .withNullSpace(nullSpace));
    }

    @Override
    protected SymmetricEigensolver limited(int maxIterations) {
        return new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withMaxIterations(maxIterations)
                .withBasisSize(16).withBlockSize(2));
    }

    /** Shift-invert needs the matrix: the Laplacian itself, not its matrix-free product. */
    @Override
    protected SymmetricOperator operator(Laplacian l) {
        return LaplacianOperator.of(l);
    }

    @Test
    void singleVectorLanczosRecoversMultiplicityFifteenByProbing() {
        Graph g = Fixtures.hypercube(6);
        Laplacian l = Laplacian.of(g, Normalization.COMBINATORIAL);
        int k = 22;
        EigenResult r = new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withBlockSize(1)
                .withNullSpace(nullSpace(g, Normalization.COMBINATORIAL))).smallest(LaplacianOperator.of(l), null,
                k);
        assertSound(r, SymmetricSparseMatrix.of(l), null, k);
        assertSameSubspace(r, Fixtures.denseReference(l.toDense(), null), k, null);
    }

    @Test
    void prebuiltInverseIsReusedAndGivesTheSameAnswer() {
        Graph g = Fixtures.grid(15, 11);
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(Laplacian.of(g, Normalization.COMBINATORIAL));
        ShiftInvertOperator inv = ShiftInvertOperator.of(a, null, -1e-2);
        DMatrixRMaj z = nullSpace(g, Normalization.COMBINATORIAL);
        EigenResult r1 = new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withInverse(inv)
                .withNullSpace(z)).smallest(SparseMatrixOperator.of(a), null, 6);
        EigenResult r2 = solver(z).smallest(SparseMatrixOperator.of(a), null, 6);
        assertSound(r1, a, null, 6);
        for (int i = 0; i < 6; i++) {
            assertEquals(r2.eigenvalue(i), r1.eigenvalue(i), 1e-12);
        }
        assertTrue(r1.solver().contains("sigma=-0.01"), r1.solver());
    }

    @Test
    void matrixFreeOperatorIsRejectedWithAHint() {
        Laplacian l = Laplacian.of(Fixtures.path(20), Normalization.COMBINATORIAL);
        SymmetricOperator free = SymmetricOperator.of(20, l::multiply);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> solver(null).smallest(free, null, 3));
        assertTrue(e.getMessage().contains("Lobpcg"), e.getMessage());
    }

    @Test
    void indefiniteShiftIsReportedWithTheShift() {
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(Laplacian.of(Fixtures.path(20), Normalization.COMBINATORIAL));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withShift(0.5))
                        .smallest(SparseMatrixOperator.of(a), null, 3));
        assertTrue(e.getMessage().contains("sigma = 0.5"), e.getMessage());
    }
}
