package lapis.spectral.op;

import java.util.Arrays;
import java.util.Objects;
import lapis.graph.Laplacian;
import lapis.graph.SymmetricSparseMatrix;
import org.ejml.data.DMatrixRMaj;

/**
 * A symmetric graph Laplacian (combinatorial L = D - A or normalised I - D^-1/2 A D^-1/2) as an operator, without
 * copying it: {@link #apply} and {@link #applyBlock} call {@link Laplacian#multiply}, whose block product runs in
 * parallel over row ranges. O(nnz) per vector.
 */
public final class LaplacianOperator implements ExplicitMatrix {
    private final Laplacian laplacian;

    private LaplacianOperator(Laplacian laplacian) {
        this.laplacian = laplacian;
    }

    /**
     * The operator of a symmetric Laplacian.
     *
     * @throws IllegalArgumentException for the random-walk Laplacian I - D^-1 A, which is not symmetric
     */
    public static LaplacianOperator of(Laplacian laplacian) {
        Objects.requireNonNull(laplacian, "laplacian");
        laplacian.normalization().requireSymmetric();
        return new LaplacianOperator(laplacian);
    }

    /** The wrapped Laplacian. */
    public Laplacian laplacian() {
        return laplacian;
    }

    /** The same matrix as a {@link SymmetricSparseMatrix} (a copy), for factorisations. O(nnz). */
    @Override
    public SymmetricSparseMatrix matrix() {
        return SymmetricSparseMatrix.of(laplacian);
    }

    /** The largest absolute row sum, summed in the Laplacian's own entry order. O(nnz). */
    @Override
    public double normInf() {
        double[] rows = new double[laplacian.size()];
        laplacian.forEachEntry((i, j, v) -> rows[i] += Math.abs(v));
        return Arrays.stream(rows).max().orElse(0);
    }

    @Override
    public int size() {
        return laplacian.size();
    }

    @Override
    public void apply(double[] x, double[] y) {
        laplacian.multiply(x, y);
    }

    @Override
    public DMatrixRMaj applyBlock(DMatrixRMaj x, DMatrixRMaj y) {
        return laplacian.multiply(x, y);
    }
}
