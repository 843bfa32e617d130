package lapis.spectral.sparse;

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
import lapis.spectral.op.IncompleteCholesky;
import lapis.spectral.op.Preconditioner;
import lapis.spectral.op.ShiftInvertOperator;
import lapis.spectral.op.SparseMatrixOperator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LobpcgTest extends SymmetricEigensolverContract {

    @Override
    protected SymmetricEigensolver solver(DMatrixRMaj nullSpace) {
        return new Lobpcg(Lobpcg.Options.defaults().withTolerance(TOL).withNullSpace(nullSpace));
    }

    @Override
    protected SymmetricEigensolver limited(int maxIterations) {
        return new Lobpcg(Lobpcg.Options.defaults().withMaxIterations(maxIterations));
    }

    private static EigenResult run(Graph g, Preconditioner t) {
        Laplacian l = Laplacian.of(g, Normalization.COMBINATORIAL);
        return new Lobpcg(Lobpcg.Options.defaults().withPreconditioner(t)
                .withNullSpace(nullSpace(g, Normalization.COMBINATORIAL)))
                .smallest(SparseMatrixOperator.of(SymmetricSparseMatrix.of(l)), null, 6);
    }

    @Test
    void preconditionersCutTheIterationCount() {
        Graph g = Fixtures.grid(40, 40);
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(Laplacian.of(g, Normalization.COMBINATORIAL));
        EigenResult none = run(g, null);
        EigenResult ic = run(g, IncompleteCholesky.of(a, -1e-2));
        EigenResult exact = run(g, ShiftInvertOperator.of(a, null, -1e-2));
        for (EigenResult r : new EigenResult[] {none, ic, exact}) {
            assertSound(r, a, null, 6);
        }
        assertTrue(ic.iterations() < none.iterations(), ic.iterations() + " vs " + none.iterations());
        assertTrue(exact.iterations() < ic.iterations(), exact.iterations() + " vs " + ic.iterations());
    }

    @Test
    void matrixFreeOperatorWorks() {
        Graph g = Fixtures.cycle(30);
        Laplacian l = Laplacian.of(g, Normalization.COMBINATORIAL);
        SymmetricOperator free = SymmetricOperator.of(30, l::multiply);
        EigenResult r = new Lobpcg(Lobpcg.Options.defaults().withNullSpace(nullSpace(g, Normalization.COMBINATORIAL)))
                .smallest(free, null, 5);
        assertSound(r, SymmetricSparseMatrix.of(l), null, 5);
        assertSameSubspace(r, Fixtures.denseReference(l.toDense(), null), 5, null);
    }

    @Test
    void agreesWithLanczosBySubspace() {
        Graph g = Fixtures.randomWeighted(300, 500, 5);
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(Laplacian.of(g, Normalization.SYMMETRIC));
        DMatrixRMaj z = nullSpace(g, Normalization.SYMMETRIC);
        EigenResult lob = new Lobpcg(Lobpcg.Options.defaults().withNullSpace(z)
                .withPreconditioner(Preconditioner.jacobi(a, 0))).smallest(SparseMatrixOperator.of(a), null, 8);
        EigenResult lan = new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withNullSpace(z))
                .smallest(SparseMatrixOperator.of(a), null, 8);
        assertSound(lob, a, null, 8);
        assertSound(lan, a, null, 8);
        double[] cos = Fixtures.principalCosines(lob.eigenvectors(null), lan.eigenvectors(null), null);
        assertTrue(cos[cos.length - 1] > 1 - 1e-8, "smallest cosine " + cos[cos.length - 1]);
    }
}
