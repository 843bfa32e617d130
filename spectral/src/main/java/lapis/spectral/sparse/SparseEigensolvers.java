package lapis.spectral.sparse;

import java.util.Objects;
import lapis.spectral.SymmetricEigensolver;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.op.ExplicitMatrix;
import lapis.spectral.op.Preconditioner;
import org.ejml.data.DMatrixRMaj;

/** The default choice of sparse eigensolver for a problem. Stateless. */
public final class SparseEigensolvers {
    private SparseEigensolvers() {
    }

    /**
     * The recommended solver for the k smallest pairs of A v = lambda B v: {@link ThickRestartLanczos} in
     * shift-invert mode when A (and B, if given) are an {@link ExplicitMatrix}, which it can factor; otherwise
     * {@link Lobpcg}, preconditioned by Jacobi when A is an explicit matrix and unpreconditioned when it is
     * matrix-free.
     *
     * @param tolerance the relative residual tolerance of the solvers' convergence test
     * @param nullSpace a basis of the known null space of A to deflate, or null
     */
    public static SymmetricEigensolver recommended(SymmetricOperator a, SymmetricOperator mass, double tolerance,
            DMatrixRMaj nullSpace) {
        Objects.requireNonNull(a, "a");
        boolean factorable = a instanceof ExplicitMatrix && (mass == null || mass instanceof ExplicitMatrix);
        if (factorable) {
            return new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withTolerance(tolerance)
                    .withNullSpace(nullSpace));
        }
        Lobpcg.Options options = Lobpcg.Options.defaults().withTolerance(tolerance).withNullSpace(nullSpace);
        if (a instanceof ExplicitMatrix explicit) {
            options = options.withPreconditioner(Preconditioner.jacobi(explicit.matrix(), 0.0));
        }
        return new Lobpcg(options);
    }
}
