/**
 * The k smallest eigenpairs of large sparse symmetric problems A v = lambda B v.
 *
 * <p>{@link lapis.spectral.sparse.ThickRestartLanczos}: thick-restart block Lanczos in shift-invert mode (Wu and
 * Simon, SIAM J. Matrix Anal. Appl. 22(2), 2000; Stewart's Krylov-Schur, SIAM J. Matrix Anal. Appl. 23(3), 2002),
 * with locking, null-space deflation and block widening for multiplicities above the block size. It is the
 * default whenever A (and B) are explicit sparse matrices that can be factored: on the 300 x 300 grid (k = 20)
 * and the 50,000-point sphere kNN graph (k = 50) it needs 112 and 216 solves (ARPACK: 94 and 179) and, measured
 * side by side on a shared 2-core machine, takes 0.6 to 0.9 and 0.3 to 0.5 of the time of scipy's ARPACK
 * shift-invert (bench/README.md).
 *
 * <p>{@link lapis.spectral.sparse.Lobpcg}: LOBPCG (Knyazev, SIAM J. Sci. Comput. 23(2), 2001) with an
 * explicitly B-orthonormal basis (Hetmaniuk and Lehoucq 2006; Duersch et al. 2018), soft locking and an optional
 * preconditioner. It is the choice for matrix-free operators, and with a good preconditioner when a factorisation
 * does not fit in memory; where a factorisation exists it is several times slower than shift-invert Lanczos
 * (block size about 1.2 k and O(n m^2) dense work per iteration).
 *
 * <p>{@link lapis.spectral.sparse.SparseEigensolvers#recommended} picks between them;
 * {@code lapis bench sparse} (the bench module) times them the way the peer scripts time scipy.
 */
package lapis.spectral.sparse;
