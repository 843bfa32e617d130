package lapis.encodings.learned;

import java.util.Arrays;
import java.util.Objects;
import lapis.graph.Graph;
import lapis.graph.GraphBatch;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.nn.Index;
import lapis.nn.SparseMatrix;

/**
 * Node features with an extra "column" axis, flattened to rows: graph g of a batch contributes n_g x c_g rows,
 * row (g, i, c) = {@code rowOffset(g) + i c_g + c} for its node i and column c &lt; c_g. This is the layout of
 * SPE's n x n x m tensor (c_g = n_g, column j of W), of SignNet's per-eigenvector features (c_g = number of
 * eigenvectors) and of PEARL's filtered vectors (c_g = number of vectors); no row is padding.
 *
 * <p>Message passing runs on the graph separately for each column: {@link #aggregation()} is the block matrix
 * A_g (x) I_{c_g}, whose product with the rows gives sum over neighbours i' of w_ii' x[(g, i', c)] for every
 * (g, i, c). {@link #nodeIndex()} maps each row to its node of the batch, so a scatter-sum over it sums over the
 * columns. Building costs O(sum c_g nnz_g); the aggregation and the index are made on first use, so an instance
 * is not thread-safe until both have been read once.
 */
public final class ColumnLayout {
    private final GraphBatch batch;
    private final int[] columns;
    private final int[] rowOffsets;
    private SparseMatrix aggregation;
    private Index nodeIndex;

    private ColumnLayout(GraphBatch batch, int[] columns, int[] rowOffsets) {
        this.batch = batch;
        this.columns = columns;
        this.rowOffsets = rowOffsets;
    }

    /**
     * The layout with {@code columns[g]} columns for graph g.
     *
     * @throws IllegalArgumentException if the length differs from the graph count or a count is negative
     */
    public static ColumnLayout of(GraphBatch batch, int[] columns) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(columns, "columns");
        if (columns.length != batch.graphCount()) {
            throw new IllegalArgumentException(columns.length + " column counts for " + batch.graphCount()
                    + " graphs");
        }
        int[] offsets = new int[columns.length + 1];
        for (int g = 0; g < columns.length; g++) {
            if (columns[g] < 0) {
                throw new IllegalArgumentException("graph " + g + " has " + columns[g] + " columns");
            }
            long next = offsets[g] + (long) batch.nodeCount(g) * columns[g];
            if (next > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("more than 2^31 - 1 rows at graph " + g);
            }
            offsets[g + 1] = (int) next;
        }
        return new ColumnLayout(batch, columns.clone(), offsets);
    }

    /** The layout with n_g columns for graph g: the pairs (i, j) of SPE. */
    public static ColumnLayout pairs(GraphBatch batch) {
        int[] c = new int[batch.graphCount()];
        for (int g = 0; g < c.length; g++) {
            c[g] = batch.nodeCount(g);
        }
        return of(batch, c);
    }

    /** Total number of rows. */
    public int rows() {
        return rowOffsets[columns.length];
    }

    /** First row of graph g. */
    public int rowOffset(int g) {
        return rowOffsets[g];
    }

    /** Number of columns of graph g. */
    public int columns(int g) {
        return columns[g];
    }

    /** The batch. */
    public GraphBatch batch() {
        return batch;
    }

    /** A_g (x) I_{c_g} over all graphs, rows x rows, entries the edge weights. */
    public SparseMatrix aggregation() {
        if (aggregation == null) {
            Graph all = batch.graph();
            aggregation = expand((i, sink) -> {
                for (int k = all.rowStart(i); k < all.rowStart(i + 1); k++) {
                    sink.accept(all.column(k), all.weight(k));
                }
            });
        }
        return aggregation;
    }

    /**
     * (L_g - I) (x) I_{c_g} over all graphs, L_g the symmetric normalised Laplacian: the matrix -D^-1/2 A D^-1/2
     * (a kept self-loop adds to its diagonal), spectrum in [-1, 1], an isolated vertex a zero row. Its powers are
     * PEARL's filters. Built on every call.
     */
    public SparseMatrix shiftedLaplacian() {
        Graph all = batch.graph();
        Laplacian l = Laplacian.of(all, Normalization.SYMMETRIC);
        return expand((i, sink) -> {
            for (int k = all.rowStart(i); k < all.rowStart(i + 1); k++) {
                int j = all.column(k);
                double v = l.get(i, j) - (i == j ? 1 : 0);
                if (v != 0) {
                    sink.accept(j, v);
                }
            }
        });
    }

    /** Receives the entry (column node, value) of a row. */
    @FunctionalInterface
    private interface EntrySink {
        void accept(int node, double value);
    }

    /** Lists the entries of one row of a block-diagonal matrix over the batch's nodes. */
    @FunctionalInterface
    private interface RowSource {
        void row(int node, EntrySink sink);
    }

    /** M (x) I_{c_g}: entry ((g, i, c), (g, j, c)) = M[node i, node j] of graph g, for every column c. */
    private SparseMatrix expand(RowSource source) {
        int nodes = batch.nodeCount();
        int[] counts = new int[nodes];
        long total = 0;
        for (int g = 0; g < columns.length; g++) {
            for (int node = batch.nodeOffset(g); node < batch.nodeOffset(g + 1); node++) {
                int[] count = {0};
                source.row(node, (j, v) -> count[0]++);
                counts[node] = count[0];
                total += (long) count[0] * columns[g];
            }
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("more than 2^31 - 1 entries in the expanded matrix");
        }
        int[] r = new int[(int) total];
        int[] c = new int[(int) total];
        double[] v = new double[(int) total];
        int[] at = {0};
        for (int g = 0; g < columns.length; g++) {
            int base = batch.nodeOffset(g);
            int cg = columns[g];
            int off = rowOffsets[g];
            for (int i = 0; i < batch.nodeCount(g); i++) {
                for (int col = 0; col < cg; col++) {
                    int row = off + i * cg + col;
                    int column = col;
                    source.row(base + i, (j, value) -> {
                        r[at[0]] = row;
                        c[at[0]] = off + (j - base) * cg + column;
                        v[at[0]] = value;
                        at[0]++;
                    });
                }
            }
        }
        return SparseMatrix.of(rows(), rows(), r, c, v);
    }

    /** Row -&gt; its node in the batch (range: the batch's node count). */
    public Index nodeIndex() {
        if (nodeIndex == null) {
            int[] node = new int[rows()];
            for (int g = 0; g < columns.length; g++) {
                int base = batch.nodeOffset(g);
                int cg = columns[g];
                int off = rowOffsets[g];
                for (int i = 0; i < batch.nodeCount(g); i++) {
                    Arrays.fill(node, off + i * cg, off + (i + 1) * cg, base + i);
                }
            }
            nodeIndex = Index.of(node, batch.nodeCount());
        }
        return nodeIndex;
    }
}
