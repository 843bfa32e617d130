package lapis.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pooled result arrays give the same numbers as fresh ones and are reused across steps. */
class WorkspaceTest {

    @Test
    void capacitiesRoundUpByAtMostOneEighth() {
        assertEquals(100, Workspace.capacity(100));
        for (int n : new int[] {4096, 4097, 5000, 367_360, 1 << 20, (1 << 20) + 1, 123_456_789}) {
            int c = Workspace.capacity(n);
            assertTrue(c >= n && c <= n + n / 8 + 1, n + " -> " + c);
            assertEquals(c, Workspace.capacity(c), "capacities are fixed points");
        }
    }

    /**
     * Steps growing in size: without dropping, every step would add a new set of arrays; with it, the free pool
     * stays within 5/4 of the peak in use.
     */
    @Test
    void growingStepsDoNotAccumulateArrays() {
        Workspace ws = new Workspace();
        try (Threads th = Threads.single()) {
            for (int s = 0; s < 30; s++) {
                int rows = 1000 + 300 * s;
                try (Tape t = Tape.train(th, 0, ws)) {
                    Tensor x = Tensor.full(DType.F32, 1, rows, 64);
                    Activations.relu(t, Arithmetic.affine(t, Arithmetic.affine(t, x, 2, 1), 3, -1));
                }
                assertTrue(ws.freeBytes() <= ws.peakBytes() + ws.peakBytes() / 4, "step " + s + ": "
                        + ws.freeBytes() + " bytes free, peak in use " + ws.peakBytes());
            }
            assertTrue(ws.bytes() > 3 * ws.peakBytes(), "the steps did need new arrays: " + ws.bytes());
        }
    }

    /** Steps of changing sizes reuse larger free arrays: the pool holds what the largest step needs, not more. */
    @Test
    void stepsOfChangingSizesDoNotGrowThePool() {
        Workspace ws = new Workspace();
        SplittableRandom rng = new SplittableRandom(3);
        try (Threads th = Threads.single()) {
            long afterLargest = 0;
            for (int s = 0; s < 40; s++) {
                int rows = s == 0 ? 2000 : 1000 + rng.nextInt(1000);
                try (Tape t = Tape.train(th, 0, ws)) {
                    Tensor x = Tensor.full(DType.F32, 1, rows, 64);
                    Tensor y = Activations.relu(t, Arithmetic.affine(t, Arithmetic.affine(t, x, 2, 1), 3, -1));
                    assertEquals(rows * 64 * 8.0, Reduce.total(y), 1e-6 * rows * 64);
                }
                if (s == 0) {
                    afterLargest = ws.bytes();
                }
            }
            assertEquals(afterLargest, ws.bytes(), "smaller steps took no new arrays");
        }
    }

    private static double[] step(Tensor w, Tensor x, Tape t) {
        Tensor h = Activations.relu(t, LinearAlgebra.matmul(t, x, w));
        int[] seg = new int[x.dim(0)];
        for (int i = 0; i < seg.length; i++) {
            seg[i] = (i * 7) % 40;
        }
        Tensor loss = Reductions.sum(t, Arithmetic.square(t, MessagePassing.scatterSum(t, h, Index.of(seg, 40))));
        List<Tensor> g = t.gradients(loss, List.of(w), false);
        return g.get(0).toDoubleArray();
    }

    @Test
    void stepsWithAWorkspaceMatchStepsWithoutAndReuseArrays() {
        SplittableRandom rng = new SplittableRandom(2);
        Tensor w = Tensor.uniform(DType.F32, rng, -1, 1, 64, 128).variable();
        Tensor x = Tensor.uniform(DType.F32, rng, -1, 1, 80, 64);
        Workspace ws = new Workspace();
        try (Threads th = Threads.of(2)) {
            double[] plain = step(w, x, Tape.train(th, 0));
            long bytes = 0;
            for (int s = 0; s < 3; s++) {
                // garbage in the pooled arrays must not leak into results
                try (Tape t = Tape.train(th, 0, ws)) {
                    Tensor junk = Arithmetic.affine(t, Tensor.full(DType.F32, Float.NaN, 80, 128), 1, 0);
                    Tensor junk2 = Arithmetic.affine(t, Tensor.full(DType.F32, Float.NaN, 40, 128), 1, 0);
                    assertTrue(Double.isNaN(junk.getFlat(0)) && Double.isNaN(junk2.getFlat(0)));
                }
                try (Tape t = Tape.train(th, 0, ws)) {
                    assertArrayEquals(plain, step(w, x, t));
                }
                if (s == 0) {
                    bytes = ws.bytes();
                    assertTrue(bytes >= 4L * 80 * 128, "results were pooled");
                }
            }
            assertEquals(bytes, ws.bytes(), "later steps take no new arrays");
            Tape closed = Tape.train(th, 0, ws);
            closed.close();
            assertThrows(IllegalStateException.class, () -> Activations.relu(closed, x));
        }
    }
}
