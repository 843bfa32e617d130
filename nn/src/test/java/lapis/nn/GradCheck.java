package lapis.nn;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Central finite differences in float64 against the tape's gradients and Hessian-vector products. The scalar
 * checked is sum(f(x) * R) for a fixed random R, so every output element and every input element takes part.
 */
final class GradCheck {
    private GradCheck() {
    }

    static final double H = 1e-6;

    static double loss(BiFunction<Tape, Tensor[], Tensor> f, Tensor[] inputs, Tensor weights) {
        try (Threads th = Threads.single()) {
            Tape t = Tape.inference(th);
            return Reduce.total(Arithmetic.mul(t, f.apply(t, inputs), weights));
        }
    }

    static Tensor weightsFor(BiFunction<Tape, Tensor[], Tensor> f, Tensor[] inputs, long seed) {
        try (Threads th = Threads.single()) {
            Tensor out = f.apply(Tape.inference(th), inputs);
            return Tensor.uniform(DType.F64, new SplittableRandom(seed), -1, 1, out.shape());
        }
    }

    /** The gradient of sum(f(x) R) by the tape, with or without createGraph. */
    static List<Tensor> gradients(BiFunction<Tape, Tensor[], Tensor> f, Tensor[] inputs, Tensor weights,
                                  boolean createGraph, Threads th) {
        Tape t = Tape.train(th, 1);
        Tensor loss = Reductions.sum(t, Arithmetic.mul(t, f.apply(t, inputs), weights));
        return t.gradients(loss, Arrays.asList(inputs), createGraph);
    }

    /** Asserts that the tape's gradient matches central differences to rtol, naming the op, input and element. */
    static void checkGradient(String name, BiFunction<Tape, Tensor[], Tensor> f, Tensor[] inputs, double rtol) {
        Tensor w = weightsFor(f, inputs, 99);
        try (Threads th = Threads.single()) {
            List<Tensor> g = gradients(f, inputs, w, false, th);
            List<Tensor> g2 = gradients(f, inputs, w, true, th);
            for (int i = 0; i < inputs.length; i++) {
                Tensor x = inputs[i];
                for (int e = 0; e < x.size(); e++) {
                    double old = x.d[e];
                    x.d[e] = old + H;
                    double up = loss(f, inputs, w);
                    x.d[e] = old - H;
                    double down = loss(f, inputs, w);
                    x.d[e] = old;
                    double fd = (up - down) / (2 * H);
                    compare(name + ": d/d input " + i + " element " + e, g.get(i).getFlat(e), fd, rtol);
                    compare(name + " (createGraph): d/d input " + i + " element " + e, g2.get(i).getFlat(e),
                            g.get(i).getFlat(e), 1e-10);
                }
            }
        }
    }

    /** Asserts H v by double backward against (grad(x + h v) - grad(x - h v)) / 2h for a random direction v. */
    static void checkHessianVector(String name, BiFunction<Tape, Tensor[], Tensor> f, Tensor[] inputs, double rtol) {
        Tensor w = weightsFor(f, inputs, 98);
        SplittableRandom rng = new SplittableRandom(5);
        Tensor[] v = new Tensor[inputs.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Tensor.uniform(DType.F64, rng, -1, 1, inputs[i].shape());
        }
        try (Threads th = Threads.single()) {
            Tape t = Tape.train(th, 1);
            Tensor loss = Reductions.sum(t, Arithmetic.mul(t, f.apply(t, inputs), w));
            List<Tensor> g = t.gradients(loss, Arrays.asList(inputs), true);
            Tensor dot = null;
            for (int i = 0; i < v.length; i++) {
                if (!g.get(i).requiresGrad()) {
                    continue;
                }
                Tensor term = Reductions.sum(t, Arithmetic.mul(t, g.get(i), v[i]));
                dot = dot == null ? term : Arithmetic.add(t, dot, term);
            }
            List<Tensor> hv = dot == null ? null : t.gradients(dot, Arrays.asList(inputs), false);
            double hfd = 1e-5;
            shift(inputs, v, hfd);
            List<Tensor> gp = gradients(f, inputs, w, false, th);
            shift(inputs, v, -2 * hfd);
            List<Tensor> gm = gradients(f, inputs, w, false, th);
            shift(inputs, v, hfd);
            for (int i = 0; i < inputs.length; i++) {
                for (int e = 0; e < inputs[i].size(); e++) {
                    double fd = (gp.get(i).getFlat(e) - gm.get(i).getFlat(e)) / (2 * hfd);
                    double an = hv == null ? 0 : hv.get(i).getFlat(e);
                    compare(name + ": (H v) of input " + i + " element " + e, an, fd, rtol);
                }
            }
        }
    }

    private static void shift(Tensor[] inputs, Tensor[] v, double h) {
        for (int i = 0; i < inputs.length; i++) {
            for (int e = 0; e < inputs[i].size(); e++) {
                inputs[i].d[e] += h * v[i].d[e];
            }
        }
    }

    static void compare(String what, double analytic, double numeric, double rtol) {
        double tol = rtol * Math.max(1, Math.max(Math.abs(analytic), Math.abs(numeric)));
        if (!(Math.abs(analytic - numeric) <= tol)) {
            fail(what + ": analytic " + analytic + ", finite difference " + numeric);
        }
    }

    static Tensor[] leaves(long seed, double lo, double hi, int[]... shapes) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Tensor> out = new ArrayList<>();
        for (int[] s : shapes) {
            out.add(Tensor.uniform(DType.F64, rng, lo, hi, s).variable());
        }
        return out.toArray(new Tensor[0]);
    }
}
