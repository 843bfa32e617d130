/**
 * The point sets the experiments run on, named by one spec ({@link lapis.experiments.points.PointInput}): sampled
 * spheres, the bundled meshes, image manifolds and point files.
 */
package lapis.experiments.points;
