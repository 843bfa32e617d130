/**
 * Comparing eigenvectors: {@link lapis.spectral.subspace.Eigenspaces} groups computed eigenvalues into eigenspaces
 * by a documented tolerance and reports multiplicities and gaps; {@link lapis.spectral.subspace.Subspaces} gives
 * principal angles (Knyazev and Argentati 2002), projector distances, sign alignment and orthogonal Procrustes
 * alignment (Schoenemann 1966), per eigenspace when eigenvalues repeat;
 * {@link lapis.spectral.subspace.EigenspaceComparison} measures how far a perturbation moves each eigenspace, next to
 * its eigengap.
 */
package lapis.spectral.subspace;
