/**
 * Seeded samplers of points on manifolds whose Laplace-Beltrami spectrum is known in closed form (sphere, circle,
 * flat torus, Swiss roll) or whose density is known (the tilted sphere, the torus of revolution), for testing
 * learned spectral bases and density estimates (methods.md sections 1 and 5).
 */
package lapis.datasets.points;
