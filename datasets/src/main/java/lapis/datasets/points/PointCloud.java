package lapis.datasets.points;

import java.util.Arrays;
import java.util.Objects;

/**
 * n points in R^d, row-major, with the density they were sampled from when it is known. Arrays are copied in and
 * out.
 *
 * @param dimension d, the ambient dimension
 * @param coordinates n x d, row-major
 * @param density per point, the sampling density with respect to the Riemannian volume (length, area) of the
 *     manifold, integrating to 1 over it; null when unknown (points read from a file)
 */
public record PointCloud(int dimension, double[] coordinates, double[] density) {

    /** @throws IllegalArgumentException for a bad dimension, mismatched lengths or a coordinate not finite */
    public PointCloud {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        Objects.requireNonNull(coordinates, "coordinates");
        if (coordinates.length % dimension != 0) {
            throw new IllegalArgumentException(coordinates.length + " coordinates are not a whole number of points"
                    + " of dimension " + dimension);
        }
        coordinates = coordinates.clone();
        for (int k = 0; k < coordinates.length; k++) {
            if (!Double.isFinite(coordinates[k])) {
                throw new IllegalArgumentException("point " + k / dimension + " has coordinate " + k % dimension
                        + " = " + coordinates[k]);
            }
        }
        if (density != null) {
            if (density.length != coordinates.length / dimension) {
                throw new IllegalArgumentException(density.length + " densities for "
                        + coordinates.length / dimension + " points");
            }
            density = density.clone();
        }
    }

    /** Number of points n. */
    public int size() {
        return coordinates.length / dimension;
    }

    /** Coordinate {@code axis} of point i. */
    public double coordinate(int i, int axis) {
        return coordinates[i * dimension + axis];
    }

    /** A copy of point i. */
    public double[] point(int i) {
        return Arrays.copyOfRange(coordinates, i * dimension, (i + 1) * dimension);
    }

    /** True when the sampling density is known. */
    public boolean hasDensity() {
        return density != null;
    }

    /** The sampling density at point i. @throws IllegalStateException when unknown */
    public double density(int i) {
        if (density == null) {
            throw new IllegalStateException("the density of this point cloud is unknown");
        }
        return density[i];
    }

    @Override
    public double[] coordinates() {
        return coordinates.clone();
    }

    @Override
    public double[] density() {
        return density == null ? null : density.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointCloud p && dimension == p.dimension && Arrays.equals(coordinates, p.coordinates)
                && Arrays.equals(density, p.density);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(coordinates) + Arrays.hashCode(density);
    }

    @Override
    public String toString() {
        return "PointCloud[n=" + size() + ", d=" + dimension + (density == null ? "" : ", density known") + "]";
    }
}
