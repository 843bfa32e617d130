package lapis.spectral;

import org.ejml.data.DMatrixRMaj;

/**
 * A symmetric linear map on R^n, known only by its action y = A x. Graph Laplacians, dense matrices, shift-invert
 * factorisations, Hessian-vector products and distributed matrices are all operators; solvers depend on nothing
 * else. Implementations are safe to call from several threads at once unless their Javadoc says otherwise.
 */
public interface SymmetricOperator {

    /** The dimension n. */
    int size();

    /** y = A x. Reads x, overwrites y; both of length {@link #size()}, never the same array. */
    void apply(double[] x, double[] y);

    /**
     * Y = A X for a block of b vectors stored row-major as an n x b matrix. X: not modified. Y: reshaped to n x b
     * if null or of another shape, overwritten and returned. The default applies {@link #apply} column by column;
     * implementations with a faster block product override it.
     */
    default DMatrixRMaj applyBlock(DMatrixRMaj x, DMatrixRMaj y) {
        int n = size();
        if (x.numRows != n) {
            throw new IllegalArgumentException("block is " + x.numRows + "x" + x.numCols + "; expected " + n
                    + " rows");
        }
        int b = x.numCols;
        if (y == null) {
            y = new DMatrixRMaj(n, b);
        } else {
            y.reshape(n, b);
        }
        double[] col = new double[n];
        double[] out = new double[n];
        for (int c = 0; c < b; c++) {
            for (int i = 0; i < n; i++) {
                col[i] = x.data[i * b + c];
            }
            apply(col, out);
            for (int i = 0; i < n; i++) {
                y.data[i * b + c] = out[i];
            }
        }
        return y;
    }

    /** An operator from a size and a function y = A x, for matrix-free use. */
    static SymmetricOperator of(int n, java.util.function.BiConsumer<double[], double[]> action) {
        if (n < 0) {
            throw new IllegalArgumentException("operator size must be >= 0, got " + n);
        }
        return new SymmetricOperator() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public void apply(double[] x, double[] y) {
                action.accept(x, y);
            }
        };
    }
}
