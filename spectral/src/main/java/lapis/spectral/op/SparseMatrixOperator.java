package lapis.spectral.op;

import java.util.Objects;
import lapis.graph.SymmetricSparseMatrix;
import org.ejml.data.DMatrixRMaj;

/**
 * A symmetric sparse matrix as an operator, without copying it: {@link #apply} and {@link #applyBlock} call
 * {@link SymmetricSparseMatrix#multiply}, whose block product runs in parallel over row ranges. O(nnz) per vector.
 * Solvers that can factor the matrix (shift-invert Lanczos) reach it through {@link ExplicitMatrix#matrix()}.
 * Immutable and safe to share between threads.
 */
public final class SparseMatrixOperator implements ExplicitMatrix {
    private final SymmetricSparseMatrix matrix;

    private SparseMatrixOperator(SymmetricSparseMatrix matrix) {
        this.matrix = matrix;
    }

    /** The operator y = A x of a. */
    public static SparseMatrixOperator of(SymmetricSparseMatrix a) {
        return new SparseMatrixOperator(Objects.requireNonNull(a, "a"));
    }

    /** The wrapped matrix itself (no copy). */
    @Override
    public SymmetricSparseMatrix matrix() {
        return matrix;
    }

    @Override
    public double normInf() {
        return matrix.normInf();
    }

    @Override
    public int size() {
        return matrix.size();
    }

    @Override
    public void apply(double[] x, double[] y) {
        matrix.multiply(x, y);
    }

    @Override
    public DMatrixRMaj applyBlock(DMatrixRMaj x, DMatrixRMaj y) {
        return matrix.multiply(x, y);
    }
}
