package lapis.bases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lapis.graph.knn.SpherePoints;
import lapis.graph.knn.PointSet;
import lapis.nn.DType;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import lapis.spectral.EigenResult;
import lapis.spectral.dense.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DiffusionProbesTest {
    private final PointSet points = SpherePoints.uniform(300, 3);
    private final DiffusionProbes probes = DiffusionProbes.of(points, new DiffusionProbes.Options(12, 3));

    /**
     * The default T aims the K-th captured variance at e^-4 of the first through Weyl's law: on 1,200 sphere points
     * with K = 16 (the l <= 3 harmonics), mu_K / mu_1 = (1 - lambda_K)^{2T} from the dense spectrum of S must lie
     * between e^-5 and e^-2.5. Not nearer e^-4: at small K Weyl's law overestimates lambda_K (4 pi K / area = 16
     * against l(l+1) = 12 here), so the damping is about e^-3.
     */
    @Test
    void theDefaultStepsDampTheKthCapturedVarianceByAboutEToTheMinusFour() {
        PointSet sphere = SpherePoints.uniform(1200, 8);
        int k = 16;
        DiffusionProbes d = DiffusionProbes.forFunctions(sphere, k);
        double[] values = SymmetricEigen.eigenvalues(d.diffusion().toDense());
        int n = sphere.size();
        int t = d.options().steps();
        double ratio = Math.pow(values[n - k] / values[n - 1], 2.0 * t);
        assertTrue(Math.log(ratio) > -5 && Math.log(ratio) < -2.5, "T = " + t + ": mu_K / mu_1 = e^" + Math.log(ratio));
    }

    @Test
    void theTopEigenvectorOfTheDiffusionIsTheSquareRootOfTheMassesWithEigenvalueOne() {
        EigenResult all = SymmetricEigen.of(probes.diffusion().toDense());
        int n = points.size();
        assertEquals(1.0, all.eigenvalue(n - 1), 1e-12);
        DMatrixRMaj v = all.eigenvectors(null);
        double[] m = probes.masses();
        double norm = 0;
        for (double x : m) {
            norm += x;
        }
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += v.get(i, n - 1) * Math.sqrt(m[i] / norm);
        }
        assertEquals(1.0, Math.abs(dot), 1e-10);
    }

    @Test
    void probeCoefficientsAverageToTheirClosedFormExpectationAndItToTheEigenvaluesOfSPowered() {
        int n = points.size();
        EigenResult all = SymmetricEigen.of(probes.diffusion().toDense());
        DMatrixRMaj v = all.eigenvectors(null);
        int k = 3;
        double[] b = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                b[i * k + j] = Math.sqrt(n) * v.get(i, n - 1 - j);
            }
        }
        Tensor basis = Tensor.of(DType.F64, b, n, k);
        try (Threads one = Threads.single(); Tape t = Tape.inference(one)) {
            double[] exact = NestedProjectionLoss.capturedVariance(probes.coefficients(t, basis, 0, 0));
            double[] sampled = NestedProjectionLoss.capturedVariance(probes.coefficients(t, basis, 20000, 9));
            for (int j = 0; j < k; j++) {
                double mu = Math.pow(all.eigenvalue(n - 1 - j), 6) / n;
                assertEquals(mu, exact[j], 1e-6 * mu, "closed form, function " + j);
                assertEquals(mu, sampled[j], 0.05 * mu, "20,000 Rademacher probes, function " + j);
            }
        }
        assertTrue(probes.meanEnergy() > 0 && probes.meanEnergy() < 1);
    }

    /**
     * The mean energy tr(S^{2T}) / N against the dense spectrum: on the test sphere within 5% (a broad spectrum,
     * where the error is that of Hutchinson on the part left after deflation), and on two far-apart clusters
     * with a long diffusion, where S^{2T} is nearly of rank 2 and plain Hutchinson with 64 vectors errs by about
     * sqrt(2 / 64) = 18% while Hutch++ captures the two directions exactly.
     */
    @Test
    void theMeanEnergyIsTheTraceOfTheProbeCovariance() {
        assertEquals(exactEnergy(probes, 3), probes.meanEnergy(), 0.05 * exactEnergy(probes, 3), "broad spectrum");
        PointSet a = SpherePoints.uniform(150, 1);
        double[] x = new double[600 * 3];
        for (int i = 0; i < 150 * 3; i++) {
            x[i] = a.toRowMajor()[i];
            x[450 + i] = a.toRowMajor()[i] + (i % 3 == 0 ? 10 : 0);
        }
        PointSet two = PointSet.of(3, java.util.Arrays.copyOf(x, 900));
        DiffusionProbes clustered = DiffusionProbes.of(two, new DiffusionProbes.Options(12, 200));
        double exact = exactEnergy(clustered, 200);
        assertEquals(exact, clustered.meanEnergy(), 1e-3 * exact);
    }

    private static double exactEnergy(DiffusionProbes d, int steps) {
        double sum = 0;
        for (double v : SymmetricEigen.eigenvalues(d.diffusion().toDense())) {
            sum += Math.pow(v, 2.0 * steps);
        }
        return sum / d.size();
    }
}
