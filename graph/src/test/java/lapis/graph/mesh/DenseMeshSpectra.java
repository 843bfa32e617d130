package lapis.graph.mesh;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The dense reference for mesh spectra in tests of modules without an eigensolver: L v = lambda M v with a lumped
 * (diagonal) M is the symmetric problem M^-1/2 L M^-1/2, solved by EJML. O(n^3); for meshes of a few thousand
 * vertices at most.
 */
public final class DenseMeshSpectra {
    private DenseMeshSpectra() {
    }

    /** All generalised eigenvalues of the mesh Laplacian, ascending. */
    public static double[] generalisedEigenvalues(MeshLaplacian m) {
        int n = m.size();
        DMatrixRMaj a = m.stiffness().toDense();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.data[i * n + j] /= Math.sqrt(m.mass(i) * m.mass(j));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(a)) {
            throw new IllegalStateException("EJML's symmetric eigendecomposition failed on " + n + " x " + n);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(values);
        return values;
    }
}
