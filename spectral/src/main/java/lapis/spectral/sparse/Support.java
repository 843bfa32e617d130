package lapis.spectral.sparse;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import lapis.graph.SymmetricSparseMatrix;
import lapis.spectral.EigenResult;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.op.LaplacianOperator;
import lapis.spectral.op.SparseMatrixOperator;
import org.ejml.data.DMatrixRMaj;

/** Helpers shared by the sparse eigensolvers: norm estimates, matrix access, deflation, residuals, results. */
final class Support {
    private static final int NORM_LANCZOS_STEPS = 20;

    private Support() {
    }

    /** The explicit matrix behind an operator, or null when it is matrix-free. */
    static SymmetricSparseMatrix matrixOf(SymmetricOperator op) {
        if (op instanceof SparseMatrixOperator m) {
            return m.matrix();
        }
        if (op instanceof LaplacianOperator l) {
            return l.toSparseMatrix();
        }
        return null;
    }

    /**
     * An estimate of ||A||_2: ||A||_inf (an upper bound) for an explicit matrix or Laplacian, otherwise the
     * largest |Ritz value| of 20 Lanczos steps from a seeded random vector (a lower bound, usually within a few
     * per cent). Zero for the zero operator.
     */
    static double normEstimate(SymmetricOperator op, long seed) {
        if (op instanceof SparseMatrixOperator m) {
            return m.matrix().normInf();
        }
        if (op instanceof LaplacianOperator l) {
            double[] rows = new double[l.size()];
            l.laplacian().forEachEntry((i, j, v) -> rows[i] += Math.abs(v));
            return Arrays.stream(rows).max().orElse(0);
        }
        return lanczosNorm(op, seed);
    }

    private static double lanczosNorm(SymmetricOperator op, long seed) {
        int n = op.size();
        if (n == 0) {
            return 0;
        }
        int steps = Math.min(NORM_LANCZOS_STEPS, n);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = rnd.nextGaussian();
        }
        scale(q, 1.0 / norm(q));
        double[] qPrev = new double[n];
        double[] w = new double[n];
        double[] alpha = new double[steps];
        double[] beta = new double[steps];
        int used = 0;
        for (int s = 0; s < steps; s++) {
            op.apply(q, w);
            double al = dot(w, q);
            for (int i = 0; i < n; i++) {
                w[i] -= al * q[i] + (s > 0 ? beta[s - 1] * qPrev[i] : 0.0);
            }
            alpha[s] = al;
            used = s + 1;
            double b = norm(w);
            beta[s] = b;
            if (!(b > 1e-12 * Math.abs(al)) || s == steps - 1) {
                break;
            }
            double[] t = qPrev;
            qPrev = q;
            q = t;
            for (int i = 0; i < n; i++) {
                q[i] = w[i] / b;
            }
        }
        DMatrixRMaj t = new DMatrixRMaj(used, used);
        for (int s = 0; s < used; s++) {
            t.set(s, s, alpha[s]);
            if (s + 1 < used) {
                t.set(s, s + 1, beta[s]);
                t.set(s + 1, s, beta[s]);
            }
        }
        double[] ev = DenseSymmetric.eigenvalues(t);
        return Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }

    /** B x, or x itself when b is null. */
    static DMatrixRMaj times(SymmetricOperator b, DMatrixRMaj x, DMatrixRMaj out) {
        return b == null ? x : b.applyBlock(x, out);
    }

    /**
     * The deflation basis: z (n x c) made B-orthonormal by two Gram-Schmidt passes in the B inner product, after
     * checking that every column is a null vector of A (||A z|| &lt;= 1e-8 ||A|| ||z||_B).
     *
     * @throws IllegalArgumentException if z has the wrong number of rows, a column is zero or dependent, or a
     *     column is not in the null space of A
     */
    static DMatrixRMaj nullSpaceBasis(DMatrixRMaj z, SymmetricOperator a, SymmetricOperator b, double normA) {
        int n = a.size();
        if (z == null || z.numCols == 0) {
            return new DMatrixRMaj(n, 0);
        }
        if (z.numRows != n) {
            throw new IllegalArgumentException("null-space basis is " + z.numRows + "x" + z.numCols
                    + "; expected " + n + " rows");
        }
        int c = z.numCols;
        double[][] cols = new double[c][n];
        double[][] bcols = new double[c][];
        double[] tmp = new double[n];
        for (int j = 0; j < c; j++) {
            double[] v = cols[j];
            for (int i = 0; i < n; i++) {
                v[i] = z.get(i, j);
            }
            double before = bNorm(b, v, tmp);
            for (int pass = 0; pass < 2; pass++) {
                for (int t = 0; t < j; t++) {
                    double r = dot(bcols[t], v);
                    for (int i = 0; i < n; i++) {
                        v[i] -= r * cols[t][i];
                    }
                }
            }
            double nv = bNorm(b, v, tmp);
            if (!(nv > 1e-8 * before)) {
                throw new IllegalArgumentException("null-space column " + j + " is zero or dependent on the "
                        + "earlier ones");
            }
            scale(v, 1.0 / nv);
            bcols[j] = b == null ? v : applied(b, v);
            a.apply(v, tmp);
            double res = norm(tmp);
            if (!(res <= 1e-8 * normA * Math.max(1.0, norm(v)))) {
                throw new IllegalArgumentException("null-space column " + j + " is not a null vector of A: ||A z|| = "
                        + res + " (||A|| ~ " + normA + ")");
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(n, c);
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < n; i++) {
                out.data[i * c + j] = cols[j][i];
            }
        }
        return out;
    }

    private static double[] applied(SymmetricOperator b, double[] v) {
        double[] out = new double[v.length];
        b.apply(v, out);
        return out;
    }

    static double bNorm(SymmetricOperator b, double[] v, double[] tmp) {
        if (b == null) {
            return norm(v);
        }
        b.apply(v, tmp);
        return Math.sqrt(Math.max(dot(v, tmp), 0));
    }

    /** Per column i: ||A x_i - lambda_i B x_i||_2 given AX and BX (n x k row-major). */
    static double[] residuals(DMatrixRMaj ax, DMatrixRMaj bx, double[] lambda) {
        int n = ax.numRows;
        int k = ax.numCols;
        double[] r = new double[k];
        for (int i = 0; i < n; i++) {
            int row = i * k;
            for (int j = 0; j < k; j++) {
                double d = ax.data[row + j] - lambda[j] * bx.data[row + j];
                r[j] += d * d;
            }
        }
        for (int j = 0; j < k; j++) {
            r[j] = Math.sqrt(r[j]);
        }
        return r;
    }

    /** Rayleigh quotients x_i^T A x_i / x_i^T B x_i per column. */
    static double[] rayleighQuotients(DMatrixRMaj x, DMatrixRMaj ax, DMatrixRMaj bx) {
        int n = x.numRows;
        int k = x.numCols;
        double[] num = new double[k];
        double[] den = new double[k];
        for (int i = 0; i < n; i++) {
            int row = i * k;
            for (int j = 0; j < k; j++) {
                num[j] += x.data[row + j] * ax.data[row + j];
                den[j] += x.data[row + j] * bx.data[row + j];
            }
        }
        for (int j = 0; j < k; j++) {
            num[j] /= den[j];
        }
        return num;
    }

    /**
     * The result: the null-space columns (eigenvalue 0) and the computed pairs, sorted ascending, k in all, with
     * honest residuals computed here for the null-space columns.
     */
    static EigenResult assemble(DMatrixRMaj z, SymmetricOperator a, DMatrixRMaj x, double[] lambda,
            double[] residuals, int k, int iterations, long applications, long startNanos, boolean converged,
            String solver) {
        int n = a.size();
        int c = Math.min(z.numCols, k);
        int kk = k - c;
        double[] zres = new double[c];
        double[] tmp = new double[n];
        double[] col = new double[n];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < n; i++) {
                col[i] = z.data[i * z.numCols + j];
            }
            a.apply(col, tmp);
            zres[j] = norm(tmp);
        }
        double[] vals = new double[k];
        double[] res = new double[k];
        Integer[] idx = new Integer[k];
        for (int j = 0; j < k; j++) {
            idx[j] = j;
            vals[j] = j < c ? 0.0 : lambda[j - c];
            res[j] = j < c ? zres[j] : residuals[j - c];
        }
        Arrays.sort(idx, Comparator.comparingDouble(j -> vals[j]));
        DMatrixRMaj v = new DMatrixRMaj(n, k);
        double[] sv = new double[k];
        double[] sr = new double[k];
        for (int t = 0; t < k; t++) {
            int j = idx[t];
            sv[t] = vals[j];
            sr[t] = res[j];
            for (int i = 0; i < n; i++) {
                v.data[i * k + t] = j < c ? z.data[i * z.numCols + j] : x.data[i * kk + (j - c)];
            }
        }
        return new EigenResult(sv, v, sr, iterations, applications, Duration.ofNanos(System.nanoTime() - startNanos),
                converged, solver);
    }

    /** A seeded n x p Gaussian block, row-major. */
    static double[] randomBlock(int n, int p, SplittableRandom rnd) {
        double[] x = new double[n * p];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }
}
