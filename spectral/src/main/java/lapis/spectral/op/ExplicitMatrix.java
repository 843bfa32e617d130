package lapis.spectral.op;

import lapis.graph.SymmetricSparseMatrix;
import lapis.spectral.SymmetricOperator;

/**
 * An operator y = A x that also has A as an explicit symmetric sparse matrix, so a solver may factorise it
 * (shift-invert Lanczos) or bound its norm by row sums instead of estimating it from products. Solvers ask for
 * this capability; they never downcast to a concrete operator class.
 */
public interface ExplicitMatrix extends SymmetricOperator {

    /** The matrix A, for factorisations; may be a copy (then O(nnz)), so call it once per solve. */
    SymmetricSparseMatrix matrix();

    /** ||A||_inf = max_i sum_j |a_ij|, an upper bound on ||A||_2; 0 for size 0. O(nnz). */
    double normInf();
}
