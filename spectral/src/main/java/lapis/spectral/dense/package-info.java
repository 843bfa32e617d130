/**
 * All eigenpairs of dense symmetric matrices: {@link lapis.spectral.dense.SymmetricEigen} for one matrix,
 * {@link lapis.spectral.dense.BatchSymmetricEigen} (reusable workspaces, one per thread) and
 * {@link lapis.spectral.dense.ParallelSymmetricEigen} (ordered, streaming, multi-threaded) for many small ones, and
 * {@code lapis bench zinc-eigh} (the bench module), which times the ZINC-style workload. The method is Householder
 * tridiagonalisation and implicit QL with Wilkinson shifts (EISPACK tred2/tql2: Bowdler, Martin, Reinsch and
 * Wilkinson 1968; Wilkinson and Reinsch 1971).
 */
package lapis.spectral.dense;
