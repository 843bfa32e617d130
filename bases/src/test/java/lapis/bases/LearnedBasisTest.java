package lapis.bases;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import lapis.graph.knn.SpherePoints;
import lapis.graph.knn.PointSet;
import lapis.nn.Threads;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small sphere trained fast: first eigenspaces, eigenvalues, out-of-sample, save and load, threads. */
class LearnedBasisTest {
    private static final int N = 600;
    private static final int K = 4;
    private static final PointSet POINTS = SpherePoints.uniform(N, 11);

    private static LearnedBasis train(int threads) {
        DiffusionProbes probes = DiffusionProbes.forFunctions(POINTS, 64, 9);
        try (Threads th = Threads.of(threads)) {
            return new SpectralBasisTrainer(SpectralBasisTrainer.Options.defaults().withSteps(250).withWarmup(20)
                    .withLearningRate(3e-3)).train(POINTS, probes, CoordinateNetwork.Options.defaults(K).withHidden(32)
                    .withFourierFeatures(16).withLayers(3), th, null);
        }
    }

    private static final LearnedBasis BASIS = train(1);

    /** The l = 1 eigenspace is spanned by the coordinates x, y, z. */
    @Test
    void theSecondToFourthFunctionsSpanTheCoordinatesAndTheirEigenvalueIsTwo() {
        double[] psi;
        try (Threads one = Threads.single()) {
            psi = BASIS.eigenfunctions(POINTS, one);
        }
        DMatrixRMaj ref = new DMatrixRMaj(N, K);
        for (int i = 0; i < N; i++) {
            ref.set(i, 0, 1);
            for (int a = 0; a < 3; a++) {
                ref.set(i, a + 1, Math.sqrt(3) * POINTS.coordinate(i, a));
            }
        }
        BasisComparison.Result r = BasisComparison.compare(DMatrixRMaj.wrap(N, K, psi), BASIS.eigenvalues(), ref,
                new double[] {0, 2, 2, 2}, null, 0.02);
        assertTrue(r.clusterCosines()[0] > 0.999, "constant " + r.clusterCosines()[0]);
        assertTrue(r.clusterCosines()[1] > 0.95, "l = 1: " + r.clusterCosines()[1]);
        for (int j = 1; j < K; j++) {
            assertEquals(2.0, BASIS.eigenvalues()[j], 0.3, "eigenvalue " + j);
        }
    }

    @Test
    void evaluationAtTheTrainingPointsIsOrthonormalInTheSamplingMeasure() {
        double[] q = BASIS.evaluate(POINTS);
        for (int a = 0; a < K; a++) {
            for (int b = 0; b < K; b++) {
                double s = 0;
                for (int i = 0; i < N; i++) {
                    s += q[i * K + a] * q[i * K + b] / N;
                }
                assertEquals(a == b ? 1 : 0, s, 1e-5, a + "," + b);
            }
        }
    }

    @Test
    void saveAndLoadRoundTripBitForBit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b.lapisbasis");
        BASIS.save(file);
        LearnedBasis back = LearnedBasis.load(file);
        PointSet fresh = SpherePoints.uniform(50, 99);
        assertArrayEquals(BASIS.evaluate(fresh), back.evaluate(fresh), 0.0);
        assertArrayEquals(BASIS.eigenvalues(), back.eigenvalues(), 0.0);
        assertArrayEquals(BASIS.training().lossCurve(), back.training().lossCurve(), 0.0);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        org.junit.jupiter.api.Assertions.assertThrows(lapis.nn.checkpoint.CheckpointException.class,
                () -> LearnedBasis.load(file));
    }

    @Test
    void theSameSeedGivesTheSameBasisOnTwoThreads() {
        LearnedBasis two = train(2);
        assertArrayEquals(BASIS.evaluate(POINTS), two.evaluate(POINTS), 0.0);
    }
}
