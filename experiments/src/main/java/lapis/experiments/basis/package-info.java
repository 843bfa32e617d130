/**
 * The learned-basis experiment of {@code lapis basis}: train a basis on a point set
 * ({@link lapis.experiments.basis.BasisRun}) and score it against the references that the point set has
 * ({@link lapis.experiments.basis.BasisReferences}: spherical harmonics, the cotangent Laplacian of a mesh, the
 * eigenvectors of the kNN route). Nothing here prints; the metrics come back as a map for JSON.
 */
package lapis.experiments.basis;
