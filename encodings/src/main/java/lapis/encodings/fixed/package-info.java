/**
 * Fixed node encodings, computed from the graph without parameters: Laplacian eigenvectors ({@link
 * lapis.encodings.fixed.LapPe}) and random-walk return probabilities ({@link lapis.encodings.fixed.Rwse}).
 */
package lapis.encodings.fixed;
