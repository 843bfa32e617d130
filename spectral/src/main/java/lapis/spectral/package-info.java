/**
 * Eigensolvers for symmetric operators: the {@link lapis.spectral.SymmetricOperator} they act through, the
 * immutable {@link lapis.spectral.EigenResult} they return with its evidence (residuals, iterations, converged),
 * and {@link lapis.spectral.NotConvergedException}. Solvers see only operators, never graphs or matrix classes;
 * {@link lapis.spectral.Spectra} is the one entry point from a graph to its Laplacian's k smallest eigenpairs.
 */
package lapis.spectral;
