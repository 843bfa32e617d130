/**
 * Reusable measurements for the CLI ({@code lapis bench nn}): {@link lapis.nn.bench.GineBenchmark} (training-step
 * throughput of the GINE base model against the PyTorch peer) and {@link lapis.nn.bench.SoapComparison} (SOAP
 * against AdamW on a teacher-student MLP regression), on the ZINC-shaped random graphs of
 * {@link lapis.nn.bench.MoleculeLikeGraphs}. They return records and print nothing. Run them with
 * {@code --add-modules jdk.incubator.vector}, or the matrix products fall back to plain loops
 * ({@link lapis.nn.Gemm#route()} says which ran).
 */
package lapis.nn.bench;
