/**
 * Sparse symmetric linear algebra for the eigensolvers, on a {@link lapis.graph.SymmetricSparseMatrix} (CSR, both
 * triangles): the fill-reducing {@link lapis.spectral.linalg.ApproximateMinimumDegree} ordering (Amestoy,
 * Davis and Duff, SIAM J. Matrix Anal. Appl. 17(4), 1996) and the exact supernodal multifrontal
 * {@link lapis.spectral.linalg.SparseCholesky} (Liu, SIAM Review 34(1), 1992; Davis, Direct Methods for Sparse
 * Linear Systems, SIAM 2006) with single and block solves. Its {@link lapis.spectral.linalg.SymbolicCholesky}
 * analysis depends on the pattern only and factors new values of that pattern without re-analysis.
 */
package lapis.spectral.linalg;
