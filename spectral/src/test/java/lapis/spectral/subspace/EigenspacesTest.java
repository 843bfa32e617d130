package lapis.spectral.subspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import lapis.graph.KnownSpectra;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.dense.SymmetricEigen;
import org.junit.jupiter.api.Test;

class EigenspacesTest {

    private static double[] spectrum(KnownSpectra.Case c) {
        return SymmetricEigen.eigenvalues(Laplacian.of(c.graph(), c.normalization()).toDense());
    }

    @Test
    void hypercubeMultiplicitiesAreBinomial() {
        for (Normalization kind : new Normalization[] {Normalization.COMBINATORIAL, Normalization.SYMMETRIC}) {
            Eigenspaces s = Eigenspaces.of(spectrum(KnownSpectra.hypercube(6, kind)));
            assertArrayEquals(new int[] {1, 6, 15, 20, 15, 6, 1}, s.multiplicities(), kind.toString());
            double unit = kind == Normalization.COMBINATORIAL ? 2 : 2.0 / 6;
            for (int g = 0; g < s.count(); g++) {
                assertEquals(g * unit, s.group(g).value(), 1e-12);
                if (g + 1 < s.count()) {
                    assertEquals(unit, s.gap(g), 1e-12);
                }
            }
        }
    }

    @Test
    void petersenAndCycleMultiplicities() {
        Eigenspaces p = Eigenspaces.of(spectrum(KnownSpectra.petersen(Normalization.COMBINATORIAL)));
        assertArrayEquals(new int[] {1, 5, 4}, p.multiplicities());
        assertArrayEquals(new double[] {2, 3}, p.gaps(), 1e-12);
        Eigenspaces c = Eigenspaces.of(spectrum(KnownSpectra.cycle(10, Normalization.COMBINATORIAL)));
        assertArrayEquals(new int[] {1, 2, 2, 2, 2, 1}, c.multiplicities());
        Eigenspaces union = Eigenspaces.of(spectrum(KnownSpectra.union("3 components",
                KnownSpectra.path(4, Normalization.COMBINATORIAL), KnownSpectra.complete(3, Normalization.COMBINATORIAL),
                KnownSpectra.star(4, Normalization.COMBINATORIAL))));
        assertEquals(3, union.group(0).multiplicity(), "one zero eigenvalue per component");
        assertEquals(0, union.group(0).first());
        assertEquals(3, union.group(0).end());
    }

    @Test
    void groupingDoesNotChangeWhenTheSpectrumIsScaled() {
        double[] values = spectrum(KnownSpectra.hypercube(5, Normalization.COMBINATORIAL));
        int[] base = Eigenspaces.of(values).multiplicities();
        for (double f : new double[] {1e-9, 1e-3, 1e6, 1e12}) {
            double[] scaled = Arrays.stream(values).map(x -> x * f).toArray();
            assertArrayEquals(base, Eigenspaces.of(scaled).multiplicities(), "scale " + f);
        }
    }

    @Test
    void theRuleIsTheDocumentedChainWithAnAbsoluteFloor() {
        double[] nullSpaceNoise = {-3e-16, 1e-17, 4e-16, 0.5, 0.5 + 4e-9, 0.5 + 8e-9, 0.7};
        Eigenspaces s = Eigenspaces.of(nullSpaceNoise);
        assertArrayEquals(new int[] {3, 3, 1}, s.multiplicities(), "chained within 1e-8 relative");
        assertEquals(0.5 - 4e-16, s.gap(0), 1e-15);
        assertEquals(0.2 - 8e-9, s.gap(1), 1e-15);
        assertEquals(1, s.groupOf(4));
        assertEquals(0.5 + 4e-9, s.group(1).value(), 1e-16);
        assertEquals(8e-9, s.group(1).spread(), 1e-16);

        Eigenspaces explicit = Eigenspaces.of(new double[] {0, 0.05, 0.2, 10, 10.5}, 0.06, 0.1);
        assertArrayEquals(new int[] {2, 1, 2}, explicit.multiplicities(),
                "0.05 <= floor 0.1; 0.15 > 0.1; 9.8 > 0.06 * 10; 0.5 <= 0.06 * 10.5");
        assertArrayEquals(new double[] {0.15, 9.8}, explicit.gaps(), 1e-12);
        assertArrayEquals(new int[] {1, 1}, Eigenspaces.of(new double[] {0, 1e-9}, 0, 0).multiplicities());
        assertArrayEquals(new int[] {2}, Eigenspaces.of(new double[] {0, 0}).multiplicities());
        assertEquals(0, Eigenspaces.of(new double[0]).count());
    }

    @Test
    void refusesUnsortedOrNonFiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> Eigenspaces.of(new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> Eigenspaces.of(new double[] {0, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Eigenspaces.of(new double[] {0}, -1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Eigenspaces.of(new double[] {0, 1}).gap(1));
    }
}
