/**
 * Operators the solvers act through: {@link lapis.spectral.op.LaplacianOperator} (a graph Laplacian, not copied),
 * {@link lapis.spectral.op.SparseMatrixOperator} (a {@link lapis.graph.SymmetricSparseMatrix}, not copied), both
 * {@link lapis.spectral.op.ExplicitMatrix} (the capability solvers ask for to factorise or bound the norm),
 * {@link lapis.spectral.op.ShiftInvertOperator} ((A - sigma B)^-1 through one sparse Cholesky factorisation, as in
 * ARPACK's shift-invert mode; Ericsson and Ruhe, Math. Comp. 35, 1980) and the
 * {@link lapis.spectral.op.Preconditioner}s: Jacobi, {@link lapis.spectral.op.IncompleteCholesky} IC(0) (Meijerink
 * and van der Vorst, Math. Comp. 31, 1977) and the exact shift-invert.
 */
package lapis.spectral.op;
