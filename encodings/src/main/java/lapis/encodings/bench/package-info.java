/** Measured workloads of the encodings: {@link lapis.encodings.bench.SpeBenchmark}, training steps against the
 *  PyTorch SPE peer. */
package lapis.encodings.bench;
