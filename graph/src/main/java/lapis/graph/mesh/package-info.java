/**
 * Triangle meshes and their Laplace-Beltrami operator: {@link lapis.graph.mesh.TriangleMesh}, the cotangent
 * stiffness matrix with a lumped mass ({@link lapis.graph.mesh.CotangentLaplacian}, Pinkall and Polthier 1993;
 * mixed Voronoi areas of Meyer, Desbrun, Schroeder and Barr 2003), assembled into a
 * {@link lapis.graph.SymmetricSparseMatrix}. File readers for meshes live in {@code lapis.datasets.mesh}.
 */
package lapis.graph.mesh;
