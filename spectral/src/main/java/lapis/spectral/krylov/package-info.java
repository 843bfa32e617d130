/**
 * The symmetric Lanczos process (Lanczos, J. Res. Nat. Bur. Standards 45, 1950) and its tridiagonal: one
 * {@link lapis.spectral.krylov.Lanczos} and one eigen-decomposition of {@link lapis.spectral.krylov.Tridiagonal},
 * shared by the density estimators (Gauss quadrature, spectral bounds) and the sparse solvers' norm estimate.
 */
package lapis.spectral.krylov;
