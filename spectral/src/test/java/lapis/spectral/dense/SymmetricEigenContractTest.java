package lapis.spectral.dense;

import lapis.spectral.EigenResult;
import lapis.spectral.SymmetricEigensolverContract;
import lapis.spectral.SymmetricOperator;

/** The dense solver against the shared battery: all n pairs, at 1e-12 relative accuracy. */
class SymmetricEigenContractTest extends SymmetricEigensolverContract {
    @Override
    protected EigenResult smallest(SymmetricOperator a, int k) {
        EigenResult all = SymmetricEigen.of(a);
        if (k != all.count()) {
            throw new IllegalArgumentException("the dense solver returns all " + all.count() + " pairs, not " + k);
        }
        return all;
    }

    @Override
    protected double tolerance() {
        return 1e-12;
    }
}
