/**
 * JMH benchmarks of the workloads behind the README's performance ratios: the ZINC dense batch, the two sparse
 * k-smallest cases, the kNN graph and a GINE training step. Each measures the same code path as the matching
 * {@code lapis bench} command; the peers' side is in {@code bench/peers/}.
 */
package lapis.bench;
