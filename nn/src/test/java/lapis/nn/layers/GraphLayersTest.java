package lapis.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lapis.graph.Graph;
import lapis.nn.Arithmetic;
import lapis.nn.DType;
import lapis.nn.Losses;
import lapis.nn.Reductions;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import lapis.nn.layers.LabelledMolecules.Molecule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Invariance of pooled graph networks to the order of nodes, and thread-count determinism of training. */
class GraphLayersTest {
    private final Threads threads = Threads.of(2);

    @AfterEach
    void close() {
        threads.close();
    }

    /** Molecule m with node i renamed p[i]: graph P A P^T, atom types and bond types carried along. */
    private static Molecule permute(Molecule m, int[] p) {
        Graph g = m.graph();
        int n = g.vertexCount();
        Map<Long, Integer> bond = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (int k = g.rowStart(i); k < g.rowStart(i + 1); k++) {
                bond.put((long) p[i] * n + p[g.column(k)], m.bondTypes()[k]);
            }
        }
        Graph h = g.relabel(p);
        int[] atoms = new int[n];
        for (int i = 0; i < n; i++) {
            atoms[p[i]] = m.atomTypes()[i];
        }
        int[] bonds = new int[h.entryCount()];
        for (int i = 0; i < n; i++) {
            for (int k = h.rowStart(i); k < h.rowStart(i + 1); k++) {
                bonds[k] = bond.get((long) i * n + h.column(k));
            }
        }
        return new Molecule(h, atoms, bonds, m.target());
    }

    private static int[] shuffle(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Test
    void pooledGinOutputIsInvariantToNodeOrderWithinGraphs() {
        List<Molecule> mols = LabelledMolecules.generate(3, 0, 6);
        SplittableRandom rng = new SplittableRandom(8);
        List<Molecule> permuted = new ArrayList<>();
        List<int[]> perms = new ArrayList<>();
        for (Molecule m : mols) {
            int[] p = shuffle(m.atomTypes().length, rng);
            perms.add(p);
            permuted.add(permute(m, p));
        }
        LabelledMolecules.Batch a = LabelledMolecules.collate(mols, DType.F64);
        LabelledMolecules.Batch b = LabelledMolecules.collate(permuted, DType.F64);
        int n = a.index().nodeCount();
        Tensor x = Tensor.uniform(DType.F64, rng, -1, 1, n, 5);
        double[] xv = x.toDoubleArray();
        double[] xp = new double[xv.length];
        int base = 0;
        for (int g = 0; g < mols.size(); g++) {
            int[] p = perms.get(g);
            for (int i = 0; i < p.length; i++) {
                System.arraycopy(xv, (base + i) * 5, xp, (base + p[i]) * 5, 5);
            }
            base += p.length;
        }
        SplittableRandom init = new SplittableRandom(1);
        GinConv gin1 = new GinConv(new Mlp(2, 5, 16, 16, Norm.BATCH, DType.F64, init), DType.F64);
        GinConv gin2 = new GinConv(new Mlp(2, 16, 16, 4, Norm.NONE, DType.F64, init), DType.F64);
        for (GlobalPooling pool : GlobalPooling.values()) {
            Tape s = Tape.train(threads, 0);
            double[] ya = pool.apply(s, gin2.forward(s, gin1.forward(s, x, a.index()), a.index()), a.index())
                    .toDoubleArray();
            Tape t = Tape.train(threads, 0);
            double[] yb = pool.apply(t, gin2.forward(t, gin1.forward(t, Tensor.of(xp, n, 5), b.index()), b.index()),
                    b.index()).toDoubleArray();
            assertArrayEquals(ya, yb, 1e-12, pool.name());
            double spread = Arrays.stream(ya).max().orElse(0) - Arrays.stream(ya).min().orElse(0);
            assertTrue(spread > 1e-3, "outputs differ between graphs");
        }
        GineNetwork net = new GineNetwork(new GineNetwork.Config(28, 4, 16, 2, 3, DType.F64),
                new SplittableRandom(2));
        double[] pa = net.forward(Tape.train(threads, 0), a.atoms(), a.bonds(), a.index(), null).toDoubleArray();
        double[] pb = net.forward(Tape.train(threads, 0), b.atoms(), b.bonds(), b.index(), null).toDoubleArray();
        assertArrayEquals(pa, pb, 1e-12);
    }

    private static double[] trainGine(int threadCount, int steps) {
        List<Molecule> mols = LabelledMolecules.generate(5, 0, 24);
        LabelledMolecules.Batch batch = LabelledMolecules.collate(mols, DType.F32);
        GineNetwork net = new GineNetwork(new GineNetwork.Config(28, 4, 32, 2, 3, DType.F32),
                new SplittableRandom(4));
        lapis.nn.optim.Adam adam = new lapis.nn.optim.Adam(net.namedParameters(),
                lapis.nn.optim.LearningRateSchedule.constant(1e-2), lapis.nn.optim.Adam.Options.defaults());
        try (Threads th = Threads.of(threadCount)) {
            for (int s = 0; s < steps; s++) {
                Tape t = Tape.train(th, s);
                Tensor loss = Losses.l1(t, net.forward(t, batch.atoms(), batch.bonds(), batch.index(), null),
                        batch.targets());
                t.backward(loss);
                adam.step(loss.item());
                adam.zeroGrad();
            }
        }
        List<Double> all = new ArrayList<>();
        for (Tensor p : net.parameters()) {
            for (double v : p.toDoubleArray()) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void trainingGivesBitIdenticalParametersOnOneOrThreeThreads() {
        double[] one = trainGine(1, 4);
        double[] three = trainGine(3, 4);
        assertEquals(one.length, three.length);
        for (int i = 0; i < one.length; i++) {
            assertEquals(Double.doubleToLongBits(one[i]), Double.doubleToLongBits(three[i]), "parameter " + i);
        }
    }

    @Test
    void hessianVectorProductOfAGineNetworkMatchesFiniteDifferencesOfGradients() {
        List<Molecule> mols = LabelledMolecules.generate(6, 0, 4);
        LabelledMolecules.Batch batch = LabelledMolecules.collate(mols, DType.F64);
        GineNetwork net = new GineNetwork(new GineNetwork.Config(28, 4, 6, 2, 2, DType.F64),
                new SplittableRandom(5));
        List<Tensor> params = net.parameters();
        SplittableRandom rng = new SplittableRandom(9);
        List<Tensor> v = new ArrayList<>();
        for (Tensor p : params) {
            v.add(Tensor.uniform(DType.F64, rng, -1, 1, p.shape()));
        }
        Tape t = Tape.train(threads, 0);
        Tensor loss = Losses.mse(t, net.forward(t, batch.atoms(), batch.bonds(), batch.index(), null), batch.targets());
        List<Tensor> g = t.gradients(loss, params, true);
        Tensor dot = null;
        for (int i = 0; i < params.size(); i++) {
            Tensor term = Reductions.sum(t, Arithmetic.mul(t, g.get(i), v.get(i)));
            dot = dot == null ? term : Arithmetic.add(t, dot, term);
        }
        List<Tensor> hv = t.gradients(dot, params, false);
        double h = 1e-5;
        List<Tensor> gp = shiftedGradients(net, batch, params, v, h);
        List<Tensor> gm = shiftedGradients(net, batch, params, v, -h);
        double maxAbs = 0;
        for (int i = 0; i < params.size(); i++) {
            for (int e = 0; e < params.get(i).size(); e++) {
                double fd = (gp.get(i).getFlat(e) - gm.get(i).getFlat(e)) / (2 * h);
                double an = hv.get(i).getFlat(e);
                maxAbs = Math.max(maxAbs, Math.abs(fd));
                assertEquals(fd, an, 1e-5 * Math.max(1, Math.abs(fd)), "parameter " + i + " element " + e);
            }
        }
        assertTrue(maxAbs > 1e-2, "the Hessian-vector product is not trivially zero");
    }

    private List<Tensor> shiftedGradients(GineNetwork net, LabelledMolecules.Batch batch, List<Tensor> params,
                                          List<Tensor> v, double h) {
        List<double[]> saved = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            double[] p = params.get(i).toDoubleArray();
            saved.add(p.clone());
            for (int e = 0; e < p.length; e++) {
                p[e] += h * v.get(i).getFlat(e);
            }
            params.get(i).assign(p);
        }
        Tape t = Tape.train(threads, 0);
        Tensor loss = Losses.mse(t, net.forward(t, batch.atoms(), batch.bonds(), batch.index(), null), batch.targets());
        List<Tensor> g = t.gradients(loss, params, false);
        for (int i = 0; i < params.size(); i++) {
            params.get(i).assign(saved.get(i));
        }
        return g;
    }

    @Test
    void batchNormRunningStatisticsFollowTheBatchesAndServeEvaluation() {
        BatchNorm bn = new BatchNorm(2, 1e-5, 0.5, DType.F64);
        Tensor x = Tensor.of(new double[] {1, 10, 3, 20, 5, 30}, 3, 2);
        bn.forward(Tape.train(threads, 0), x);
        Tensor rm = bn.namedBuffers().get("running_mean");
        Tensor rv = bn.namedBuffers().get("running_var");
        assertArrayEquals(new double[] {1.5, 10}, rm.toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0.5 + 0.5 * 4, 0.5 + 0.5 * 100}, rv.toDoubleArray(), 1e-12);
        Tensor y = bn.forward(Tape.eval(threads), Tensor.of(new double[] {1.5, 10}, 1, 2));
        assertArrayEquals(new double[] {0, 0}, y.toDoubleArray(), 1e-12);
        Tensor z = bn.forward(Tape.inference(threads), Tensor.of(new double[] {1.5 + Math.sqrt(2.5 + 1e-5), 10}, 1, 2));
        assertEquals(1, z.getFlat(0), 1e-12);
        assertEquals(0, rm.getFlat(0) - 1.5, 0);
    }
}
