package lapis.spectral.op;

import java.util.Arrays;
import java.util.Objects;
import lapis.graph.SymmetricSparseMatrix;

/**
 * The zero-fill incomplete Cholesky preconditioner IC(0): T = (L L^T)^-1 where L is lower triangular with the
 * pattern of the lower triangle of A - shift I and L L^T agrees with A - shift I on that pattern (Meijerink and
 * van der Vorst, Math. Comp. 31(137), 1977, doi:10.1090/S0025-5718-1977-0438681-4). If a pivot is not positive
 * (IC(0) may break down on matrices that are not M-matrices), the factorisation restarts with the diagonal
 * shift increased by 1e-3 ||A||_inf, then doubled, up to 30 times (Manteuffel's shifted IC). Build O(sum over rows
 * of the row length squared); apply O(nnz(A)), two sparse triangular solves in the natural order. Immutable.
 */
public final class IncompleteCholesky implements Preconditioner {
    private final int n;
    private final int[] offsets;
    private final int[] columns;
    private final double[] values;
    private final double shift;

    private IncompleteCholesky(int n, int[] offsets, int[] columns, double[] values, double shift) {
        this.n = n;
        this.offsets = offsets;
        this.columns = columns;
        this.values = values;
        this.shift = shift;
    }

    /**
     * IC(0) of a - shift I.
     *
     * @throws IllegalArgumentException if no diagonal shift up to 30 doublings makes the factorisation succeed
     */
    public static IncompleteCholesky of(SymmetricSparseMatrix a, double shift) {
        Objects.requireNonNull(a, "a");
        int n = a.size();
        int[] off = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int k = a.rowStart(i); k < a.rowStart(i + 1); k++) {
                if (a.column(k) < i) {
                    c++;
                }
            }
            off[i + 1] = off[i] + c + 1;
        }
        int[] cols = new int[off[n]];
        double[] base = new double[off[n]];
        for (int i = 0; i < n; i++) {
            int p = off[i];
            for (int k = a.rowStart(i); k < a.rowStart(i + 1); k++) {
                if (a.column(k) < i) {
                    cols[p] = a.column(k);
                    base[p++] = a.value(k);
                }
            }
            cols[p] = i;
            base[p] = a.get(i, i);
        }
        double bump = 1e-3 * Math.max(a.normInf(), Double.MIN_NORMAL);
        double s = shift;
        for (int attempt = 0; attempt <= 30; attempt++) {
            double[] v = base.clone();
            if (factor(n, off, cols, v, s)) {
                return new IncompleteCholesky(n, off, cols, v, s);
            }
            s = attempt == 0 ? shift - bump : shift - bump * Math.pow(2, attempt);
        }
        throw new IllegalArgumentException("incomplete Cholesky broke down for every diagonal shift down to " + s);
    }

    /**
     * Row-oriented IC(0) on the lower-triangular CSR rows (diagonal last in each row): l_ij = (a_ij - sum_t l_it
     * l_jt) / l_jj over the common pattern t &lt; j, then l_ii = sqrt(a_ii - shift - sum_j l_ij^2).
     */
    private static boolean factor(int n, int[] off, int[] cols, double[] v, double shift) {
        int[] pos = new int[n];
        Arrays.fill(pos, -1);
        for (int i = 0; i < n; i++) {
            int end = off[i + 1] - 1;
            for (int k = off[i]; k < end; k++) {
                pos[cols[k]] = k;
            }
            double d = v[end] - shift;
            for (int k = off[i]; k < end; k++) {
                int j = cols[k];
                double s = v[k];
                for (int t = off[j]; t < off[j + 1] - 1; t++) {
                    int q = pos[cols[t]];
                    if (q >= 0) {
                        s -= v[q] * v[t];
                    }
                }
                double lij = s / v[off[j + 1] - 1];
                v[k] = lij;
                d -= lij * lij;
            }
            for (int k = off[i]; k < end; k++) {
                pos[cols[k]] = -1;
            }
            if (!(d > 0)) {
                return false;
            }
            v[end] = Math.sqrt(d);
        }
        return true;
    }

    /** The diagonal shift the factorisation succeeded with (at most the requested one). */
    public double shift() {
        return shift;
    }

    @Override
    public int size() {
        return n;
    }

    /** y = (L L^T)^-1 x. */
    @Override
    public void apply(double[] x, double[] y) {
        if (x.length != n || y.length != n) {
            throw new IllegalArgumentException("vectors of length " + x.length + " and " + y.length
                    + " for a preconditioner of size " + n);
        }
        System.arraycopy(x, 0, y, 0, n);
        for (int i = 0; i < n; i++) {
            int end = offsets[i + 1] - 1;
            double s = y[i];
            for (int k = offsets[i]; k < end; k++) {
                s -= values[k] * y[columns[k]];
            }
            y[i] = s / values[end];
        }
        for (int i = n - 1; i >= 0; i--) {
            int end = offsets[i + 1] - 1;
            double yi = y[i] / values[end];
            y[i] = yi;
            for (int k = offsets[i]; k < end; k++) {
                y[columns[k]] -= values[k] * yi;
            }
        }
    }
}
