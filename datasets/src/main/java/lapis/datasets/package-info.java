/**
 * Lapis datasets: molecules from SMILES ({@code molecules}, with the ZINC 12k benchmark), point clouds with known
 * Laplace-Beltrami spectra ({@code points}), mesh files ({@code mesh}) and image manifolds ({@code images}).
 * Bad input raises {@link lapis.graph.io.GraphFormatException} naming the file, line and problem; long loads report
 * to a {@link lapis.datasets.ProgressListener}. The bundled data sits in the module's resources, each folder with a
 * SOURCES.md giving origin, licence and SHA-256 sums.
 */
package lapis.datasets;
