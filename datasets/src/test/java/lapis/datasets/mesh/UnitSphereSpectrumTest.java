package lapis.datasets.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lapis.datasets.points.KnownSpectrum;
import lapis.graph.mesh.CotangentLaplacian;
import lapis.graph.mesh.DenseMeshSpectra;
import lapis.graph.mesh.MassLumping;
import lapis.graph.mesh.MeshLaplacian;
import lapis.graph.mesh.TriangleMesh;
import org.junit.jupiter.api.Test;

/**
 * The cotangent Laplacian of the bundled unit sphere has generalised eigenvalues L v = lambda M v close to l(l+1).
 * Solved densely ({@link DenseMeshSpectra}, 812 vertices), since the eigensolvers live in a later module.
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
            double[] lambda = DenseMeshSpectra.generalisedEigenvalues(m);
            assertEquals(0, lambda[0], 1e-9);
            for (int k = 1; k < 16; k++) {
                double rel = Math.abs(lambda[k] - exact[k]) / exact[k];
                assertTrue(rel < 0.05, lumping + ": eigenvalue " + k + " = " + lambda[k] + ", exact " + exact[k]);
            }
            assertTrue(lambda[16] > 16, lumping + ": l = 4 (20) starts at index 16, found " + lambda[16]);
        }
    }
}
