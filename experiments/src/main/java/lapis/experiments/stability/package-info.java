/**
 * The perturbation-stability measurements of point-cloud bases ({@link lapis.experiments.stability.PointStability}):
 * how far the eigenspaces of a kNN Laplacian, a learned basis or a cotangent Laplacian turn when the points are
 * perturbed, against the eigengap (Davis-Kahan). Nothing here prints or plots.
 */
package lapis.experiments.stability;
