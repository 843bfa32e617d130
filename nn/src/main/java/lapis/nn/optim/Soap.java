package lapis.nn.optim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import lapis.nn.LinearAlgebra;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * SOAP (Vyas et al., "SOAP: Improving and stabilizing Shampoo using Adam", arXiv 2409.11321, 2024): Adam run in the
 * eigenbasis of Shampoo's preconditioner. For a weight matrix W (m x n) with gradient G:
 * <pre>
 *   L = b L + (1 - b) G G^T,  R = b R + (1 - b) G^T G               (Shampoo's factors, b = shampooBeta)
 *   G' = Q_L^T G Q_R                                                  (rotate into their eigenbases)
 *   M = b1 M + (1 - b1) G,   V = b2 V + (1 - b2) G'^2                 (M in the original space, V rotated)
 *   N' = (Q_L^T M Q_R / (1 - b1^s)) / (sqrt(V / (1 - b2^s)) + eps)  (Adam in the rotated space)
 *   W = W (1 - lr wd) - lr Q_L N' Q_R^T                               (rotate back; decoupled decay)
 * </pre>
 * following the authors' reference implementation: a parameter's first gradient only sets L = G G^T, R = G^T G and
 * their eigenvectors and does not move it (every parameter counts its own steps, s above, as in the reference);
 * afterwards every {@code frequency} steps the bases are refreshed
 * by one power iteration with QR, Q = qr(P Q) with the columns sorted by the estimated eigenvalues diag(Q^T P Q),
 * and V is permuted along. A side longer than {@code maxPreconditionerDimension} keeps the identity; vectors, and
 * matrices with both sides too long, are updated by plain Adam (the "fallback").
 *
 * <p>Cost per matrix and step: about 4 m n (m + n) multiply-adds for the factors and rotations, and O(m^3 + n^3)
 * for a refresh. The initial eigenvectors come from EJML's symmetric eigendecomposition and the refreshes from
 * EJML's QR, behind the private {@code Bases} seam; the spectral module's dense solver can replace the former.
 * State in float64.
 */
public final class Soap extends Optimizer {

    /**
     * @param shampooBeta decay of L and R; negative means "use beta2", as in the reference
     * @param frequency steps between eigenbasis refreshes
     * @param maxPreconditionerDimension longest side that gets a preconditioner
     */
    public record Options(double beta1, double beta2, double shampooBeta, double eps, double weightDecay,
                          int frequency, int maxPreconditionerDimension) {
        public Options {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(shampooBeta < 1) || !(eps > 0)
                    || !(weightDecay >= 0) || frequency < 1 || maxPreconditionerDimension < 1) {
                throw new IllegalArgumentException("SOAP: need betas in [0, 1), eps > 0, weightDecay >= 0, "
                        + "frequency >= 1, maxPreconditionerDimension >= 1, got " + this);
            }
        }

        /** The reference defaults: betas (0.95, 0.95), shampoo beta = beta2, eps 1e-8, wd 0.01, every 10 steps. */
        public static Options defaults() {
            return new Options(0.95, 0.95, -1, 1e-8, 0.01, 10, 10000);
        }

        public Options withBetas(double b1, double b2) {
            return new Options(b1, b2, shampooBeta, eps, weightDecay, frequency, maxPreconditionerDimension);
        }

        public Options withWeightDecay(double wd) {
            return new Options(beta1, beta2, shampooBeta, eps, wd, frequency, maxPreconditionerDimension);
        }

        public Options withFrequency(int f) {
            return new Options(beta1, beta2, shampooBeta, eps, weightDecay, f, maxPreconditionerDimension);
        }

        public Options withMaxPreconditionerDimension(int d) {
            return new Options(beta1, beta2, shampooBeta, eps, weightDecay, frequency, d);
        }

        double factorBeta() {
            return shampooBeta < 0 ? beta2 : shampooBeta;
        }
    }

    /** The eigenbasis computations: the seam where the spectral module's dense solver can plug in. */
    private interface Bases {
        /** Eigenvectors of the symmetric k x k matrix p as columns, eigenvalues descending. */
        double[] eigenvectors(double[] p, int k);

        /** One power step: Q = qr(P Q) with columns sorted by diag(Q^T P Q) descending; returns that order. */
        int[] refresh(double[] p, double[] q, int k, Tape t);
    }

    private static final class EjmlBases implements Bases {
        @Override
        public double[] eigenvectors(double[] p, int k) {
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(k, true, true);
            if (!eig.decompose(new DMatrixRMaj(k, k, true, p))) {
                throw new IllegalStateException("SOAP: symmetric eigendecomposition of a " + k + " x " + k
                        + " preconditioner failed");
            }
            Integer[] order = new Integer[k];
            double[] values = new double[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
                values[i] = eig.getEigenvalue(i).real;
            }
            Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
            double[] q = new double[k * k];
            for (int j = 0; j < k; j++) {
                DMatrixRMaj v = eig.getEigenVector(order[j]);
                for (int i = 0; i < k; i++) {
                    q[i * k + j] = v.get(i, 0);
                }
            }
            return q;
        }

        @Override
        public int[] refresh(double[] p, double[] q, int k, Tape t) {
            double[] pq = LinearAlgebra.matmul(t, Tensor.of(p, k, k), Tensor.of(q, k, k)).toDoubleArray();
            double[] est = new double[k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    est[j] += q[i * k + j] * pq[i * k + j];
                }
            }
            Integer[] order = new Integer[k];
            for (int j = 0; j < k; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(est[b], est[a]));
            DMatrixRMaj sorted = new DMatrixRMaj(k, k);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    sorted.set(i, j, pq[i * k + order[j]]);
                }
            }
            QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(k, k);
            if (!qr.decompose(sorted)) {
                throw new IllegalStateException("SOAP: QR of a " + k + " x " + k + " power step failed");
            }
            DMatrixRMaj qm = qr.getQ(null, true);
            System.arraycopy(qm.data, 0, q, 0, k * k);
            int[] out = new int[k];
            for (int j = 0; j < k; j++) {
                out[j] = order[j];
            }
            return out;
        }
    }

    private static final class MatrixState {
        final int m;
        final int n;
        final double[] l;
        final double[] r;
        final double[] ql;
        final double[] qr;
        final double[] expAvg;
        final double[] expAvgSq;
        long steps;

        MatrixState(int m, int n, boolean left, boolean right) {
            this.m = m;
            this.n = n;
            this.l = left ? new double[m * m] : null;
            this.r = right ? new double[n * n] : null;
            this.ql = left ? new double[m * m] : null;
            this.qr = right ? new double[n * n] : null;
            this.expAvg = new double[m * n];
            this.expAvgSq = new double[m * n];
        }
    }

    private final Options options;
    private final Threads threads;
    private final Bases bases = new EjmlBases();
    private final Map<String, MatrixState> matrices = new HashMap<>();
    private final Map<String, AdamMoments> vectors = new HashMap<>();
    private final Set<String> firstSeen = new HashSet<>();

    /** {@code threads} run the preconditioner products. */
    public Soap(Map<String, Tensor> parameters, LearningRateSchedule schedule, Options options, Threads threads) {
        super(parameters, schedule);
        this.options = Objects.requireNonNull(options, "options");
        this.threads = Objects.requireNonNull(threads, "threads");
        int max = options.maxPreconditionerDimension();
        for (Map.Entry<String, Tensor> e : parameters().entrySet()) {
            Tensor p = e.getValue();
            boolean left = p.rank() == 2 && p.dim(0) <= max;
            boolean right = p.rank() == 2 && p.dim(1) <= max;
            if (left || right) {
                matrices.put(e.getKey(), new MatrixState(p.dim(0), p.dim(1), left, right));
            } else {
                vectors.put(e.getKey(), new AdamMoments(p.size()));
            }
        }
    }

    /** Whether parameter {@code name} is preconditioned (false: it is updated by the Adam fallback). */
    public boolean isPreconditioned(String name) {
        return matrices.containsKey(name);
    }

    private static Tensor mat(double[] v, int r, int c) {
        return Tensor.of(v, r, c);
    }

    @Override
    protected void update(double lr) {
        Tape t = Tape.inference(threads);
        double wd = options.weightDecay();
        for (Map.Entry<String, Tensor> e : parameters().entrySet()) {
            double[] g = gradient(e.getValue());
            if (g == null) {
                continue;
            }
            MatrixState st = matrices.get(e.getKey());
            AdamMoments mo = vectors.get(e.getKey());
            if (st != null && st.steps == 0) {
                accumulateFactors(st, g, 0, t);
                if (st.l != null) {
                    System.arraycopy(bases.eigenvectors(st.l, st.m), 0, st.ql, 0, st.m * st.m);
                }
                if (st.r != null) {
                    System.arraycopy(bases.eigenvectors(st.r, st.n), 0, st.qr, 0, st.n * st.n);
                }
                st.steps = 1;
                continue;
            }
            if (st == null && firstSeen.add(e.getKey())) {
                continue;
            }
            double[] p = e.getValue().toDoubleArray();
            double[] dir = new double[p.length];
            if (st == null) {
                mo.direction(g, options.beta1(), options.beta2(), options.eps(), dir);
            } else {
                soapDirection(st, g, st.steps, dir, t);
            }
            for (int i = 0; i < p.length; i++) {
                p[i] = p[i] * (1 - lr * wd) - lr * dir[i];
            }
            e.getValue().assign(p);
            if (st != null) {
                accumulateFactors(st, g, options.factorBeta(), t);
                if (st.steps % options.frequency() == 0) {
                    if (st.l != null) {
                        permuteRows(st.expAvgSq, bases.refresh(st.l, st.ql, st.m, t), st.m, st.n);
                    }
                    if (st.r != null) {
                        permuteColumns(st.expAvgSq, bases.refresh(st.r, st.qr, st.n, t), st.m, st.n);
                    }
                }
                st.steps++;
            }
        }
    }

    private void soapDirection(MatrixState st, double[] g, long s, double[] out, Tape t) {
        int m = st.m;
        int n = st.n;
        double b1 = options.beta1();
        double b2 = options.beta2();
        double[] gr = project(st, g, t);
        for (int i = 0; i < g.length; i++) {
            st.expAvg[i] = b1 * st.expAvg[i] + (1 - b1) * g[i];
            st.expAvgSq[i] = b2 * st.expAvgSq[i] + (1 - b2) * gr[i] * gr[i];
        }
        double[] mr = project(st, st.expAvg, t);
        double c1 = 1 - Math.pow(b1, s);
        double c2 = 1 - Math.pow(b2, s);
        for (int i = 0; i < mr.length; i++) {
            mr[i] = (mr[i] / c1) / (Math.sqrt(st.expAvgSq[i] / c2) + options.eps());
        }
        Tensor u = mat(mr, m, n);
        if (st.ql != null) {
            u = LinearAlgebra.matmul(t, mat(st.ql, m, m), u);
        }
        if (st.qr != null) {
            u = LinearAlgebra.matmul(t, u, mat(st.qr, n, n), false, true);
        }
        System.arraycopy(u.toDoubleArray(), 0, out, 0, out.length);
    }

    /** Q_L^T X Q_R for the sides that have a basis. */
    private static double[] project(MatrixState st, double[] x, Tape t) {
        Tensor u = mat(x, st.m, st.n);
        if (st.ql != null) {
            u = LinearAlgebra.matmul(t, mat(st.ql, st.m, st.m), u, true, false);
        }
        if (st.qr != null) {
            u = LinearAlgebra.matmul(t, u, mat(st.qr, st.n, st.n));
        }
        return u.toDoubleArray();
    }

    /** L = beta L + (1 - beta) G G^T and R = beta R + (1 - beta) G^T G. */
    private static void accumulateFactors(MatrixState st, double[] g, double beta, Tape t) {
        Tensor gm = mat(g, st.m, st.n);
        if (st.l != null) {
            double[] ggt = LinearAlgebra.matmul(t, gm, gm, false, true).toDoubleArray();
            for (int i = 0; i < ggt.length; i++) {
                st.l[i] = beta * st.l[i] + (1 - beta) * ggt[i];
            }
        }
        if (st.r != null) {
            double[] gtg = LinearAlgebra.matmul(t, gm, gm, true, false).toDoubleArray();
            for (int i = 0; i < gtg.length; i++) {
                st.r[i] = beta * st.r[i] + (1 - beta) * gtg[i];
            }
        }
    }

    private static void permuteRows(double[] v, int[] order, int m, int n) {
        double[] old = v.clone();
        for (int i = 0; i < m; i++) {
            System.arraycopy(old, order[i] * n, v, i * n, n);
        }
    }

    private static void permuteColumns(double[] v, int[] order, int m, int n) {
        double[] old = v.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                v[i * n + j] = old[i * n + order[j]];
            }
        }
    }

    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String name : parameters().keySet()) {
            MatrixState st = matrices.get(name);
            if (st == null) {
                AdamMoments mo = vectors.get(name);
                out.put("exp_avg/" + name, mo.m.clone());
                out.put("exp_avg_sq/" + name, mo.v.clone());
                out.put("step/" + name, new double[] {firstSeen.contains(name) ? mo.steps + 1 : 0});
                continue;
            }
            out.put("exp_avg/" + name, st.expAvg.clone());
            out.put("exp_avg_sq/" + name, st.expAvgSq.clone());
            out.put("step/" + name, new double[] {st.steps});
            if (st.l != null) {
                out.put("L/" + name, st.l.clone());
                out.put("Q_L/" + name, st.ql.clone());
            }
            if (st.r != null) {
                out.put("R/" + name, st.r.clone());
                out.put("Q_R/" + name, st.qr.clone());
            }
        }
        return out;
    }

    @Override
    protected void restore(Map<String, double[]> state) {
        for (String name : parameters().keySet()) {
            MatrixState st = matrices.get(name);
            if (st == null) {
                AdamMoments mo = vectors.get(name);
                System.arraycopy(state.get("exp_avg/" + name), 0, mo.m, 0, mo.m.length);
                System.arraycopy(state.get("exp_avg_sq/" + name), 0, mo.v, 0, mo.v.length);
                long seen = (long) state.get("step/" + name)[0];
                mo.steps = Math.max(0, seen - 1);
                if (seen > 0) {
                    firstSeen.add(name);
                } else {
                    firstSeen.remove(name);
                }
                continue;
            }
            System.arraycopy(state.get("exp_avg/" + name), 0, st.expAvg, 0, st.expAvg.length);
            System.arraycopy(state.get("exp_avg_sq/" + name), 0, st.expAvgSq, 0, st.expAvgSq.length);
            st.steps = (long) state.get("step/" + name)[0];
            if (st.l != null) {
                System.arraycopy(state.get("L/" + name), 0, st.l, 0, st.l.length);
                System.arraycopy(state.get("Q_L/" + name), 0, st.ql, 0, st.ql.length);
            }
            if (st.r != null) {
                System.arraycopy(state.get("R/" + name), 0, st.r, 0, st.r.length);
                System.arraycopy(state.get("Q_R/" + name), 0, st.qr, 0, st.qr.length);
            }
        }
    }
}
