package lapis.nn;

import static lapis.nn.Tape.grads;

import java.util.Arrays;

/**
 * Differentiable dense linear algebra: the matrix product (plain, transposed and batched, on {@link Gemm}), the
 * Cholesky factor, triangular solves, the lower-triangle mask, and the weighted orthonormalisation built from
 * them. The factorisations themselves are in {@link Linalg}; the backward rules here are written with these same
 * operations, so they can be differentiated again (Murray 2016 for the Cholesky factor). Cost O(k^3) per
 * factorisation, 2 m n k per product.
 */
public final class LinearAlgebra {
    private LinearAlgebra() {
    }

    /** C = A B for matrices, or per matrix for rank-3 batches (a rank-3 A times a shared rank-2 B also works). */
    public static Tensor matmul(Tape tape, Tensor a, Tensor b) {
        return matmul(tape, a, b, false, false);
    }

    /**
     * C = op(A) op(B), op(X) = X^T when the flag is set (the last two axes of a batch). Backward: with C = A B,
     * dA = dC B^T and dB = A^T dC, and the transposed cases likewise, all as products with flags. Cost 2 m n k per
     * matrix, on {@link Gemm}.
     */
    public static Tensor matmul(Tape tape, Tensor a, Tensor b, boolean ta, boolean tb) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("matmul: element types differ, " + a.dtype() + " vs " + b.dtype());
        }
        if (a.rank() == 3 && b.rank() == 2 && !ta) {
            int batch = a.dim(0);
            int m = a.dim(1);
            Tensor flat = matmul(tape, Shapes.reshape(tape, a, batch * m, a.dim(2)), b, false, tb);
            return Shapes.reshape(tape, flat, batch, m, flat.dim(1));
        }
        if (a.rank() != b.rank() || a.rank() < 2 || (a.rank() == 3 && a.dim(0) != b.dim(0))) {
            throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(a.shapeView()) + " and "
                    + Arrays.toString(b.shapeView()) + " are not two matrices or two equal batches");
        }
        int r = a.rank();
        int batch = r == 3 ? a.dim(0) : 1;
        int m = ta ? a.dim(-1) : a.dim(-2);
        int k = ta ? a.dim(-2) : a.dim(-1);
        int kb = tb ? b.dim(-1) : b.dim(-2);
        int n = tb ? b.dim(-2) : b.dim(-1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ, " + Arrays.toString(a.shapeView())
                    + (ta ? "^T" : "") + " x " + Arrays.toString(b.shapeView()) + (tb ? "^T" : ""));
        }
        int[] shape = r == 3 ? new int[] {batch, m, n} : new int[] {m, n};
        Tensor out = tape.alloc(a.dtype(), shape, false);
        Gemm.multiply(a, ta, b, tb, out, batch, m, n, k, false, tape.threads());
        return tape.record(out, "matmul", (t, g, o) -> grads(
                a.requiresGrad() ? (!ta ? matmul(t, g, b, false, !tb) : matmul(t, b, g, tb, true)) : null,
                b.requiresGrad() ? (!tb ? matmul(t, a, g, !ta, false) : matmul(t, g, a, true, ta)) : null), a, b);
    }

    /**
     * The Cholesky factor L (lower triangular, S = L L^T) of a symmetric positive definite k x k matrix; only the
     * lower triangle of S is read. Backward (Murray 2016, arXiv 1602.07527), symmetrised:
     * dS = sym(L^-T Phi(L^T dL) L^-1), Phi = lower triangle with half the diagonal. O(k^3).
     */
    public static Tensor cholesky(Tape tape, Tensor s) {
        if (s.rank() != 2 || s.dim(0) != s.dim(1)) {
            throw new IllegalArgumentException("cholesky needs a square matrix, got "
                    + Arrays.toString(s.shapeView()));
        }
        return tape.record(Linalg.cholesky(s), "cholesky", (t, g, l) -> {
            Tensor p = lowerTriangle(t, matmul(t, l, g, true, false), 0.5);
            Tensor w = solveTriangular(t, l, solveTriangular(t, l, p, true, true), false, false);
            return grads(Arithmetic.scale(t, Arithmetic.add(t, w, Shapes.transpose(t, w)), 0.5));
        }, s);
    }

    /**
     * X = op(L)^-1 B ({@code left}) or B op(L)^-1, op(L) = L^T when {@code transpose}, L lower triangular k x k
     * (its upper triangle is ignored). Computed as L^-1 by substitution (O(k^3)) and a product on {@link Gemm}
     * (O(k^2 r)), which is fast for the tall B of an orthonormalisation. Backward, left: dB = op(L)^-T dX and
     * d op(L) = -dB X^T; right: dB = dX op(L)^-T and d op(L) = -X^T dB; dL is the lower triangle of that.
     */
    public static Tensor solveTriangular(Tape tape, Tensor l, Tensor b, boolean left, boolean transpose) {
        int k = l.dim(0);
        if (l.rank() != 2 || l.dim(1) != k || b.rank() != 2 || (left ? b.dim(0) : b.dim(1)) != k
                || l.dtype() != b.dtype()) {
            throw new IllegalArgumentException("solveTriangular: L " + Arrays.toString(l.shapeView()) + ", B "
                    + Arrays.toString(b.shapeView()) + (left ? " (left)" : " (right)"));
        }
        Tensor inv = Tensor.of(l.dtype(), Linalg.lowerInverse(l), k, k);
        Tensor out = tape.alloc(b.dtype(), b.shapeView().clone(), false);
        if (left) {
            Gemm.multiply(inv, transpose, b, false, out, 1, k, b.dim(1), k, false, tape.threads());
        } else {
            Gemm.multiply(b, false, inv, transpose, out, 1, b.dim(0), k, k, false, tape.threads());
        }
        return tape.record(out, "solveTriangular", (t, g, x) -> {
            Tensor gb = solveTriangular(t, l, g, left, !transpose);
            Tensor gl = null;
            if (l.requiresGrad()) {
                Tensor m;
                if (left) {
                    m = transpose ? matmul(t, x, gb, false, true) : matmul(t, gb, x, false, true);
                } else {
                    m = transpose ? matmul(t, gb, x, true, false) : matmul(t, x, gb, true, false);
                }
                gl = Arithmetic.neg(t, lowerTriangle(t, m, 1));
            }
            return grads(gl, b.requiresGrad() ? gb : null);
        }, l, b);
    }

    /** The lower triangle of a square matrix, diagonal times {@code diagScale}; it is its own adjoint. */
    public static Tensor lowerTriangle(Tape tape, Tensor x, double diagScale) {
        if (x.rank() != 2 || x.dim(0) != x.dim(1)) {
            throw new IllegalArgumentException("lowerTriangle needs a square matrix, got "
                    + Arrays.toString(x.shapeView()));
        }
        return tape.record(Linalg.lowerTriangle(x, diagScale), "lowerTriangle",
                (t, g, o) -> grads(lowerTriangle(t, g, diagScale)), x);
    }

    /**
     * Orthonormalises the columns of the N x K matrix Q in the inner product of the point weights w (an N-vector
     * or N x 1 column, e.g. the sampling measure; null for uniform weights): B = Q R^-1 with R = L^T and L the
     * Cholesky factor of Q^T diag(w) Q, so B^T diag(w) B = I and B_k spans the first k columns of Q for every k
     * (methods.md section 5). Differentiable (twice); cost 2 N K^2 for the Gram matrix, K^3 / 3 for the factor and
     * N K^2 for the solve. Use float64 for large N or nearly dependent columns: the Gram matrix squares the
     * condition number.
     */
    public static Tensor orthonormalize(Tape tape, Tensor q, Tensor w) {
        if (q.rank() != 2) {
            throw new IllegalArgumentException("orthonormalize needs an N x K matrix, got "
                    + Arrays.toString(q.shapeView()));
        }
        Tensor qw = q;
        if (w != null) {
            if (w.size() != q.rows()) {
                throw new IllegalArgumentException("orthonormalize: " + w.size() + " weights for " + q.rows()
                        + " rows");
            }
            qw = Arithmetic.mul(tape, q, Shapes.reshape(tape, w, q.rows(), 1));
        }
        Tensor l = cholesky(tape, matmul(tape, q, qw, true, false));
        return solveTriangular(tape, l, q, false, true);
    }
}
