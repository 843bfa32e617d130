/**
 * PyG-style transforms on a {@link lapis.encodings.GraphData}, with PyG's names and defaults:
 * {@link lapis.encodings.transform.AddLaplacianEigenvectorPE} (eigenvectors from {@link lapis.spectral.Spectra},
 * dense or sparse by size) and {@link lapis.encodings.transform.AddRandomWalkPE} (return probabilities without an
 * n x n matrix), chained by {@link lapis.encodings.GraphTransform#then}. Each class says where it departs from PyG.
 */
package lapis.encodings.transform;
