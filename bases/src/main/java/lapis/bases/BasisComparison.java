package lapis.bases;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import lapis.spectral.subspace.EigenspaceComparison;
import lapis.spectral.subspace.Eigenspaces;
import lapis.spectral.subspace.Subspaces;
import org.ejml.data.DMatrixRMaj;

/**
 * A learned basis scored against a reference eigenbasis at the same points, in the reference's inner product
 * sum_i w_i f(x_i) g(x_i) (the lumped mass of a mesh, or uniform weights for a uniform sample). Rows are scaled by
 * sqrt(w_i) first, so every comparison below is Euclidean.
 *
 * <ul>
 *   <li><b>Per eigenspace</b>: the reference eigenvalues are grouped into clusters (consecutive values within a
 *       relative tolerance, {@link Eigenspaces}); for each cluster, the mean cosine of the principal angles between
 *       the spans of the learned and reference columns of that cluster ({@link EigenspaceComparison}). It does not
 *       depend on signs or on a rotation inside the cluster.</li>
 *   <li><b>Per index</b>: the learned columns are rotated onto the reference inside each cluster (orthogonal
 *       Procrustes; a sign for a cluster of one), then |cos| of the angle between column k and reference column k.
 *       {@link Result#meanIndexCosine(int)} averages indices 0..k-1, the first (constant) function included, as
 *       the paper's "k &lt;= 10 / 20 / 50" means.</li>
 *   <li><b>Eigenvalues</b>: |lambda_k - lambda_k^ref| / lambda_k^ref for every k with lambda_k^ref &gt; 0.</li>
 * </ul>
 * Cost O(n K max m) for cluster sizes m.
 */
public final class BasisComparison {
    /** The relative tolerance that groups reference eigenvalues into clusters by default: 2%. */
    public static final double DEFAULT_CLUSTER_TOLERANCE = 0.02;

    private BasisComparison() {
    }

    /**
     * The scores.
     *
     * @param indexCosines |cos| per index after alignment inside clusters
     * @param clusters the reference clusters: first index, end, mean eigenvalue
     * @param clusterCosines per cluster, the mean cosine of its principal angles
     * @param eigenvalueErrors per index, the relative eigenvalue error (NaN where the reference value is 0)
     */
    public record Result(double[] indexCosines, List<Eigenspaces.Group> clusters, double[] clusterCosines,
                         double[] eigenvalueErrors) {
        public Result {
            indexCosines = indexCosines.clone();
            clusters = List.copyOf(clusters);
            clusterCosines = clusterCosines.clone();
            eigenvalueErrors = eigenvalueErrors.clone();
        }

        @Override
        public double[] indexCosines() {
            return indexCosines.clone();
        }

        @Override
        public double[] clusterCosines() {
            return clusterCosines.clone();
        }

        @Override
        public double[] eigenvalueErrors() {
            return eigenvalueErrors.clone();
        }

        /** The mean of the per-index |cos| over indices 0..k-1 (k capped at the number compared). */
        public double meanIndexCosine(int k) {
            int m = Math.min(k, indexCosines.length);
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += indexCosines[i];
            }
            return s / m;
        }

        /** The mean relative eigenvalue error over indices 0..k-1 with a positive reference value. */
        public double meanEigenvalueError(int k) {
            double s = 0;
            int c = 0;
            for (int i = 0; i < Math.min(k, eigenvalueErrors.length); i++) {
                if (!Double.isNaN(eigenvalueErrors[i])) {
                    s += eigenvalueErrors[i];
                    c++;
                }
            }
            return c == 0 ? Double.NaN : s / c;
        }
    }

    /**
     * Compares the first K columns of both bases (n x K, n x K' with K' &gt;= K) and eigenvalues.
     *
     * @param weights the inner product's point weights (n, positive), or null for uniform
     * @param clusterTolerance the relative tolerance grouping reference eigenvalues (ascending)
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static Result compare(DMatrixRMaj learned, double[] learnedValues, DMatrixRMaj reference,
                                 double[] referenceValues, double[] weights, double clusterTolerance) {
        Objects.requireNonNull(learned, "learned");
        Objects.requireNonNull(reference, "reference");
        int n = learned.numRows;
        int k = Math.min(learned.numCols, reference.numCols);
        if (reference.numRows != n || referenceValues.length < k || learnedValues.length < k
                || (weights != null && weights.length != n)) {
            throw new IllegalArgumentException("compare: learned " + n + "x" + learned.numCols + " with "
                    + learnedValues.length + " values, reference " + reference.numRows + "x" + reference.numCols
                    + " with " + referenceValues.length + " values, " + (weights == null ? "uniform" :
                    weights.length) + " weights");
        }
        DMatrixRMaj a = scaledColumns(learned, k, weights);
        DMatrixRMaj r = scaledColumns(reference, k, weights);
        double[] values = Arrays.copyOf(referenceValues, k);
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        Eigenspaces spaces = Eigenspaces.of(values, clusterTolerance, 1e-9 * max);
        EigenspaceComparison.Result angles = EigenspaceComparison.compare(spaces, r, a);
        double[] clusterCos = new double[angles.spaces().size()];
        for (int g = 0; g < clusterCos.length; g++) {
            double[] th = angles.spaces().get(g).angles();
            double s = 0;
            for (double t : th) {
                s += Math.cos(t);
            }
            clusterCos[g] = s / th.length;
        }
        DMatrixRMaj aligned = Subspaces.alignPerEigenspace(a, r, spaces, null);
        double[] cos = new double[k];
        double[] err = new double[k];
        for (int j = 0; j < k; j++) {
            double dot = 0;
            double aa = 0;
            double rr = 0;
            for (int i = 0; i < n; i++) {
                double x = aligned.get(i, j);
                double y = r.get(i, j);
                dot += x * y;
                aa += x * x;
                rr += y * y;
            }
            cos[j] = Math.abs(dot) / Math.sqrt(aa * rr);
            double ref = referenceValues[j];
            err[j] = ref > 1e-9 * max ? Math.abs(learnedValues[j] - ref) / ref : Double.NaN;
        }
        return new Result(cos, spaces.groups(), clusterCos, err);
    }

    private static DMatrixRMaj scaledColumns(DMatrixRMaj m, int k, double[] w) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, k);
        for (int i = 0; i < m.numRows; i++) {
            double s = w == null ? 1 : Math.sqrt(w[i]);
            for (int j = 0; j < k; j++) {
                out.set(i, j, s * m.get(i, j));
            }
        }
        return out;
    }
}
