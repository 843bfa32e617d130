package lapis.spectral.op;

import lapis.graph.SymmetricSparseMatrix;
import lapis.spectral.SymmetricOperator;

/**
 * A symmetric positive definite operator T that approximates (A - sigma B)^-1 near the wanted end of the
 * spectrum; preconditioned eigensolvers (LOBPCG) apply it to residuals. Implementations: {@link #jacobi},
 * {@link IncompleteCholesky} and the exact {@link ShiftInvertOperator}.
 */
public interface Preconditioner extends SymmetricOperator {

    /**
     * Jacobi: T = diag(a_ii - shift)^-1, where a diagonal entry that is not positive after the shift (an isolated
     * vertex of a combinatorial Laplacian with shift 0) is treated as 1. O(n) to build and to apply.
     *
     * @param shift subtracted from the diagonal (pass the eigensolver's sigma, usually 0 or slightly negative)
     */
    static Preconditioner jacobi(SymmetricSparseMatrix a, double shift) {
        double[] d = a.diagonal();
        double[] inv = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            double v = d[i] - shift;
            inv[i] = v > 0 ? 1.0 / v : 1.0;
        }
        return new Preconditioner() {
            @Override
            public int size() {
                return inv.length;
            }

            @Override
            public void apply(double[] x, double[] y) {
                for (int i = 0; i < inv.length; i++) {
                    y[i] = inv[i] * x[i];
                }
            }
        };
    }
}
