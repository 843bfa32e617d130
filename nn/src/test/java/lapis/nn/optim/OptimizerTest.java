package lapis.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.LinearAlgebra;
import lapis.nn.NonFiniteException;
import lapis.nn.Reductions;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Update rules in closed form, schedules, clipping, SOAP on a convex quadratic, and the non-finite guard. */
class OptimizerTest {
    private final Threads threads = Threads.single();

    @AfterEach
    void close() {
        threads.close();
    }

    private static Map<String, Tensor> named(Tensor... ts) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < ts.length; i++) {
            m.put("p" + i, ts[i]);
        }
        return m;
    }

    /** Sets p.grad = g by differentiating sum(p * g). */
    private void setGrad(Tensor p, double[] g) {
        Tape t = Tape.train(threads, 0);
        t.backward(Reductions.sum(t, Arithmetic.mul(t, p, Tensor.of(g, p.shape()))));
    }

    @Test
    void sgdWithMomentumFollowsTheHeavyBallRecursion() {
        Tensor p = Tensor.of(new double[] {1, -2}, 2).variable();
        Sgd sgd = new Sgd(named(p), LearningRateSchedule.constant(0.1), Sgd.Options.defaults());
        setGrad(p, new double[] {0.5, 1});
        sgd.step();
        assertArrayEquals(new double[] {1 - 0.05, -2 - 0.1}, p.toDoubleArray(), 1e-15);
        sgd.zeroGrad();
        setGrad(p, new double[] {0.5, 1});
        sgd.step();
        assertArrayEquals(new double[] {0.95 - 0.1 * (0.9 * 0.5 + 0.5), -2.1 - 0.1 * (0.9 + 1)}, p.toDoubleArray(),
                1e-15);
    }

    @Test
    void nesterovLooksAheadAlongTheMomentum() {
        Tensor p = Tensor.of(new double[] {1}, 1).variable();
        Sgd sgd = new Sgd(named(p), LearningRateSchedule.constant(0.1),
                Sgd.Options.defaults().withMomentum(0.5).withNesterov(true));
        setGrad(p, new double[] {2});
        sgd.step();
        // b = 2, p -= 0.1 (g + 0.5 b) = 0.1 * 3
        assertArrayEquals(new double[] {0.7}, p.toDoubleArray(), 1e-15);
    }

    @Test
    void adamFirstStepMovesEachCoordinateByTheRateAndAdamWAlsoDecays() {
        Tensor p = Tensor.of(new double[] {1, -2, 3}, 3).variable();
        Adam adam = new Adam(named(p), LearningRateSchedule.constant(0.01), Adam.Options.defaults());
        setGrad(p, new double[] {4, -0.001, 2});
        adam.step();
        // first step: mhat = g, vhat = g^2, so p -= lr g / (|g| + eps)
        assertArrayEquals(new double[] {1 - 0.01 * 4 / (4 + 1e-8), -2 + 0.01 * 0.001 / (0.001 + 1e-8),
            3 - 0.01 * 2 / (2 + 1e-8)}, p.toDoubleArray(), 1e-15);
        Tensor q = Tensor.of(new double[] {1, -2}, 2).variable();
        AdamW adamw = new AdamW(named(q), LearningRateSchedule.constant(0.01), AdamW.defaults().withWeightDecay(0.5));
        setGrad(q, new double[] {1, 1});
        adamw.step();
        double step = 0.01 / (1 + 1e-8);
        assertArrayEquals(new double[] {1 * (1 - 0.005) - step, -2 * (1 - 0.005) - step}, q.toDoubleArray(), 1e-15);
    }

    @Test
    void schedulesWarmUpThenDecay() {
        LearningRateSchedule lin = LearningRateSchedule.warmupLinear(1.0, 10, 110);
        assertEquals(0.1, lin.rate(0), 1e-15);
        assertEquals(1.0, lin.rate(9), 1e-15);
        assertEquals(1.0, lin.rate(10), 1e-15);
        assertEquals(0.5, lin.rate(60), 1e-15);
        assertEquals(0.0, lin.rate(110), 0);
        assertEquals(0.0, lin.rate(500), 0);
        LearningRateSchedule cos = LearningRateSchedule.warmupCosine(1.0, 0, 100, 0.1);
        assertEquals(1.0, cos.rate(0), 1e-15);
        assertEquals(0.55, cos.rate(50), 1e-15);
        assertEquals(0.1, cos.rate(100), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.warmupLinear(1, 10, 5));
    }

    @Test
    void clippingScalesTheGlobalNormDownToTheLimit() {
        Tensor a = Tensor.of(new double[] {0, 0}, 2).variable();
        Tensor b = Tensor.of(new double[] {0}, 1).variable();
        setGrad(a, new double[] {3, 0});
        setGrad(b, new double[] {4});
        assertEquals(5, GradientClipping.clipGlobalNorm(List.of(a, b), 1), 1e-15);
        assertArrayEquals(new double[] {0.6, 0}, a.grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0.8}, b.grad().toDoubleArray(), 1e-15);
        assertEquals(1, GradientClipping.clipGlobalNorm(List.of(a, b), 2), 1e-15);
        assertArrayEquals(new double[] {0.8}, b.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void nonFiniteLossOrGradientIsReportedWithTheStepBeforeAnyUpdate() {
        Tensor p = Tensor.of(new double[] {1, 2}, 2).variable();
        Adam adam = new Adam(named(p), LearningRateSchedule.constant(0.1), Adam.Options.defaults());
        double[] before = null;
        for (int s = 1; s <= 3; s++) {
            Tape t = Tape.train(threads, s);
            Tensor scale = Tensor.scalar(DType.F64, s == 3 ? Double.NaN : 1);
            Tensor loss = Reductions.sum(t, Arithmetic.mul(t, Arithmetic.square(t, p), scale));
            t.backward(loss);
            if (s < 3) {
                adam.step(loss.item());
                adam.zeroGrad();
            } else {
                before = p.toDoubleArray();
                double value = loss.item();
                NonFiniteException e = assertThrows(NonFiniteException.class, () -> adam.step(value));
                assertEquals(3, e.step());
                assertEquals("loss", e.where());
                assertTrue(e.getMessage().startsWith("step 3: loss"), e.getMessage());
                NonFiniteException g = assertThrows(NonFiniteException.class, adam::step);
                assertEquals("gradient of 'p0'", g.where());
                assertEquals(0, g.element());
            }
        }
        assertArrayEquals(before, p.toDoubleArray(), 0);
        assertEquals(2, adam.steps());
    }

    /** f(W) = 1/2 ||A W B - C||_F^2 with ill-conditioned A, B and C = A W* B: its minimum is 0 at W*. */
    private double quadratic(Tensor w, Tensor a, Tensor b, Tensor c, boolean backward) {
        Tape t = Tape.train(threads, 0);
        Tensor r = Arithmetic.sub(t, LinearAlgebra.matmul(t, LinearAlgebra.matmul(t, a, w), b), c);
        Tensor loss = Arithmetic.scale(t, Reductions.sum(t, Arithmetic.square(t, r)), 0.5);
        if (backward) {
            t.backward(loss);
        }
        return loss.item();
    }

    private static Tensor conditioned(SplittableRandom rng, int n, double cond) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = Math.pow(cond, -(double) i / (n - 1));
            for (int j = 0; j < n; j++) {
                m[i * n + j] += 0.05 * rng.nextGaussian() * m[i * n + i];
            }
        }
        return Tensor.of(m, n, n);
    }

    private double minimise(Optimizer opt, Tensor w, Tensor a, Tensor b, Tensor c, int steps) {
        double loss = Double.NaN;
        for (int s = 0; s < steps; s++) {
            loss = quadratic(w, a, b, c, true);
            opt.step(loss);
            opt.zeroGrad();
        }
        return quadratic(w, a, b, c, false);
    }

    @Test
    void soapConvergesOnAnIllConditionedConvexQuadratic() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 8;
        Tensor a = conditioned(rng, n, 30);
        Tensor b = conditioned(rng, n, 30);
        Tensor target = Tensor.uniform(DType.F64, rng, -1, 1, n, n);
        Tensor c;
        try (Threads th = Threads.single()) {
            Tape t = Tape.inference(th);
            c = LinearAlgebra.matmul(t, LinearAlgebra.matmul(t, a, target), b);
        }
        Tensor w = Tensor.zeros(DType.F64, n, n).variable();
        double initial = quadratic(w, a, b, c, false);
        Soap soap = new Soap(named(w), LearningRateSchedule.warmupCosine(0.05, 10, 600, 0),
                Soap.Options.defaults().withWeightDecay(0).withFrequency(5), threads);
        assertTrue(soap.isPreconditioned("p0"));
        double end = minimise(soap, w, a, b, c, 600);
        assertTrue(end < 1e-6 * initial, "SOAP: " + initial + " -> " + end);
    }

    /** Feeds gradients g(s) to q from step {@code from} on, p getting one every step, and returns q's values. */
    private double[] lateParameter(java.util.function.Function<Map<String, Tensor>, Optimizer> make, int from) {
        Tensor p = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).variable();
        Tensor q = Tensor.of(new double[] {-1, 0.5, 2, 1, 0, 3}, 2, 3).variable();
        Map<String, Tensor> both = named(p, q);
        Optimizer opt = make.apply(from == 0 ? named(q) : both);
        for (int s = 0; s < from + 5; s++) {
            if (from > 0) {
                setGrad(p, new double[] {1, -1, 2, s});
            }
            if (s >= from) {
                int k = s - from;
                setGrad(q, new double[] {k + 1, -2, 0.5, k * k, 1, -k});
            }
            opt.step();
            opt.zeroGrad();
        }
        return q.toDoubleArray();
    }

    @Test
    void aParameterFirstUpdatedLateIsTreatedAsNew() {
        java.util.function.Function<Map<String, Tensor>, Optimizer> soap = ps -> new Soap(ps,
                LearningRateSchedule.constant(0.1), Soap.Options.defaults().withFrequency(2), threads);
        java.util.function.Function<Map<String, Tensor>, Optimizer> adam = ps -> new Adam(ps,
                LearningRateSchedule.constant(0.1), Adam.Options.defaults());
        assertArrayEquals(lateParameter(soap, 0), lateParameter(soap, 3), 1e-15);
        assertArrayEquals(lateParameter(adam, 0), lateParameter(adam, 3), 1e-15);
    }

    @Test
    void soapFallsBackToAdamForVectorsAndLongSides() {
        Tensor v = Tensor.zeros(DType.F64, 5).variable();
        Tensor m = Tensor.zeros(DType.F64, 3, 4).variable();
        Tensor tall = Tensor.zeros(DType.F64, 50, 60).variable();
        Soap soap = new Soap(named(v, m, tall), LearningRateSchedule.constant(0.1),
                Soap.Options.defaults().withMaxPreconditionerDimension(40), threads);
        assertFalse(soap.isPreconditioned("p0"));
        assertTrue(soap.isPreconditioned("p1"));
        assertFalse(soap.isPreconditioned("p2"));
        Map<String, double[]> state = soap.state();
        assertTrue(state.containsKey("L/p1") && state.containsKey("R/p1") && !state.containsKey("L/p2"));
    }
}
