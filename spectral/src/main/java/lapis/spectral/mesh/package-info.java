/**
 * Spectra of the discrete Laplace-Beltrami operator of a triangle mesh: the generalised problem L v = lambda M v
 * of {@link lapis.graph.mesh.MeshLaplacian} (cotangent stiffness L, lumped mass M; Pinkall and Polthier 1993,
 * Meyer, Desbrun, Schroeder and Barr 2003). {@link lapis.spectral.mesh.MeshSpectrum} gives its null space in
 * closed form, its operators as the sparse solvers of {@code lapis.spectral.sparse} take them, and an exact dense
 * solve for small meshes.
 */
package lapis.spectral.mesh;
