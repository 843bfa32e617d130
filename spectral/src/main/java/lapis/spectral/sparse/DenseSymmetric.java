package lapis.spectral.sparse;

import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Eigen-decomposition of the small dense projected matrices (Rayleigh-Ritz), through EJML's symmetric QR. */
final class DenseSymmetric {
    private DenseSymmetric() {
    }

    /**
     * Eigenvalues of the symmetric h, descending when {@code descending}, else ascending; the matching unit
     * eigenvectors go to the columns of vectors (m x m, overwritten) when it is not null. h: not modified.
     */
    static double[] decompose(DMatrixRMaj h, boolean descending, DMatrixRMaj vectors) {
        int m = h.numRows;
        if (m == 0) {
            return new double[0];
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, vectors != null, true);
        if (!eig.decompose(h.copy())) {
            throw new IllegalStateException("symmetric eigen-decomposition of a " + m + "x" + m
                    + " projected matrix failed");
        }
        Integer[] order = new Integer[m];
        double[] ev = new double[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
            ev[i] = eig.getEigenvalue(i).real;
        }
        Comparator<Integer> byValue = Comparator.comparingDouble(i -> ev[i]);
        Arrays.sort(order, descending ? byValue.reversed() : byValue);
        double[] sorted = new double[m];
        for (int t = 0; t < m; t++) {
            sorted[t] = ev[order[t]];
            if (vectors != null) {
                DMatrixRMaj col = eig.getEigenVector(order[t]);
                double nrm = 0;
                for (int i = 0; i < m; i++) {
                    nrm += col.data[i] * col.data[i];
                }
                nrm = Math.sqrt(nrm);
                for (int i = 0; i < m; i++) {
                    vectors.data[i * m + t] = col.data[i] / nrm;
                }
            }
        }
        return sorted;
    }
}
