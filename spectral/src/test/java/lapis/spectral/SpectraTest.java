package lapis.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lapis.graph.Graph;
import lapis.graph.KnownSpectra;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.subspace.Eigenspaces;
import lapis.spectral.subspace.Subspaces;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SpectraTest {
    private static final Spectra.Options DENSE = Spectra.Options.defaults().withDenseLimit(Integer.MAX_VALUE);
    private static final Spectra.Options SPARSE = Spectra.Options.defaults().withDenseLimit(0);

    private static List<KnownSpectra.Case> cases() {
        return List.of(KnownSpectra.path(40, Normalization.COMBINATORIAL), KnownSpectra.path(40, Normalization.SYMMETRIC),
                KnownSpectra.cycle(30, Normalization.COMBINATORIAL), KnownSpectra.cycle(30, Normalization.SYMMETRIC),
                KnownSpectra.complete(20, Normalization.COMBINATORIAL), KnownSpectra.complete(20, Normalization.SYMMETRIC),
                KnownSpectra.union("cycle 12 + complete 8 + path 10", KnownSpectra.cycle(12, Normalization.COMBINATORIAL),
                        KnownSpectra.complete(8, Normalization.COMBINATORIAL),
                        KnownSpectra.path(10, Normalization.COMBINATORIAL)),
                KnownSpectra.union("cycle 12 + complete 8 + path 10", KnownSpectra.cycle(12, Normalization.SYMMETRIC),
                        KnownSpectra.complete(8, Normalization.SYMMETRIC), KnownSpectra.path(10, Normalization.SYMMETRIC)),
                KnownSpectra.triangleWithIsolatedVertex(Normalization.COMBINATORIAL));
    }

    /** Both routes give the closed-form eigenvalues, small residuals, orthonormal vectors and the same subspaces. */
    @Test
    void bothRoutesGiveTheClosedFormSpectraAndAgree() {
        for (KnownSpectra.Case c : cases()) {
            int n = c.graph().vertexCount();
            int k = Math.min(8, n / 2);
            EigenResult d = Spectra.smallest(c.graph(), c.normalization(), k, DENSE);
            EigenResult s = Spectra.smallest(c.graph(), c.normalization(), k, SPARSE).orThrow();
            assertTrue(s.solver().contains("Lanczos"), s.solver());
            assertTrue(d.solver().contains("dense"), d.solver());
            Laplacian l = Laplacian.of(c.graph(), c.normalization());
            for (EigenResult r : List.of(d, s)) {
                assertEquals(k, r.count());
                for (int i = 0; i < k; i++) {
                    assertEquals(c.eigenvalues()[i], r.eigenvalue(i), 1e-9, c + " " + r.solver() + " pair " + i);
                }
                DMatrixRMaj v = r.eigenvectors(null);
                DMatrixRMaj gram = new DMatrixRMaj(k, k);
                CommonOps_DDRM.multTransA(v, v, gram);
                assertTrue(maxDiff(gram, CommonOps_DDRM.identity(k)) < 1e-9,
                        c + " orthonormal");
                DMatrixRMaj lv = l.multiply(v, null);
                for (int i = 0; i < k; i++) {
                    double res = 0;
                    for (int row = 0; row < n; row++) {
                        double e = lv.get(row, i) - r.eigenvalue(i) * v.get(row, i);
                        res += e * e;
                    }
                    assertEquals(Math.sqrt(res), r.residualNorm(i), 1e-9);
                    assertTrue(r.residualNorm(i) < 1e-8, c + " residual " + r.residualNorm(i));
                }
            }
            // compare by eigenspace, dropping a group the k-th pair may cut
            Eigenspaces spaces = Eigenspaces.of(d);
            int complete = spaces.groupOf(k - 1) == spaces.count() - 1 ? spaces.group(spaces.count() - 1).first() : k;
            if (complete > 0) {
                DMatrixRMaj vd = CommonOps_DDRM.extract(d.eigenvectors(null), 0, n, 0, complete);
                DMatrixRMaj vs = CommonOps_DDRM.extract(s.eigenvectors(null), 0, n, 0, complete);
                assertTrue(Subspaces.projectorDistance(vd, vs) < 1e-7, c + " subspaces");
            }
        }
    }

    /** Several components: the first c pairs are the closed-form null space on both routes, exactly. */
    @Test
    void theNullSpaceIsTheComponentIndicatorsOnBothRoutes() {
        KnownSpectra.Case c = KnownSpectra.union("cycle 6 + complete 4 + path 5",
                KnownSpectra.cycle(6, Normalization.COMBINATORIAL), KnownSpectra.complete(4, Normalization.COMBINATORIAL),
                KnownSpectra.path(5, Normalization.COMBINATORIAL));
        Graph g = c.graph();
        for (Spectra.Options o : List.of(DENSE, SPARSE)) {
            EigenResult r = Spectra.smallest(g, Normalization.COMBINATORIAL, 5, o);
            DMatrixRMaj v = r.eigenvectors(null);
            int[] starts = {0, 6, 10, 15};
            for (int comp = 0; comp < 3; comp++) {
                assertEquals(0.0, r.eigenvalue(comp));
                double size = starts[comp + 1] - starts[comp];
                for (int i = 0; i < 15; i++) {
                    boolean inside = i >= starts[comp] && i < starts[comp + 1];
                    assertEquals(inside ? 1 / Math.sqrt(size) : 0, v.get(i, comp), 1e-15);
                }
            }
            assertTrue(r.eigenvalue(3) > 0.1);
        }
    }

    /** L_rw: the eigenvalues of L_sym, right eigenvectors u = D^-1/2 v with u^T D u = I and honest residuals. */
    @Test
    void randomWalkPairsAreRightEigenvectorsOrthonormalInTheDegreeProduct() {
        KnownSpectra.Case c = KnownSpectra.union("path 9 + star 6", KnownSpectra.path(9, Normalization.SYMMETRIC),
                KnownSpectra.star(6, Normalization.SYMMETRIC));
        Laplacian rw = Laplacian.of(c.graph(), Normalization.RANDOM_WALK);
        double[] deg = rw.degrees();
        for (Spectra.Options o : List.of(DENSE, SPARSE)) {
            EigenResult r = Spectra.smallest(c.graph(), Normalization.RANDOM_WALK, 6, o);
            DMatrixRMaj u = r.eigenvectors(null);
            DMatrixRMaj lu = rw.multiply(u, null);
            for (int a = 0; a < 6; a++) {
                assertEquals(c.eigenvalues()[a], r.eigenvalue(a), 1e-9);
                assertTrue(r.residualNorm(a) < 1e-8);
                double res = 0;
                for (int i = 0; i < u.numRows; i++) {
                    double e = lu.get(i, a) - r.eigenvalue(a) * u.get(i, a);
                    res += e * e;
                }
                assertEquals(Math.sqrt(res), r.residualNorm(a), 1e-12);
                for (int b = 0; b < 6; b++) {
                    double dot = 0;
                    for (int i = 0; i < u.numRows; i++) {
                        dot += u.get(i, a) * deg[i] * u.get(i, b);
                    }
                    assertEquals(a == b ? 1 : 0, dot, 1e-9);
                }
            }
        }
    }

    @Test
    void kOutOfRangeIsRefusedNamingIt() {
        Graph g = KnownSpectra.path(5, Normalization.COMBINATORIAL).graph();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Spectra.smallest(g, Normalization.SYMMETRIC, 6));
        assertTrue(e.getMessage().contains("n = 5") && e.getMessage().contains("6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Spectra.Options.defaults().withTolerance(Double.NaN));
    }

    private static double maxDiff(DMatrixRMaj a, DMatrixRMaj b) {
        double m = 0;
        for (int i = 0; i < a.data.length; i++) {
            m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
        }
        return m;
    }
}
