/**
 * A compact reverse-mode automatic differentiation engine over dense arrays: {@link lapis.nn.Tensor} (float32 or
 * float64, row-major), {@link lapis.nn.Tape} (the operations, each with its backward rule beside it, and
 * backward / double backward), {@link lapis.nn.Index} (gather and scatter for message passing),
 * {@link lapis.nn.Threads} (deterministic parallel loops) and {@link lapis.nn.Gemm} (the matrix-product kernel).
 * Layers are in {@code lapis.nn.layers}, optimisers in {@code lapis.nn.optim} and checkpoints in
 * {@code lapis.nn.checkpoint}; the throughput benchmarks are in the bench module ({@code lapis bench gine}).
 *
 * <p>References: Griewank and Walther, Evaluating Derivatives (2nd ed., SIAM 2008) for reverse mode;
 * Pearlmutter, Fast exact multiplication by the Hessian (Neural Computation 6(1), 1994) for Hessian-vector
 * products; Murray, Differentiation of the Cholesky decomposition (arXiv 1602.07527, 2016).
 */
package lapis.nn;
