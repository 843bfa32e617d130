/**
 * Image manifolds as labelled point sets: the 8x8 digits (R^64) and the MNIST and Fashion-MNIST test sets (R^784),
 * for the learned-basis clustering experiments (methods.md section 5).
 */
package lapis.datasets.images;
