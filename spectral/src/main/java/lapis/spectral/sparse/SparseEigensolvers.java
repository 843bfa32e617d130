package lapis.spectral.sparse;

import java.util.Objects;
import lapis.graph.SymmetricSparseMatrix;
import lapis.spectral.SymmetricEigensolver;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.op.Preconditioner;
import org.ejml.data.DMatrixRMaj;

/** The default choice of sparse eigensolver for a problem. Stateless. */
public final class SparseEigensolvers {
    private SparseEigensolvers() {
    }

    /**
     * The recommended solver for the k smallest pairs of A v = lambda B v: {@link ThickRestartLanczos} in
     * shift-invert mode when A (and B, if given) are a {@link lapis.spectral.op.SparseMatrixOperator} or a
     * {@link lapis.spectral.op.LaplacianOperator}, which it can factor; otherwise {@link Lobpcg}, preconditioned by
     * Jacobi when A is an explicit matrix and unpreconditioned when it is matrix-free.
     *
     * @param tolerance the relative residual tolerance of the solvers' convergence test
     * @param nullSpace a basis of the known null space of A to deflate, or null
     */
    public static SymmetricEigensolver recommended(SymmetricOperator a, SymmetricOperator mass, double tolerance,
            DMatrixRMaj nullSpace) {
        Objects.requireNonNull(a, "a");
        SymmetricSparseMatrix am = Support.matrixOf(a);
        boolean factorable = am != null && (mass == null || Support.matrixOf(mass) != null);
        if (factorable) {
            return new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withTolerance(tolerance)
                    .withNullSpace(nullSpace));
        }
        Lobpcg.Options options = Lobpcg.Options.defaults().withTolerance(tolerance).withNullSpace(nullSpace);
        if (am != null) {
            options = options.withPreconditioner(Preconditioner.jacobi(am, 0.0));
        }
        return new Lobpcg(options);
    }
}
