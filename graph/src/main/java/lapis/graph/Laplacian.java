package lapis.graph;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;

/**
 * A graph Laplacian as an immutable sparse matrix in CSR form, with fast products y = L x for one vector and for
 * a block of vectors. See {@link Normalization} for the three kinds; row i is vertex i of the graph.
 *
 * <p>Diagonal: combinatorial L_ii = d_i - A_ii, so a kept self-loop cancels; normalised L_ii = 1 - A_ii / d_i.
 * An isolated vertex (d_i = 0) gets L_ii = 0 (combinatorial) or 1 (normalised: deg^-1/2 = 0, the PyG convention).
 * Off-diagonal: -w_ij, -w_ij / sqrt(d_i d_j) or -w_ij / d_i.
 *
 * <p>Costs: building O(n + nnz); {@link #multiply(double[], double[])} O(nnz); a block of b vectors O(nnz b), run
 * in parallel over row ranges when large (rows are independent, so the result does not depend on threads).
 */
public final class Laplacian {
    private final Normalization normalization;
    private final int n;
    private final int[] offsets;
    private final int[] columns;
    private final double[] values;
    private final double[] degrees;

    private Laplacian(Normalization normalization, int n, int[] offsets, int[] columns, double[] values,
            double[] degrees) {
        this.normalization = normalization;
        this.n = n;
        this.offsets = offsets;
        this.columns = columns;
        this.values = values;
        this.degrees = degrees;
    }

    /** The Laplacian of g of the given kind. O(n + |E|). */
    public static Laplacian of(Graph g, Normalization normalization) {
        Objects.requireNonNull(normalization, "normalization");
        int n = g.vertexCount();
        int[] aOff = g.offsetsView();
        int[] aCol = g.columnsView();
        double[] aVal = g.weightsView();
        double[] d = g.weightedDegrees();
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            scale[i] = switch (normalization) {
                case COMBINATORIAL -> 1.0;
                case SYMMETRIC -> d[i] > 0 ? 1.0 / Math.sqrt(d[i]) : 0.0;
                case RANDOM_WALK -> d[i] > 0 ? 1.0 / d[i] : 0.0;
            };
        }
        int[] offsets = new int[n + 1];
        int[] cols = new int[aCol.length + n];
        double[] vals = new double[aCol.length + n];
        int out = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = out;
            double diag = normalization == Normalization.COMBINATORIAL ? d[i] : 1.0;
            boolean placed = false;
            for (int k = aOff[i]; k <= aOff[i + 1]; k++) {
                int j = k < aOff[i + 1] ? aCol[k] : Integer.MAX_VALUE;
                if (!placed && j >= i) {
                    cols[out] = i;
                    vals[out++] = diag;
                    placed = true;
                }
                if (k == aOff[i + 1]) {
                    break;
                }
                double off = offDiagonal(normalization, aVal[k], scale[i], scale[j]);
                if (j == i) {
                    vals[out - 1] += off;
                } else {
                    cols[out] = j;
                    vals[out++] = off;
                }
            }
        }
        offsets[n] = out;
        return new Laplacian(normalization, n, offsets, Arrays.copyOf(cols, out), Arrays.copyOf(vals, out), d);
    }

    private static double offDiagonal(Normalization kind, double w, double si, double sj) {
        return switch (kind) {
            case COMBINATORIAL -> -w;
            case SYMMETRIC -> -w * (si * sj); // si * sj commutes: L_ij and L_ji are the same double
            case RANDOM_WALK -> -w * si;
        };
    }

    /** Which Laplacian this is. */
    public Normalization normalization() {
        return normalization;
    }

    /** The dimension n. */
    public int size() {
        return n;
    }

    /** Number of stored entries, the diagonal included. */
    public int nonZeroCount() {
        return columns.length;
    }

    /** Weighted degrees d = A 1 of the graph this Laplacian came from. */
    public double[] degrees() {
        return degrees.clone();
    }

    /** Entry L_ij, 0 when not stored. O(log deg i). */
    public double get(int i, int j) {
        int k = Arrays.binarySearch(columns, offsets[i], offsets[i + 1], j);
        return k >= 0 ? values[k] : 0.0;
    }

    /** y = L x. Reads x, overwrites y; both of length n and not the same array. */
    public void multiply(double[] x, double[] y) {
        CsrProducts.multiply(n, offsets, columns, values, x, y, "a Laplacian");
    }

    /**
     * Y = L X for a block of b vectors stored row-major as n x b matrices. X: not modified; Y: overwritten,
     * reshaped if null or of another shape, and returned.
     */
    public DMatrixRMaj multiply(DMatrixRMaj x, DMatrixRMaj y) {
        return CsrProducts.multiply(n, offsets, columns, values, x, y);
    }

    /** ||L||_F. */
    public double frobeniusNorm() {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * ||A - B||_F for two Laplacians of the same size, merging their sorted rows in O(nnz).
     *
     * @throws IllegalArgumentException if the sizes differ
     */
    public static double frobeniusDistance(Laplacian a, Laplacian b) {
        if (a.n != b.n) {
            throw new IllegalArgumentException("Laplacians of sizes " + a.n + " and " + b.n);
        }
        return Math.sqrt(CsrProducts.squaredDistance(a.n, a.offsets, a.columns, a.values, b.offsets, b.columns,
                b.values));
    }

    /** The dense n x n matrix, for small graphs. O(n^2) memory. */
    public DMatrixRMaj toDense() {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                m.data[i * n + columns[k]] = values[k];
            }
        }
        return m;
    }

    /** The matrix as an EJML compressed sparse column matrix. */
    public DMatrixSparseCSC toSparse() {
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(n, n, columns.length);
        forEachEntry(t::addItem);
        return DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
    }

    /** Calls {@code action} for every stored entry (i, j, L_ij), row by row, columns ascending. */
    public void forEachEntry(EntryConsumer action) {
        for (int i = 0; i < n; i++) {
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                action.accept(i, columns[k], values[k]);
            }
        }
    }

    /**
     * An orthonormal basis of the null space, in closed form, one column per connected component that has an
     * edge (plus, for the combinatorial kind, one per isolated vertex, whose row is zero): the component
     * indicator for L and L_rw, D^1/2 1 restricted to the component for L_sym; each normalised to unit length.
     * Isolated vertices of the normalised kinds have eigenvalue 1 and contribute nothing.
     */
    public DMatrixRMaj nullSpace(ConnectedComponents components) {
        if (components.componentMap().length != n) {
            throw new IllegalArgumentException("components of a graph with " + components.componentMap().length
                    + " vertices for a Laplacian of size " + n);
        }
        int c = components.count();
        int[] column = new int[c];
        int cols = 0;
        for (int k = 0; k < c; k++) {
            column[k] = -1;
        }
        for (int i = 0; i < n; i++) {
            int k = components.componentOf(i);
            boolean inNullSpace = normalization == Normalization.COMBINATORIAL || degrees[i] > 0;
            if (inNullSpace && column[k] < 0) {
                column[k] = cols++;
            }
        }
        DMatrixRMaj basis = new DMatrixRMaj(n, cols);
        double[] norms = new double[cols];
        for (int i = 0; i < n; i++) {
            int col = column[components.componentOf(i)];
            if (col >= 0) {
                double v = normalization == Normalization.SYMMETRIC ? Math.sqrt(degrees[i]) : 1.0;
                basis.set(i, col, v);
                norms[col] += v * v;
            }
        }
        for (int i = 0; i < n; i++) {
            int col = column[components.componentOf(i)];
            if (col >= 0) {
                basis.set(i, col, basis.get(i, col) / Math.sqrt(norms[col]));
            }
        }
        return basis;
    }

    /** Receives one stored entry. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(int row, int column, double value);
    }
}
