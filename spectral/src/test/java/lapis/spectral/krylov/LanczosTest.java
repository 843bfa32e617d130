package lapis.spectral.krylov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import lapis.graph.KnownSpectra;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.Fixtures;
import lapis.spectral.SymmetricOperator;
import org.junit.jupiter.api.Test;

class LanczosTest {

    private static SymmetricOperator operator(Laplacian l) {
        return SymmetricOperator.of(l.size(), l::multiply);
    }

    private static double[] gaussian(int n, long seed) {
        return new Random(seed).doubles(n).map(x -> x - 0.5).toArray();
    }

    /** n reorthogonalised steps on the path P_n: the Ritz values are the whole spectrum 2 - 2 cos(pi k / n). */
    @Test
    void fullRunOnThePathGivesTheClosedFormSpectrum() {
        int n = 20;
        Laplacian l = Laplacian.of(Fixtures.path(n), Normalization.COMBINATORIAL);
        Tridiagonal t = Lanczos.run(operator(l), gaussian(n, 1), n, true);
        assertEquals(n, t.steps());
        double[] theta = t.ritz().values();
        for (int k = 0; k < n; k++) {
            assertEquals(2 - 2 * Math.cos(Math.PI * k / n), theta[k], 1e-10, "Ritz value " + k);
        }
        assertEquals(2 - 2 * Math.cos(Math.PI * (n - 1) / n), t.largestAbsRitzValue(), 1e-10, "||L||_2");
        double[][] rule = t.gaussRule();
        assertEquals(1.0, Arrays.stream(rule[1]).sum(), 1e-12);
        double[] interval = t.ritzInterval();
        assertTrue(interval[0] <= theta[0] && interval[1] >= theta[n - 1]);
    }

    /** K_7 has two eigenvalues (0 and 7): Lanczos breaks down after two steps, and the Ritz values are exact. */
    @Test
    void stopsAtAnInvariantSubspaceWithExactRitzValues() {
        KnownSpectra.Case c = KnownSpectra.complete(7, Normalization.COMBINATORIAL);
        Laplacian l = Laplacian.of(c.graph(), c.normalization());
        Tridiagonal t = Lanczos.run(operator(l), gaussian(7, 2), 7, false);
        assertEquals(2, t.steps());
        assertEquals(0.0, t.beta()[1], 0.0);
        assertEquals(0.0, t.ritz().values()[0], 1e-12);
        assertEquals(7.0, t.ritz().values()[1], 1e-12);
        double[] interval = t.ritzInterval();
        assertEquals(0.0, interval[0], 1e-12);
        assertEquals(7.0, interval[1], 1e-12);
    }

    @Test
    void rejectsAZeroOrMisSizedStart() {
        SymmetricOperator a = operator(Laplacian.of(Fixtures.path(5), Normalization.COMBINATORIAL));
        assertThrows(IllegalArgumentException.class, () -> Lanczos.run(a, new double[5], 3, true));
        assertThrows(IllegalArgumentException.class, () -> Lanczos.run(a, new double[4], 3, true));
    }
}
