/**
 * Learned spectral bases: from points alone, K functions that behave like the first K Laplace-Beltrami
 * eigenfunctions of the manifold they were sampled from, with their eigenvalues and the sampling density, learned
 * by a coordinate network from probe functions without an eigensolver (Velich et al., "Learning Eigenstructures of
 * Unstructured Data Manifolds", CVPR 2026, arXiv 2512.01103).
 *
 * <p>The pieces, one class each: {@link lapis.bases.CoordinateNetwork} (Fourier features and an MLP,
 * f : R^D -&gt; R^K), the probe families {@link lapis.bases.DiffusionProbes} and {@link lapis.bases.FourierProbes}
 * behind {@link lapis.bases.ProbeDistribution}, the {@link lapis.bases.NestedProjectionLoss}, the
 * {@link lapis.bases.SpectralBasisTrainer}, the read-back of eigenvalues and density in
 * {@link lapis.bases.SpectrumReadout}, the immutable result {@link lapis.bases.LearnedBasis}, and the comparison with a
 * reference basis in {@link lapis.bases.BasisComparison}.
 */
package lapis.bases;
