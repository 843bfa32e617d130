package lapis.spectral.sparse;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.graph.SymmetricSparseMatrix;
import lapis.spectral.Fixtures;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.op.LaplacianOperator;
import lapis.spectral.op.SparseMatrixOperator;
import org.junit.jupiter.api.Test;

class SparseEigensolversTest {

    @Test
    void factorableProblemsGetShiftInvertLanczosOthersLobpcg() {
        Laplacian l = Laplacian.of(Fixtures.path(10), Normalization.COMBINATORIAL);
        assertInstanceOf(ThickRestartLanczos.class, SparseEigensolvers.recommended(LaplacianOperator.of(l), null,
                1e-10, null));
        assertInstanceOf(ThickRestartLanczos.class, SparseEigensolvers.recommended(
                SparseMatrixOperator.of(SymmetricSparseMatrix.of(l)),
                SparseMatrixOperator.of(SymmetricSparseMatrix.identity(10)), 1e-10, null));
        SymmetricOperator free = SymmetricOperator.of(10, l::multiply);
        assertInstanceOf(Lobpcg.class, SparseEigensolvers.recommended(free, null, 1e-10, null));
        assertInstanceOf(Lobpcg.class, SparseEigensolvers.recommended(
                SparseMatrixOperator.of(SymmetricSparseMatrix.of(l)), free, 1e-10, null));
    }
}
