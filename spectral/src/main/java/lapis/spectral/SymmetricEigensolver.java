package lapis.spectral;

/**
 * The k smallest eigenpairs of A v = lambda B v, with A symmetric and B symmetric positive definite (B = I when
 * {@code mass} is null). Implementations state their convergence test, what one iteration is and what they count
 * as an operator application; all return eigenvalues ascending with B-orthonormal eigenvectors and honest
 * residuals ||A v - lambda B v||_2, and flag (never hide) a failure to converge.
 */
public interface SymmetricEigensolver {

    /**
     * @param a the symmetric operator A
     * @param mass the symmetric positive definite B, or null for the standard problem
     * @param k how many of the smallest eigenpairs, 1 &lt;= k &lt;= n
     * @throws IllegalArgumentException if k is out of range or the sizes differ
     */
    EigenResult smallest(SymmetricOperator a, SymmetricOperator mass, int k);
}
