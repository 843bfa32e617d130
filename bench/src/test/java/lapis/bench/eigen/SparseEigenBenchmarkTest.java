package lapis.bench.eigen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lapis.graph.Graph;
import lapis.graph.KnownSpectra;
import lapis.graph.Normalization;
import org.junit.jupiter.api.Test;

class SparseEigenBenchmarkTest {

    @Test
    void benchmarkMeasuresAConvergedRunAgainstTheClosedForm() {
        KnownSpectra.Case grid = KnownSpectra.grid(30, 20);
        Graph g = grid.graph();
        for (SparseEigenBenchmark.Solver s : SparseEigenBenchmark.Solver.values()) {
            SparseEigenBenchmark.Measurement m = SparseEigenBenchmark.run(g, Normalization.COMBINATORIAL, 6, s,
                    1e-10, 2);
            assertTrue(m.converged(), m.solver());
            assertEquals(2, m.times().length);
            assertTrue(m.bestTime().compareTo(m.times()[0]) <= 0 && m.bestTime().compareTo(m.times()[1]) <= 0);
            assertTrue(m.relativeMaxResidual() <= 1e-10, m.solver() + " " + m.relativeMaxResidual());
            double[] exact = grid.eigenvalues();
            for (int i = 0; i < 6; i++) {
                assertEquals(exact[i], m.eigenvalues()[i], 1e-12);
            }
            assertTrue(m.applications() > 0 && m.iterations() > 0);
        }
        assertThrows(IllegalArgumentException.class, () -> SparseEigenBenchmark.run(g, Normalization.COMBINATORIAL,
                6, SparseEigenBenchmark.Solver.LANCZOS_SHIFT_INVERT, 1e-10, 0));
    }
}
