package lapis.nn;

/**
 * The element type of a {@link Tensor}.
 *
 * <p>{@link #F32} is for training: the matrix-product kernel runs about twice as fast in float32 as in float64 on
 * the same vector width (measured 92-104 against 44 GFLOP/s per core for (2970 x 128)(128 x 128); see
 * {@link Gemm}), activations take half the memory, and a whole GINE training step ran 1.86x faster (1,263 against
 * 680 graphs/s, {@code lapis bench gine --dtype F64}, same machine and load). {@link #F64} is for gradient
 * checks, Hessian-vector products and ill-conditioned dense work such as the Cholesky orthonormalisation of a
 * 10^5 x K basis. The two never mix silently: a binary operation on different types throws.
 */
public enum DType {
    /** IEEE 754 binary32, stored in {@code float[]}. */
    F32,
    /** IEEE 754 binary64, stored in {@code double[]}. */
    F64
}
