package lapis.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Forward values of the operations against closed forms, and the rules of the tape. */
class OpValueTest {
    private final Threads threads = Threads.of(2);

    @AfterEach
    void close() {
        threads.close();
    }

    private Tape tape() {
        return Tape.train(threads, 7);
    }

    @Test
    void broadcastingFollowsRowsColumnsAndScalars() {
        Tape t = tape();
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36},
                Arithmetic.add(t, x, Tensor.of(new double[] {10, 20, 30}, 3)).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 2, 2, 3, 4},
                Arithmetic.sub(t, x, Tensor.of(new double[] {1, 2}, 2, 1)).toDoubleArray());
        assertArrayEquals(new double[] {2, 1, 2.0 / 3, 0.5, 0.4, 2.0 / 6},
                Arithmetic.div(t, Tensor.scalar(DType.F64, 2), x).toDoubleArray(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arithmetic.add(t, x, Tensor.zeros(DType.F64, 3, 2)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Arithmetic.add(t, x, Tensor.zeros(DType.F32, 2, 3)));
    }

    @Test
    void functionsMatchClosedForms() {
        Tape t = tape();
        Tensor x = Tensor.of(new double[] {-1.5, 0, 0.5, 2}, 4);
        assertArrayEquals(new double[] {0, 0, 0.5, 2}, Activations.relu(t, x).toDoubleArray());
        double[] sig = Activations.sigmoid(t, x).toDoubleArray();
        double[] silu = Activations.silu(t, x).toDoubleArray();
        double[] gelu = Activations.gelu(t, x).toDoubleArray();
        for (int i = 0; i < 4; i++) {
            double v = x.getFlat(i);
            assertEquals(1 / (1 + Math.exp(-v)), sig[i], 1e-15);
            assertEquals(v * sig[i], silu[i], 1e-15);
            assertEquals(0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))), gelu[i],
                    1e-15);
        }
        assertEquals(0.0, Activations.gelu(t, Tensor.scalar(DType.F64, 0)).item());
        Tensor ls = Losses.logSoftmax(t, Tensor.of(new double[] {0, Math.log(2), 0}, 1, 3));
        assertArrayEquals(new double[] {-Math.log(4), -Math.log(2), -Math.log(4)}, ls.toDoubleArray(), 1e-15);
    }

    @Test
    void reductionsAndLossesMatchHandComputedValues() {
        Tape t = tape();
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {5, 7, 9}, Reductions.sum(t, x, 0).toDoubleArray());
        assertArrayEquals(new double[] {2, 5}, Reductions.mean(t, x, 1).toDoubleArray());
        assertEquals(21, Reductions.sum(t, x).item());
        Tensor y = Tensor.of(new double[] {1, 0, 3, 4, 7, 6}, 2, 3);
        assertEquals((2 + 2) / 6.0, Losses.l1(t, x, y).item(), 1e-15);
        assertEquals((4 + 4) / 6.0, Losses.mse(t, x, y).item(), 1e-15);
        Tensor logits = Tensor.of(new double[] {0, 0, 0, 0}, 2, 2);
        assertEquals(Math.log(2), Losses.crossEntropy(t, logits, new int[] {1, 0}).item(), 1e-15);
    }

    @Test
    void gatherScatterAndSegmentMeanAreAdjointAndAverage() {
        Tape t = tape();
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Index idx = Index.of(new int[] {2, 0, 2}, 3);
        assertArrayEquals(new double[] {5, 6, 1, 2, 5, 6}, MessagePassing.gather(t, x, idx).toDoubleArray());
        assertArrayEquals(new double[] {3, 4, 0, 0, 6, 8}, MessagePassing.scatterSum(t, x, idx).toDoubleArray());
        Index seg = Index.ofOffsets(new int[] {0, 2, 2, 3});
        assertArrayEquals(new double[] {2, 3, 0, 0, 5, 6}, MessagePassing.segmentMean(t, x, seg).toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Index.of(new int[] {0, 3}, 3));
        assertTrue(e.getMessage().contains("position 1"), e.getMessage());
    }

    @Test
    void sparseMultiplyMatchesTheDenseProductAndTheGraphLaplacian() {
        lapis.graph.Graph g = lapis.graph.Graph.fromEdges(4, new int[] {0, 1, 2}, new int[] {1, 2, 3},
                new double[] {1, 2, 0.5}, lapis.graph.GraphOptions.defaults());
        lapis.graph.Laplacian lap = lapis.graph.Laplacian.of(g, lapis.graph.Normalization.COMBINATORIAL);
        SparseMatrix s = SparseMatrix.of(lap);
        Tensor b = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2);
        Tape t = tape();
        double[] expected = LinearAlgebra.matmul(t, Tensor.of(lap.toDense().data, 4, 4), b).toDoubleArray();
        assertArrayEquals(expected, MessagePassing.sparseMultiply(t, s, b).toDoubleArray(), 1e-15);
        assertArrayEquals(expected, MessagePassing.sparseMultiply(t, s, b.to(DType.F32)).toDoubleArray(), 1e-5);
        SparseMatrix r = SparseMatrix.of(2, 3, new int[] {1, 0, 1}, new int[] {2, 0, 2}, new double[] {1, 2, 3});
        assertArrayEquals(new double[] {2, 0, 0, 0, 0, 4},
                MessagePassing.sparseMultiply(t, r.transpose(), Tensor.of(new double[] {1, 0, 0, 1}, 2, 2))
                        .toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.of(2, 2, new int[] {0}, new int[] {2}, new double[] {1}));
        assertTrue(e.getMessage().contains("entry 0 (0, 2)"), e.getMessage());
    }

    /** The fused linear map gives the bits of matmul, add and relu, forward and backward, with a workspace. */
    @Test
    void fusedLinearEqualsTheComposedOperationsBitForBit() {
        SplittableRandom rng = new SplittableRandom(4);
        Tensor x = Tensor.uniform(DType.F32, rng, -1, 1, 300, 40).variable();
        Tensor w = Tensor.uniform(DType.F32, rng, -1, 1, 40, 70).variable();
        Tensor b = Tensor.uniform(DType.F32, rng, -1, 1, 70).variable();
        Tensor r = Tensor.uniform(DType.F32, rng, -1, 1, 300, 70);
        Workspace ws = new Workspace();
        double[][] grads = new double[6][];
        double[][] values = new double[2][];
        for (int fused = 0; fused < 2; fused++) {
            for (Tensor p : List.of(x, w, b)) {
                p.zeroGrad();
            }
            try (Tape t = Tape.train(threads, 1, ws)) {
                Tensor y = fused == 1 ? FusedLayers.linear(t, x, w, b, true)
                        : Activations.relu(t, Arithmetic.add(t, LinearAlgebra.matmul(t, x, w), b));
                values[fused] = y.toDoubleArray();
                t.backward(Reductions.sum(t, Arithmetic.mul(t, y, r)));
            }
            grads[3 * fused] = x.grad().toDoubleArray();
            grads[3 * fused + 1] = w.grad().toDoubleArray();
            grads[3 * fused + 2] = b.grad().toDoubleArray();
        }
        assertArrayEquals(values[0], values[1]);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(grads[k], grads[3 + k], "gradient " + k);
        }
    }

    @Test
    void ginAggregateIsTheSelfTermPlusTheNeighbourSum() {
        SparseMatrix s = SparseMatrix.of(3, 3, new int[] {0, 1, 1, 2}, new int[] {1, 0, 2, 1},
                new double[] {1, 1, 2, 2});
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Tensor eps = Tensor.of(new double[] {0.5}, 1);
        Tape t = tape();
        assertArrayEquals(new double[] {1.5 + 3, 3 + 4, 4.5 + 1 + 10, 6 + 2 + 12, 7.5 + 6, 9 + 8},
                FusedLayers.ginAggregate(t, s, x, eps).toDoubleArray(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FusedLayers.ginAggregate(t, SparseMatrix.of(3, 2, new int[0], new int[0], new double[0]), x,
                        eps));
        assertTrue(e.getMessage().contains("3 x 2"), e.getMessage());
    }

    @Test
    void normalisationsStandardise() {
        SplittableRandom rng = new SplittableRandom(1);
        Tensor x = Tensor.uniform(DType.F64, rng, -3, 5, 50, 4);
        Tensor ones = Tensor.full(DType.F64, 1, 4);
        Tensor zeros = Tensor.zeros(DType.F64, 4);
        Tape t = tape();
        double[] mean = new double[4];
        double[] var = new double[4];
        Tensor bn = NormalizationLayers.batchNorm(t, x, ones, zeros, null, 0, mean, var);
        double[] colMean = Reductions.mean(t, bn, 0).toDoubleArray();
        double[] colSq = Reductions.mean(t, Arithmetic.square(t, bn), 0).toDoubleArray();
        double[] xm = Reductions.mean(t, x, 0).toDoubleArray();
        for (int c = 0; c < 4; c++) {
            assertEquals(0, colMean[c], 1e-12);
            assertEquals(1, colSq[c], 1e-12);
            assertEquals(xm[c], mean[c], 1e-12);
        }
        Tensor ln = NormalizationLayers.layerNorm(t, x, ones, zeros, 0);
        double[] rowMean = Reductions.mean(t, ln, 1).toDoubleArray();
        double[] rowSq = Reductions.mean(t, Arithmetic.square(t, ln), 1).toDoubleArray();
        for (int r = 0; r < 50; r++) {
            assertEquals(0, rowMean[r], 1e-12);
            assertEquals(1, rowSq[r], 1e-12);
        }
        boolean[] mask = new boolean[50];
        for (int r = 0; r < 25; r++) {
            mask[r] = true;
        }
        Tensor masked = NormalizationLayers.batchNorm(t, x, ones, zeros, mask, 0, null, null);
        Tensor top = NormalizationLayers.batchNorm(t, Shapes.slice(t, x, 0, 0, 25), ones, zeros, null, 0, null, null);
        assertArrayEquals(top.toDoubleArray(), Shapes.slice(t, masked, 0, 0, 25).toDoubleArray(), 1e-12);
    }

    @Test
    void castWidensExactlyAndCarriesTheGradientBackInTheInputsType() {
        Tensor x = Tensor.of(new float[] {0.1f, -2.5f, 3e-8f, 7f}, 2, 2).variable();
        Tape t = tape();
        Tensor wide = Shapes.cast(t, x, DType.F64);
        assertEquals(DType.F64, wide.dtype());
        for (int i = 0; i < 4; i++) {
            assertEquals((double) x.toFloatArray()[i], wide.getFlat(i), 0.0);
        }
        t.backward(Reductions.sum(t, Arithmetic.square(t, wide)));
        assertEquals(DType.F32, x.grad().dtype());
        for (int i = 0; i < 4; i++) {
            assertEquals(2 * x.getFlat(i), x.grad().getFlat(i), 1e-6 * Math.abs(x.getFlat(i)));
        }
        assertSame(wide, Shapes.cast(t, wide, DType.F64));
    }

    @Test
    void orthonormalizeGivesWeightedOrthonormalColumnsSpanningTheSamePrefixes() {
        SplittableRandom rng = new SplittableRandom(4);
        Tensor q = Tensor.uniform(DType.F64, rng, -1, 1, 40, 5);
        Tensor w = Tensor.uniform(DType.F64, rng, 0.2, 2, 40);
        Tape t = tape();
        Tensor b = LinearAlgebra.orthonormalize(t, q, w);
        Tensor gram = LinearAlgebra.matmul(t, b, Arithmetic.mul(t, b, Shapes.reshape(t, w, 40, 1)), true, false);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(i == j ? 1 : 0, gram.get(i, j), 1e-12);
            }
        }
        // B = Q R^-1 with R upper triangular: column k of B lies in the span of Q's first k + 1 columns,
        // so the residual of projecting B's first column on Q's first column vanishes
        double dot = 0;
        double qq = 0;
        for (int r = 0; r < 40; r++) {
            dot += b.get(r, 0) * q.get(r, 0);
            qq += q.get(r, 0) * q.get(r, 0);
        }
        for (int r = 0; r < 40; r++) {
            assertEquals(dot / qq * q.get(r, 0), b.get(r, 0), 1e-12);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearAlgebra.cholesky(t, Tensor.of(new double[] {1, 2, 2, 1}, 2, 2)));
        assertTrue(e.getMessage().contains("pivot 1"), e.getMessage());
    }

    @Test
    void gradientsAccumulateOverUsesAndCalls() {
        Tensor w = Tensor.of(new double[] {2}, 1).variable();
        Tape t = tape();
        Tensor y = Arithmetic.add(t, Arithmetic.mul(t, w, w), w);
        t.backward(Reductions.sum(t, y));
        assertEquals(5, w.grad().item());
        Tape t2 = tape();
        t2.backward(Reductions.sum(t2, Arithmetic.mul(t2, w, w)));
        assertEquals(9, w.grad().item());
        w.zeroGrad();
        assertEquals(null, w.grad());
    }

    @Test
    void inputsThatNeedNoGradientAreNotRecorded() {
        Tape t = tape();
        Tensor c = Tensor.of(new double[] {1, 2}, 2);
        Tensor y = Arithmetic.exp(t, Arithmetic.mul(t, c, c));
        assertEquals(0, t.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.backward(Reductions.sum(t, y)));
        assertTrue(e.getMessage().contains("does not depend"), e.getMessage());
        Tensor w = Tensor.of(new double[] {1, 2}, 2).variable();
        Tape inf = Tape.inference(threads);
        assertTrue(!Arithmetic.exp(inf, w).requiresGrad());
    }

    @Test
    void gradientsWithRespectToIntermediateResults() {
        Tensor w = Tensor.of(new double[] {0.5, -1}, 2).variable();
        Tape t = tape();
        Tensor h = Activations.tanh(t, w);
        Tensor loss = Reductions.sum(t, Arithmetic.square(t, h));
        List<Tensor> g = t.gradients(loss, List.of(h, w), false);
        for (int i = 0; i < 2; i++) {
            double th = Math.tanh(w.getFlat(i));
            assertEquals(2 * th, g.get(0).getFlat(i), 1e-15);
            assertEquals(2 * th * (1 - th * th), g.get(1).getFlat(i), 1e-15);
        }
        assertEquals(null, w.grad());
    }

    @Test
    void dropoutKeepsTheExpectedFractionAndIsReproducible() {
        Tape t = tape();
        Tensor x = Tensor.full(DType.F32, 1, 200, 50);
        Tensor a = Regularization.dropout(t, x, 0.3, 11);
        Tensor b = Regularization.dropout(t, x, 0.3, 11);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        double kept = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.getFlat(i) != 0) {
                kept++;
                assertEquals(1 / 0.7, a.getFlat(i), 1e-6);
            }
        }
        assertEquals(0.7, kept / a.size(), 0.02);
    }
}
