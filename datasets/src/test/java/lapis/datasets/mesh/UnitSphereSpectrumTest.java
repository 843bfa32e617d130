package lapis.datasets.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import lapis.datasets.points.KnownSpectrum;
import lapis.graph.mesh.CotangentLaplacian;
import lapis.graph.mesh.MassLumping;
import lapis.graph.mesh.MeshLaplacian;
import lapis.graph.mesh.TriangleMesh;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * The cotangent Laplacian of the bundled unit sphere has generalised eigenvalues L v = lambda M v close to l(l+1).
 * Solved densely here (812 vertices; M is diagonal, so the problem is the symmetric M^-1/2 L M^-1/2), since the
 * eigensolvers live in a later module.
 */
class UnitSphereSpectrumTest {

    @Test
    void generalisedEigenvaluesAreWithinFivePercentOfLTimesLPlusOneUpToLThree() {
        TriangleMesh sphere = BundledMeshes.unitSphere();
        double[] exact = KnownSpectrum.sphere(1).smallest(16);
        for (MassLumping lumping : MassLumping.values()) {
            MeshLaplacian m = CotangentLaplacian.of(sphere, lumping);
            assertEquals(sphere.totalArea(), m.totalMass(), 1e-12);
            assertTrue(Math.abs(m.totalMass() - 4 * Math.PI) < 0.01 * 4 * Math.PI, "area " + m.totalMass());
            double[] lambda = eigenvalues(m);
            assertEquals(0, lambda[0], 1e-9);
            for (int k = 1; k < 16; k++) {
                double rel = Math.abs(lambda[k] - exact[k]) / exact[k];
                assertTrue(rel < 0.05, lumping + ": eigenvalue " + k + " = " + lambda[k] + ", exact " + exact[k]);
            }
            assertTrue(lambda[16] > 16, lumping + ": l = 4 (20) starts at index 16, found " + lambda[16]);
        }
    }

    private static double[] eigenvalues(MeshLaplacian m) {
        int n = m.size();
        DMatrixRMaj a = m.stiffness().toDense();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.data[i * n + j] /= Math.sqrt(m.mass(i) * m.mass(j));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        assertTrue(eig.decompose(a));
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(values);
        return values;
    }
}
