package lapis.spectral.dense;

import java.util.Arrays;
import lapis.spectral.EigenResult;
import lapis.spectral.SymmetricEigensolver;
import lapis.spectral.SymmetricEigensolverContract;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The dense solver against the shared battery: all n pairs at 1e-12 relative accuracy on the closed-form spectra,
 * and the k smallest of its n pairs on the fixtures; it is direct, so the iterative solvers' clauses are skipped.
 */
class SymmetricEigenContractTest extends SymmetricEigensolverContract {
    @Override
    protected SymmetricEigensolver solver(DMatrixRMaj nullSpace) {
        return (a, mass, k) -> {
            if (mass != null) {
                throw new IllegalArgumentException("the dense solver takes the standard problem only");
            }
            EigenResult all = SymmetricEigen.of(a);
            if (k == all.count()) {
                return all;
            }
            double[] values = Arrays.copyOf(all.eigenvalues(), k);
            double[] residuals = Arrays.copyOf(all.residualNorms(), k);
            return new EigenResult(values, CommonOps_DDRM.extract(all.eigenvectors(null), 0, a.size(), 0, k),
                    residuals, all.iterations(), all.operatorApplications(), all.wallTime(), all.converged(),
                    all.solver());
        };
    }

    @Override
    protected boolean iterative() {
        return false;
    }

    @Override
    protected double tolerance() {
        return 1e-12;
    }
}
