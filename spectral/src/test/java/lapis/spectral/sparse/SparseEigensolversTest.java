package lapis.spectral.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lapis.graph.Graph;
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

    @Test
    void benchmarkMeasuresAConvergedRunAgainstTheClosedForm() {
        Graph g = Fixtures.grid(30, 20);
        for (SparseEigenBenchmark.Solver s : SparseEigenBenchmark.Solver.values()) {
            SparseEigenBenchmark.Measurement m = SparseEigenBenchmark.run(g, Normalization.COMBINATORIAL, 6, s,
                    1e-10, 2);
            assertTrue(m.converged(), m.solver());
            assertEquals(2, m.times().length);
            assertTrue(m.bestTime().compareTo(m.times()[0]) <= 0 && m.bestTime().compareTo(m.times()[1]) <= 0);
            assertTrue(m.relativeMaxResidual() <= 1e-10, m.solver() + " " + m.relativeMaxResidual());
            double[] exact = Fixtures.gridSpectrum(30, 20);
            for (int i = 0; i < 6; i++) {
                assertEquals(exact[i], m.eigenvalues()[i], 1e-12);
            }
            assertTrue(m.applications() > 0 && m.iterations() > 0);
        }
        assertThrows(IllegalArgumentException.class, () -> SparseEigenBenchmark.run(g, Normalization.COMBINATORIAL,
                6, SparseEigenBenchmark.Solver.LANCZOS_SHIFT_INVERT, 1e-10, 0));
    }
}
