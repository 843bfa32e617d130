/**
 * Positional and structural encodings of graph nodes (methods.md sections 3-4): the {@link
 * lapis.encodings.NodeEncoding} interface, the batch it reads ({@link lapis.encodings.EncodingBatch}) and the
 * Laplacian spectra it needs ({@link lapis.encodings.Spectrum}). Fixed encodings are in {@code fixed} (LapPE,
 * RWSE), learned ones in {@code learned} (SignNet, SPE, PEARL), the ZINC experiment in {@code train}. PyG-style
 * transforms ({@link lapis.encodings.GraphTransform} on a {@link lapis.encodings.GraphData}) are in {@code transform}.
 */
package lapis.encodings;
