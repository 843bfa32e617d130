package lapis.spectral.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.graph.SymmetricSparseMatrix;
import lapis.spectral.Fixtures;
import org.junit.jupiter.api.Test;

class ApproximateMinimumDegreeTest {

    /**
     * SuperLU's multiple minimum degree (scipy splu, permc_spec MMD_AT_PLUS_A, symmetric mode) gives nnz(L) =
     * 54,215 on the 60 x 60 grid; the natural order gives 216,059 (the envelope).
     */
    @Test
    void fillOnA2dGridIsCloseToMultipleMinimumDegree() {
        int m = 60;
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(Laplacian.of(Fixtures.grid(m, m),
                Normalization.COMBINATORIAL));
        long fill = SymbolicFill.fill(a, ApproximateMinimumDegree.order(a));
        assertTrue(fill < 1.15 * 54215, "fill " + fill);
    }

    @Test
    void fillOnAHypercubeBeatsTheNaturalOrder() {
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(Laplacian.of(Fixtures.hypercube(8),
                Normalization.COMBINATORIAL));
        int[] natural = new int[a.size()];
        java.util.Arrays.setAll(natural, i -> i);
        long amd = SymbolicFill.fill(a, ApproximateMinimumDegree.order(a));
        long nat = SymbolicFill.fill(a, natural);
        assertTrue(amd < nat, amd + " vs " + nat);
    }
}
