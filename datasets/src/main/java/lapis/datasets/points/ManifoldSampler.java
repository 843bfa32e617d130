package lapis.datasets.points;

import java.util.Optional;

/**
 * Draws seeded random points from a known distribution on a manifold embedded in R^d. The same (n, seed) gives
 * the same points on any machine ({@code java.util.SplittableRandom}).
 */
public interface ManifoldSampler {

    /**
     * n points with their density.
     *
     * @throws IllegalArgumentException if n &lt; 0
     */
    PointCloud sample(int n, long seed);

    /** The dimension d of the space the points live in. */
    int ambientDimension();

    /** The dimension of the manifold. */
    int intrinsicDimension();

    /** The Laplace-Beltrami eigenvalues in closed form, when known. */
    Optional<KnownSpectrum> spectrum();
}
