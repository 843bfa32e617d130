/**
 * Mesh and point files: readers for OFF, OBJ, PLY (ASCII and binary little-endian) and XYZ with errors that name
 * the file and line ({@link lapis.datasets.mesh.MeshReader}), writers for round trips
 * ({@link lapis.datasets.mesh.MeshWriter}) and the bundled meshes ({@link lapis.datasets.mesh.BundledMeshes}). The
 * cotangent Laplacian of a mesh is {@link lapis.graph.mesh.CotangentLaplacian}.
 */
package lapis.datasets.mesh;
