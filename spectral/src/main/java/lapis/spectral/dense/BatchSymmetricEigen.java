package lapis.spectral.dense;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import lapis.spectral.EigenResult;
import lapis.spectral.NotConvergedException;
import lapis.spectral.op.DenseMatrixOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * All eigenpairs of small dense symmetric matrices, A = V diag(lambda) V^T, one after another in the same
 * preallocated workspaces: Householder tridiagonalisation followed by the implicit QL algorithm with Wilkinson
 * shifts, as EISPACK's tred2 and tql2 (Bowdler, Martin, Reinsch and Wilkinson, Numer. Math. 11, 1968; Wilkinson
 * and Reinsch, Handbook for Automatic Computation II, 1971), rewritten for row-major storage with every row its
 * own array: each reflection updates whole rows of the symmetric matrix (p = A u is a sum of rows), Q is
 * accumulated row by row and then transposed, and the eigenvectors are accumulated as rows of V^T, so that every
 * plane rotation updates two rows. These are the loops the JIT vectorises; with one flat array it does not.
 * Nothing is allocated per call once the workspaces fit.
 *
 * <p><b>Cost.</b> About 2 n^3 flops to tridiagonalise (both triangles are updated: more flops than tred2's one
 * triangle, but vectorised), then O(n^2) for the eigenvalues. Eigenvectors add 4/3 n^3 to form Q and 6 n flops
 * per plane rotation; QL takes about two sweeps per eigenvalue, some n^2 rotations on molecule Laplacians (about
 * 6 n^3). Also fine for larger n (about 0.8 s at n = 1000); for the n &lt;= 40 matrices of molecules it is about twice as fast as
 * EJML's symmetric QR and numpy's LAPACK {@code eigh} (see {@code lapis bench zinc-eigh}).
 *
 * <p><b>Results.</b> Eigenvalues ascending (ties keep the QL order, which is deterministic). Eigenvectors are
 * the columns of an orthonormal V with the sign convention stated in {@link SymmetricEigen}: in each
 * column the entry of largest magnitude (the first such when several are equal) is positive. The same input gives
 * bit-identical output on every call and thread.
 *
 * <p><b>Accuracy and stopping test.</b> A sub-diagonal entry e_i of the tridiagonal matrix is set to zero when
 * |e_i| &lt;= 2^-52 * max_j (|d_j| + |e_j|) over the rows processed so far, so eigenvalues carry an absolute
 * error of order 2^-52 ||A|| (backward stable). Matrices whose largest entry lies outside [2^-500, 2^500] are
 * scaled by a power of two first, which is exact. The QL iteration is capped at {@code maxSweepsPerValue * n}
 * sweeps in all (30 n by default, as LAPACK's dsteqr).
 *
 * <p><b>Input.</b> Only the lower triangle is used for the arithmetic, but the whole matrix is checked: square,
 * finite, and symmetric within {@link DenseMatrixOperator#DEFAULT_SYMMETRY_TOLERANCE} times its largest entry.
 *
 * <p>Holds mutable workspaces: one instance per thread.
 */
public final class BatchSymmetricEigen {
    /** Default cap on QL sweeps, per eigenvalue. */
    public static final int DEFAULT_MAX_SWEEPS_PER_VALUE = 30;

    private static final double EPS = 0x1p-52;
    private static final double TINY = 0x1p-500;
    private static final double HUGE = 0x1p500;

    private final int maxSweepsPerValue;
    private int capacity;
    private double[][] z;
    private double[][] w;
    private double[] d;
    private double[] e;
    private double[] hh;
    private double[] p;
    private int[] order;
    private int sweeps;

    /** Workspaces for every n &lt;= maxSize (larger matrices grow them on first use). */
    public BatchSymmetricEigen(int maxSize) {
        this(maxSize, DEFAULT_MAX_SWEEPS_PER_VALUE);
    }

    /**
     * Workspaces for every n &lt;= maxSize, with the QL iteration capped at {@code maxSweepsPerValue * n} sweeps.
     *
     * @throws IllegalArgumentException if maxSize or maxSweepsPerValue is negative
     */
    public BatchSymmetricEigen(int maxSize, int maxSweepsPerValue) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must be >= 0, got " + maxSize);
        }
        if (maxSweepsPerValue < 0) {
            throw new IllegalArgumentException("maxSweepsPerValue must be >= 0, got " + maxSweepsPerValue);
        }
        this.maxSweepsPerValue = maxSweepsPerValue;
        allocate(maxSize);
    }

    /** Rows as separate arrays: the JIT vectorises a loop over two rows only when they are distinct arrays. */
    private void allocate(int n) {
        capacity = n;
        z = new double[n][n];
        w = new double[n][n];
        d = new double[n];
        e = new double[n];
        hh = new double[n];
        p = new double[n];
        order = new int[n];
    }

    /** The largest n the workspaces currently fit. */
    public int capacity() {
        return capacity;
    }

    /** QL sweeps spent by the last {@link #decompose} call. */
    public int sweeps() {
        return sweeps;
    }

    /**
     * Eigenvalues of a, ascending, into {@code values[0..n)}; the eigenvectors, if {@code vectors} is not null,
     * into its columns (reshaped to n x n; column k belongs to values[k]). O(n^3), see the class comment.
     *
     * @param a symmetric n x n; not modified
     * @param values length &gt;= n; modified
     * @param vectors null for eigenvalues only; else modified
     * @return vectors
     * @throws IllegalArgumentException if a is not square, finite and symmetric, or values is too short
     * @throws NotConvergedException if the QL iteration exceeds its sweep cap; the partial result holds the
     *     current diagonal as eigenvalue estimates, with residual bounds sqrt(e_{i-1}^2 + e_i^2), and no vectors
     */
    public DMatrixRMaj decompose(DMatrixRMaj a, double[] values, DMatrixRMaj vectors) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(values, "values");
        if (a.numRows != a.numCols) {
            throw new IllegalArgumentException("matrix is " + a.numRows + "x" + a.numCols + "; expected square");
        }
        int n = a.numRows;
        if (values.length < n) {
            throw new IllegalArgumentException("values has length " + values.length + "; need " + n);
        }
        if (n > capacity) {
            allocate(n);
        }
        boolean wantVectors = vectors != null;
        double scale = load(a, n);
        tridiagonalise(n);
        if (wantVectors) {
            formQTransposed(n);
        }
        ql(n, wantVectors, scale);
        sortAscending(n);
        for (int k = 0; k < n; k++) {
            values[k] = d[order[k]] * scale;
        }
        if (wantVectors) {
            vectors.reshape(n, n);
            writeVectors(n, vectors.data);
        }
        return vectors;
    }

    /**
     * Copies the lower triangle of a into both triangles of z, checking finiteness and symmetry on the way, and
     * scales z by a power of two if its largest entry is extreme; returns the factor that undoes the scaling.
     */
    private double load(DMatrixRMaj a, int n) {
        double[] src = a.data;
        double max = 0;
        double asymmetry = 0;
        for (int i = 0; i < n; i++) {
            double[] zi = z[i];
            int r = i * n;
            for (int j = 0; j < i; j++) {
                double v = src[r + j];
                double t = src[j * n + i];
                zi[j] = v;
                z[j][i] = v;
                max = Math.max(max, Math.max(Math.abs(v), Math.abs(t)));
                asymmetry = Math.max(asymmetry, Math.abs(v - t));
            }
            zi[i] = src[r + i];
            max = Math.max(max, Math.abs(zi[i]));
        }
        if (!(max <= Double.MAX_VALUE) || !(asymmetry <= DenseMatrixOperator.DEFAULT_SYMMETRY_TOLERANCE * max)) {
            DenseMatrixOperator.requireSymmetric(a, DenseMatrixOperator.DEFAULT_SYMMETRY_TOLERANCE);
        }
        if (max == 0 || (max >= TINY && max <= HUGE)) {
            return 1.0;
        }
        int shift = -Math.getExponent(max);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                z[i][j] = Math.scalb(z[i][j], shift);
            }
        }
        return Math.scalb(1.0, -shift);
    }

    /**
     * Householder reduction of the symmetric z to tridiagonal form: d the diagonal, e[i] = T(i, i-1). Step i
     * (from n-1 down to 2) reflects coordinates 0..i-1 to zero row i left of the sub-diagonal; its vector u stays
     * in row i of z, with hh[i] = u^T u / 2 (0 when no reflection was needed).
     */
    private void tridiagonalise(int n) {
        for (int i = n - 1; i >= 1; i--) {
            int l = i - 1;
            double[] zi = z[i];
            double scale = 0;
            for (int k = 0; k <= l; k++) {
                scale += Math.abs(zi[k]);
            }
            if (l == 0 || scale == 0) {
                e[i] = zi[l];
                hh[i] = 0;
            } else {
                double h = 0;
                for (int k = 0; k <= l; k++) {
                    double v = zi[k] / scale;
                    zi[k] = v;
                    h += v * v;
                }
                double f = zi[l];
                double g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
                e[i] = scale * g;
                h -= f * g;
                zi[l] = f - g;
                reflect(zi, l, h);
                hh[i] = h;
            }
            d[i] = zi[i];
        }
        if (n > 0) {
            d[0] = z[0][0];
            e[0] = 0;
        }
    }

    /**
     * A &lt;- H A H on rows and columns 0..l of the full symmetric z, H = I - u u^T / h: p = A u / h as a sum of
     * rows (A is symmetric), q = p - (u^T p / 2h) u, A &lt;- A - u q^T - q u^T. Every inner loop runs over one
     * row and is vectorised by the JIT.
     */
    private void reflect(double[] u, int l, double h) {
        double[] p = this.p;
        int len = l + 1;
        Arrays.fill(p, 0, len, 0.0);
        for (int j = 0; j < len; j++) {
            double[] zj = z[j];
            double uj = u[j];
            for (int k = 0; k < len; k++) {
                p[k] += uj * zj[k];
            }
        }
        double kk = 0;
        for (int j = 0; j < len; j++) {
            p[j] /= h;
            kk += u[j] * p[j];
        }
        kk /= h + h;
        for (int j = 0; j < len; j++) {
            p[j] -= kk * u[j];
        }
        for (int j = 0; j < len; j++) {
            double[] zj = z[j];
            double uj = u[j];
            double qj = p[j];
            for (int k = 0; k < len; k++) {
                zj[k] -= uj * p[k] + qj * u[k];
            }
        }
    }

    /**
     * w = Q^T, where A = Q T Q^T and Q = H_{n-1} ... H_2: Q is accumulated as M &lt;- H_i M for i = 2..n-1, which
     * touches only the leading i x i block and runs along rows (t = u^T M, then M &lt;- M - u t^T / h), and is
     * transposed at the end.
     */
    private void formQTransposed(int n) {
        double[][] w = this.w;
        double[] t = this.p;
        for (int i = 0; i < n; i++) {
            Arrays.fill(w[i], 0, n, 0.0);
            w[i][i] = 1.0;
        }
        for (int i = 2; i < n; i++) {
            double h = hh[i];
            if (h == 0) {
                continue;
            }
            double[] u = z[i];
            Arrays.fill(t, 0, i, 0.0);
            for (int r = 0; r < i; r++) {
                double[] wr = w[r];
                double ur = u[r];
                for (int k = 0; k < i; k++) {
                    t[k] += ur * wr[k];
                }
            }
            for (int r = 0; r < i; r++) {
                double[] wr = w[r];
                double f = u[r] / h;
                for (int k = 0; k < i; k++) {
                    wr[k] -= f * t[k];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double[] wi = w[i];
            for (int j = 0; j < i; j++) {
                double v = wi[j];
                wi[j] = w[j][i];
                w[j][i] = v;
            }
        }
    }

    /**
     * Implicit QL with Wilkinson shifts on (d, e) (tql2), rotating rows of w when vectors are wanted; d then holds
     * the eigenvalues (unsorted) and row k of w the eigenvector of d[k].
     */
    private void ql(int n, boolean wantVectors, double scale) {
        double[] d = this.d;
        double[] e = this.e;
        double[][] w = this.w;
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        if (n > 0) {
            e[n - 1] = 0;
        }
        int limit = maxSweepsPerValue * n;
        int count = 0;
        double f = 0;
        double tst1 = 0;
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.abs(e[m]) > EPS * tst1) {
                m++;
            }
            if (m > l) {
                do {
                    if (count == limit) {
                        throw notConverged(n, l, f, scale);
                    }
                    count++;
                    double g = d[l];
                    double pp = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = Math.sqrt(pp * pp + 1.0);
                    if (pp < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (pp + r);
                    d[l + 1] = e[l] * (pp + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    pp = d[m];
                    double c = 1.0;
                    double c2 = 1.0;
                    double c3 = 1.0;
                    double el1 = e[l + 1];
                    double s = 0.0;
                    double s2 = 0.0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * pp;
                        r = Math.sqrt(pp * pp + e[i] * e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = pp / r;
                        pp = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        if (wantVectors) {
                            rotate(w[i], w[i + 1], n, c, s);
                        }
                    }
                    pp = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * pp;
                    d[l] = c * pp;
                } while (Math.abs(e[l]) > EPS * tst1);
            }
            d[l] += f;
            e[l] = 0;
        }
        sweeps = count;
    }

    /** (x, y) &lt;- (c x - s y, s x + c y) over n entries. */
    private static void rotate(double[] x, double[] y, int n, double c, double s) {
        for (int k = 0; k < n; k++) {
            double a = x[k];
            double b = y[k];
            x[k] = c * a - s * b;
            y[k] = s * a + c * b;
        }
    }

    private NotConvergedException notConverged(int n, int l, double f, double scale) {
        double[] values = new double[n];
        double[] bounds = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (i < l ? d[i] : d[i] + f) * scale;
            double below = i > 0 ? e[i - 1] : 0;
            bounds[i] = Math.sqrt(below * below + e[i] * e[i]) * scale;
        }
        sweeps = maxSweepsPerValue * n;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(values[x], values[y]));
        double[] sortedValues = new double[n];
        double[] sortedBounds = new double[n];
        for (int i = 0; i < n; i++) {
            sortedValues[i] = values[idx[i]];
            sortedBounds[i] = bounds[idx[i]];
        }
        EigenResult partial = new EigenResult(sortedValues, null, sortedBounds, sweeps, 0, Duration.ZERO, false,
                "Householder tridiagonalisation + implicit QL");
        return new NotConvergedException("implicit QL did not converge within " + sweeps + " sweeps for a "
                + n + "x" + n + " matrix (" + maxSweepsPerValue + " per eigenvalue)", partial);
    }

    /** order = indices of d, ascending by value; equal values keep index order. Insertion sort: O(n^2). */
    private void sortAscending(int n) {
        for (int i = 0; i < n; i++) {
            int k = i;
            double v = d[i];
            int j = i - 1;
            while (j >= 0 && d[order[j]] > v) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = k;
        }
    }

    /** out(r, k) = sign_k * w(order[k], r), sign_k making the largest-magnitude entry positive. */
    private void writeVectors(int n, double[] out) {
        for (int k = 0; k < n; k++) {
            double[] row = w[order[k]];
            double best = -1;
            double sign = 1;
            for (int r = 0; r < n; r++) {
                double v = row[r];
                double abs = Math.abs(v);
                if (abs > best) {
                    best = abs;
                    sign = v < 0 ? -1.0 : 1.0;
                }
            }
            for (int r = 0; r < n; r++) {
                out[r * n + k] = sign * row[r];
            }
        }
    }
}
