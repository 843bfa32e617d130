package lapis.bases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import lapis.graph.knn.SpherePoints;
import lapis.graph.knn.PointSet;
import lapis.nn.DType;
import lapis.nn.LinearAlgebra;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import org.junit.jupiter.api.Test;

class NestedProjectionLossTest {
    /** The smoothing runs in float32, so the step is 1e-3: its round-off (1e-7) then stays below 1e-4 of the slope. */
    @Test
    void gradientThroughOrthonormalisationDiffusionAndLossMatchesCentralDifferences() {
        PointSet points = SpherePoints.uniform(60, 5);
        DiffusionProbes probes = DiffusionProbes.of(points, new DiffusionProbes.Options(8, 2));
        int n = 60;
        int k = 3;
        SplittableRandom r = new SplittableRandom(1);
        double[] q0 = new double[n * k];
        for (int i = 0; i < q0.length; i++) {
            q0[i] = r.nextDouble(-1, 1);
        }
        Tensor w = Tensor.full(DType.F64, 1.0 / n, n);
        Tensor q = Tensor.of(DType.F64, q0, n, k).variable();
        try (Threads one = Threads.single()) {
            Tape t = Tape.train(one, 0);
            Tensor loss = loss(t, q, w, probes);
            List<Tensor> g = t.gradients(loss, List.of(q), false);
            double h = 1e-3;
            for (int e : new int[] {0, 7, 100, 179}) {
                double[] plus = q0.clone();
                double[] minus = q0.clone();
                plus[e] += h;
                minus[e] -= h;
                double fd = (value(plus, n, k, w, probes) - value(minus, n, k, w, probes)) / (2 * h);
                assertEquals(fd, g.get(0).getFlat(e), 2e-3 * Math.abs(fd) + 1e-7, "entry " + e);
            }
        }
    }

    private static Tensor loss(Tape t, Tensor q, Tensor w, DiffusionProbes probes) {
        return NestedProjectionLoss.of(t, probes.coefficients(t, LinearAlgebra.orthonormalize(t, q, w), 0, 0),
                probes.meanEnergy());
    }

    private static double value(double[] q, int n, int k, Tensor w, DiffusionProbes probes) {
        try (Threads one = Threads.single(); Tape t = Tape.inference(one)) {
            return loss(t, Tensor.of(DType.F64, q, n, k), w, probes).item();
        }
    }

    @Test
    void theLossIsSmallestForTheTopEigenvectorsInOrderAndLargerWhenTwoAreSwapped() {
        PointSet points = SpherePoints.uniform(200, 6);
        DiffusionProbes probes = DiffusionProbes.of(points, new DiffusionProbes.Options(10, 3));
        int n = 200;
        var all = lapis.spectral.dense.SymmetricEigen.of(probes.diffusion().toDense());
        var v = all.eigenvectors(null);
        double[] ordered = new double[n * 3];
        double[] swapped = new double[n * 3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                ordered[i * 3 + j] = Math.sqrt(n) * v.get(i, n - 1 - j);
                swapped[i * 3 + j] = Math.sqrt(n) * v.get(i, n - 1 - (j == 0 ? 1 : j == 1 ? 0 : 2));
            }
        }
        try (Threads one = Threads.single(); Tape t = Tape.inference(one)) {
            double best = NestedProjectionLoss.of(t, probes.coefficients(t, Tensor.of(DType.F64, ordered, n, 3), 0, 0),
                    probes.meanEnergy()).item();
            double worse = NestedProjectionLoss.of(t, probes.coefficients(t, Tensor.of(DType.F64, swapped, n, 3), 0,
                    0), probes.meanEnergy()).item();
            org.junit.jupiter.api.Assertions.assertTrue(best < worse, best + " vs " + worse);
        }
    }
}
