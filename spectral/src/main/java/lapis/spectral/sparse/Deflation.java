package lapis.spectral.sparse;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import lapis.spectral.EigenResult;
import lapis.spectral.SymmetricOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * Deflation of a known null space Z of A (for a graph Laplacian, one vector per component): the solvers check Z,
 * B-orthonormalise it and iterate B-orthogonally to it; the result then holds Z with eigenvalue 0 first.
 */
final class Deflation {
    private Deflation() {
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
            double before = Vectors.bNorm(b, v, tmp);
            for (int pass = 0; pass < 2; pass++) {
                for (int t = 0; t < j; t++) {
                    double r = Vectors.dot(bcols[t], v);
                    for (int i = 0; i < n; i++) {
                        v[i] -= r * cols[t][i];
                    }
                }
            }
            double nv = Vectors.bNorm(b, v, tmp);
            if (!(nv > 1e-8 * before)) {
                throw new IllegalArgumentException("null-space column " + j + " is zero or dependent on the "
                        + "earlier ones");
            }
            Vectors.scale(v, 1.0 / nv);
            bcols[j] = b == null ? v : applied(b, v);
            a.apply(v, tmp);
            double res = Vectors.norm(tmp);
            if (!(res <= 1e-8 * normA * Math.max(1.0, Vectors.norm(v)))) {
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

    /**
     * The result: the null-space columns (eigenvalue 0) and the computed pairs, sorted ascending, k in all, with
     * honest residuals computed here for the null-space columns.
     */
    static EigenResult result(DMatrixRMaj z, SymmetricOperator a, DMatrixRMaj x, double[] lambda,
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
            zres[j] = Vectors.norm(tmp);
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
}
