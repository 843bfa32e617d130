package lapis.spectral.sparse;

import java.util.Objects;
import java.util.SplittableRandom;
import lapis.spectral.EigenResult;
import lapis.spectral.SymmetricEigensolver;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.op.Preconditioner;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The k smallest eigenpairs of A v = lambda B v by the locally optimal block preconditioned conjugate gradient
 * method (LOBPCG): Knyazev, "Toward the optimal preconditioned eigensolver: locally optimal block preconditioned
 * conjugate gradient method", SIAM J. Sci. Comput. 23(2), 2001, doi:10.1137/S1064827500366124, with the basis
 * [X, W, P] made B-orthonormal explicitly (Hetmaniuk and Lehoucq, "Basis selection in LOBPCG", J. Comput. Phys.
 * 218(1), 2006, doi:10.1016/j.jcp.2006.02.007) by SVQB (Stathopoulos and Wu, SIAM J. Sci. Comput. 23(6), 2002),
 * which drops numerically dependent directions instead of failing.
 *
 * <p><b>One iteration:</b> residuals R = A X - B X Theta of the m block vectors; preconditioned W = T R for the
 * columns not yet converged (soft locking: converged columns stay in X and in the Rayleigh-Ritz step but add no
 * search directions); W and the previous direction block P are B-orthogonalised against the null space, X and
 * each other; Rayleigh-Ritz on [X, W, P] gives the new X (the m smallest Ritz pairs) and P = the [W, P] part of
 * the update. A is applied to W only: A X and A P are updated by the same linear combinations and recomputed from
 * scratch every 20 iterations and before convergence is declared.
 *
 * <p><b>Convergence test.</b> Pair i, v_i B-normalised, has converged when ||A v_i - lambda_i B v_i||_2 &lt;= tol *
 * ||A||, with ||A|| the ||A||_inf of an {@link lapis.spectral.op.ExplicitMatrix}, or a 20-step Lanczos estimate
 * otherwise. The test is passed by the k' wanted pairs (k besides the null space) on freshly computed products. If
 * {@code maxIterations} pass first, the result has {@code converged() == false} and its {@code orThrow()} throws
 * with the partial result.
 *
 * <p><b>Block size</b> m &gt;= k' (default k' + max(3, k'/5)); the extra guard vectors speed up the last wanted
 * pairs, whose rate is about (lambda_k' - sigma)/(lambda_{m+1} - sigma) per iteration with an exact
 * preconditioner. Repeated eigenvalues inside the block are found with full multiplicity.
 *
 * <p><b>Null space:</b> as in {@link ThickRestartLanczos}: a basis passed as {@link Options#nullSpace()} is
 * checked, B-orthonormalised, kept out of every block, and returned with eigenvalue 0 as the first pairs.
 *
 * <p><b>Costs</b> per iteration with a active columns: a applications of A and of the preconditioner, O(n (m +
 * 2a)^2) for orthogonalisation and Rayleigh-Ritz. {@code operatorApplications} counts applications of A (one per
 * vector). Works with any {@link SymmetricOperator} (matrix-free). Immutable; safe to share between threads.
 */
public final class Lobpcg implements SymmetricEigensolver {
    private final Options options;

    /** A solver with {@link Options#defaults()}. */
    public Lobpcg() {
        this(Options.defaults());
    }

    public Lobpcg(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options this solver runs with. */
    public Options options() {
        return options;
    }

    @Override
    public EigenResult smallest(SymmetricOperator a, SymmetricOperator mass, int k) {
        return new Run(a, mass, k, options).solve();
    }

    /**
     * Settings.
     *
     * @param tolerance relative residual tolerance tol of the convergence test, in (0, 1); default 1e-10
     * @param maxIterations maximum number of iterations, &gt;= 1; default 1000
     * @param blockSize m, 0 for k' + max(3, k'/5); capped at n - c
     * @param preconditioner T approximating (A - sigma B)^-1, or null for none (T = I)
     * @param nullSpace n x c basis of a known null space of A to deflate, or null
     * @param seed seed of the random initial block
     */
    public record Options(double tolerance, int maxIterations, int blockSize, Preconditioner preconditioner,
            DMatrixRMaj nullSpace, long seed) {

        public Options {
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
            }
            if (blockSize < 0) {
                throw new IllegalArgumentException("blockSize must be >= 0 (0 = automatic), got " + blockSize);
            }
            nullSpace = nullSpace == null ? null : nullSpace.copy();
        }

        /** tol 1e-10, 1000 iterations, automatic block size, no preconditioner, no null space, seed 42. */
        public static Options defaults() {
            return new Options(1e-10, 1000, 0, null, null, 42L);
        }

        /** A copy of the null-space basis, or null. */
        @Override
        public DMatrixRMaj nullSpace() {
            return nullSpace == null ? null : nullSpace.copy();
        }

        public Options withTolerance(double t) {
            return new Options(t, maxIterations, blockSize, preconditioner, nullSpace, seed);
        }

        public Options withMaxIterations(int it) {
            return new Options(tolerance, it, blockSize, preconditioner, nullSpace, seed);
        }

        public Options withBlockSize(int m) {
            return new Options(tolerance, maxIterations, m, preconditioner, nullSpace, seed);
        }

        public Options withPreconditioner(Preconditioner t) {
            return new Options(tolerance, maxIterations, blockSize, t, nullSpace, seed);
        }

        public Options withNullSpace(DMatrixRMaj z) {
            return new Options(tolerance, maxIterations, blockSize, preconditioner, z, seed);
        }

        public Options withSeed(long s) {
            return new Options(tolerance, maxIterations, blockSize, preconditioner, nullSpace, s);
        }
    }

    /** One solve. Not shared. */
    private static final class Run {
        private static final int REFRESH = 20;
        private static final double DROP = 1e-10;

        private final SymmetricOperator a;
        private final SymmetricOperator mass;
        private final int k;
        private final Options opt;
        private final int n;
        private final long start;
        private DMatrixRMaj z;
        private DMatrixRMaj bz;
        private long applications;

        Run(SymmetricOperator a, SymmetricOperator mass, int k, Options opt) {
            this.a = Objects.requireNonNull(a, "a");
            this.mass = mass;
            this.k = k;
            this.opt = opt;
            this.n = a.size();
            this.start = System.nanoTime();
            if (mass != null && mass.size() != n) {
                throw new IllegalArgumentException("A is " + n + "x" + n + " but B is " + mass.size() + "x"
                        + mass.size());
            }
            if (opt.preconditioner() != null && opt.preconditioner().size() != n) {
                throw new IllegalArgumentException("preconditioner has size " + opt.preconditioner().size()
                        + "; expected " + n);
            }
            if (k < 1 || k > n) {
                throw new IllegalArgumentException("k must satisfy 1 <= k <= n = " + n + ", got " + k);
            }
        }

        EigenResult solve() {
            double normA = NormEstimate.of(a, opt.seed());
            z = Deflation.nullSpaceBasis(opt.nullSpace, a, mass, normA);
            int c = z.numCols;
            if (k <= c) {
                return Deflation.result(z, a, new DMatrixRMaj(n, 0), new double[0], new double[0], k, 0, 0, start,
                        true, name(0));
            }
            bz = mass == null ? z : mass.applyBlock(z, null);
            int kk = k - c;
            int nEff = n - c;
            int m = opt.blockSize() > 0 ? opt.blockSize() : kk + Math.max(3, kk / 5);
            m = Math.min(Math.max(m, kk), nEff);
            double tol = opt.tolerance() * normA;

            SplittableRandom rnd = new SplittableRandom(opt.seed());
            DMatrixRMaj x = DMatrixRMaj.wrap(n, m, Vectors.randomBlock(n, m, rnd));
            Block xb = orthonormalBlock(x, null);
            Block xs = rayleighRitzSingle(xb, m);
            double[] theta = xs.theta;
            Block p = null;
            int iterations = 0;
            double[] res = new double[m];
            boolean converged = false;
            boolean fresh = true;
            while (true) {
                DMatrixRMaj r = residualBlock(xs, theta);
                res = columnNorms(r);
                boolean all = true;
                for (int i = 0; i < kk; i++) {
                    all &= res[i] <= tol;
                }
                if (all && !fresh) {
                    xs = refresh(xs);
                    fresh = true;
                    continue;
                }
                if (all) {
                    converged = true;
                    break;
                }
                if (iterations >= opt.maxIterations()) {
                    break;
                }
                iterations++;
                int[] active = activeColumns(res, tol);
                DMatrixRMaj ra = columns(r, active);
                DMatrixRMaj w = opt.preconditioner() == null ? ra : opt.preconditioner().applyBlock(ra, null);
                Block wb = orthonormalBlock(w, xs);
                Block pb = p == null || active.length == 0 ? null : orthogonalTo(p.columns(active), xs, wb);
                Block[] parts = pb == null || pb.x.numCols == 0 ? new Block[] {xs, wb} : new Block[] {xs, wb, pb};
                Block merged = concat(parts);
                DMatrixRMaj g = ColumnBlock.gram(merged.x, merged.ax);
                symmetrize(g);
                int s = g.numRows;
                DMatrixRMaj y = new DMatrixRMaj(s, s);
                double[] ev = DenseSymmetric.decompose(g, false, y);
                DMatrixRMaj ym = CommonOps_DDRM.extract(y, 0, s, 0, m);
                Block xNew = merged.times(ym);
                DMatrixRMaj yp = CommonOps_DDRM.extract(y, m, s, 0, m);
                Block rest = concat(java.util.Arrays.copyOfRange(parts, 1, parts.length));
                p = rest.times(yp);
                xs = xNew;
                theta = java.util.Arrays.copyOf(ev, m);
                fresh = false;
                if (iterations % REFRESH == 0) {
                    xs = refresh(xs);
                    fresh = true;
                }
            }
            DMatrixRMaj xk = CommonOps_DDRM.extract(xs.x, 0, n, 0, kk);
            DMatrixRMaj axk = CommonOps_DDRM.extract(xs.ax, 0, n, 0, kk);
            DMatrixRMaj bxk = CommonOps_DDRM.extract(xs.bx, 0, n, 0, kk);
            double[] lambda = Residuals.rayleighQuotients(xk, axk, bxk);
            double[] residual = Residuals.norms(axk, bxk, lambda);
            return Deflation.result(z, a, xk, lambda, residual, k, iterations, applications, start, converged,
                    name(m));
        }

        private String name(int m) {
            return "Lobpcg(block=" + m + ", tol=" + opt.tolerance() + ", preconditioner="
                    + (opt.preconditioner() == null ? "none" : opt.preconditioner().getClass().getSimpleName())
                    + ", deflated=" + (z == null ? 0 : z.numCols) + ")";
        }

        private DMatrixRMaj applyA(DMatrixRMaj x) {
            applications += x.numCols;
            return a.applyBlock(x, null);
        }

        private DMatrixRMaj applyB(DMatrixRMaj x) {
            return mass == null ? x : mass.applyBlock(x, null);
        }

        /** Recomputes A X and B X from X (rounding accumulates in the linear combinations). */
        private Block refresh(Block xs) {
            Block b = new Block(xs.x, applyA(xs.x), applyB(xs.x));
            b.theta = xs.theta;
            return b;
        }

        private Block rayleighRitzSingle(Block xb, int m) {
            DMatrixRMaj g = ColumnBlock.gram(xb.x, xb.ax);
            symmetrize(g);
            DMatrixRMaj y = new DMatrixRMaj(g.numRows, g.numRows);
            double[] ev = DenseSymmetric.decompose(g, false, y);
            Block out = xb.times(CommonOps_DDRM.extract(y, 0, g.numRows, 0, Math.min(m, g.numRows)));
            out.theta = java.util.Arrays.copyOf(ev, out.x.numCols);
            return out;
        }

        private DMatrixRMaj residualBlock(Block xs, double[] theta) {
            int m = xs.x.numCols;
            DMatrixRMaj r = xs.ax.copy();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    r.data[i * m + j] -= theta[j] * xs.bx.data[i * m + j];
                }
            }
            return r;
        }

        private static double[] columnNorms(DMatrixRMaj r) {
            int m = r.numCols;
            double[] s = new double[m];
            for (int i = 0; i < r.numRows; i++) {
                for (int j = 0; j < m; j++) {
                    double v = r.data[i * m + j];
                    s[j] += v * v;
                }
            }
            for (int j = 0; j < m; j++) {
                s[j] = Math.sqrt(s[j]);
            }
            return s;
        }

        private static int[] activeColumns(double[] res, double tol) {
            int count = 0;
            for (double v : res) {
                if (v > tol) {
                    count++;
                }
            }
            int[] idx = new int[count];
            int t = 0;
            for (int j = 0; j < res.length; j++) {
                if (res[j] > tol) {
                    idx[t++] = j;
                }
            }
            return idx;
        }

        private static DMatrixRMaj columns(DMatrixRMaj x, int[] idx) {
            int m = x.numCols;
            DMatrixRMaj out = new DMatrixRMaj(x.numRows, idx.length);
            for (int i = 0; i < x.numRows; i++) {
                for (int t = 0; t < idx.length; t++) {
                    out.data[i * idx.length + t] = x.data[i * m + idx[t]];
                }
            }
            return out;
        }

        private static void symmetrize(DMatrixRMaj g) {
            int s = g.numRows;
            for (int i = 0; i < s; i++) {
                for (int j = i + 1; j < s; j++) {
                    double v = 0.5 * (g.data[i * s + j] + g.data[j * s + i]);
                    g.data[i * s + j] = v;
                    g.data[j * s + i] = v;
                }
            }
        }

        /**
         * A B-orthonormal basis of span(w) minus the null space and minus span(xs) (when not null), with A and B
         * applied to it: twice (project against Z and xs, then SVQB with dropping), as in Duersch, Shao, Yang and
         * Gu, "A robust and efficient implementation of LOBPCG", SIAM J. Sci. Comput. 40(5), 2018.
         */
        private Block orthonormalBlock(DMatrixRMaj w, Block xs) {
            DMatrixRMaj v = w.copy();
            for (int pass = 0; pass < 2; pass++) {
                DMatrixRMaj bv = applyB(v);
                project(v, z, bv);
                if (xs != null) {
                    project(v, xs.x, bv);
                }
                v = ColumnBlock.times(v, svqbTransform(v, applyB(v)));
            }
            return new Block(v, applyA(v), applyB(v));
        }

        /** p made B-orthonormal to the null space, xs and wb (twice, with SVQB); A p and B p follow along. */
        private Block orthogonalTo(Block p, Block xs, Block wb) {
            Block cur = p;
            for (int pass = 0; pass < 2; pass++) {
                cur = cur.minusProjection(xs).minusProjection(wb);
                if (z.numCols > 0) {
                    ColumnBlock.subtractTimes(z, ColumnBlock.gram(bz, cur.x), cur.x);
                    cur = new Block(cur.x, cur.ax, applyB(cur.x));
                }
                cur = cur.times(svqbTransform(cur.x, cur.bx));
            }
            return cur;
        }

        /** v -= basis (basis^T B v) with B v given; bv is not updated. */
        private void project(DMatrixRMaj v, DMatrixRMaj basis, DMatrixRMaj bv) {
            if (basis.numCols == 0 || v.numCols == 0) {
                return;
            }
            ColumnBlock.subtractTimes(basis, ColumnBlock.gram(basis, bv), v);
        }

        /**
         * The SVQB transform T with (V T)^T B (V T) = I (Stathopoulos and Wu 2002): scale the Gram matrix G = V^T B
         * V to unit diagonal (columns below 1e-14 of the largest norm are dropped), keep its eigen directions
         * above DROP times the largest eigenvalue, T = D^-1/2 U Theta^-1/2.
         */
        private static DMatrixRMaj svqbTransform(DMatrixRMaj v, DMatrixRMaj bv) {
            int s = v.numCols;
            DMatrixRMaj g = ColumnBlock.gram(v, bv);
            symmetrize(g);
            double[] d = new double[s];
            double dmax = 0;
            for (int i = 0; i < s; i++) {
                dmax = Math.max(dmax, g.get(i, i));
            }
            for (int i = 0; i < s; i++) {
                double gi = g.get(i, i);
                d[i] = gi > 1e-28 * dmax && gi > 0 ? 1.0 / Math.sqrt(gi) : 0.0;
            }
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    g.data[i * s + j] *= d[i] * d[j];
                }
            }
            DMatrixRMaj u = new DMatrixRMaj(s, s);
            double[] ev = DenseSymmetric.decompose(g, true, u);
            int keep = 0;
            while (keep < s && ev[keep] > DROP * ev[0]) {
                keep++;
            }
            DMatrixRMaj t = new DMatrixRMaj(s, keep);
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < keep; j++) {
                    t.data[i * keep + j] = d[i] * u.data[i * s + j] / Math.sqrt(ev[j]);
                }
            }
            return t;
        }

        /** The blocks side by side: [X1 X2 ...] with their A and B images. */
        private Block concat(Block[] parts) {
            int cols = 0;
            for (Block b : parts) {
                cols += b.x.numCols;
            }
            DMatrixRMaj x = new DMatrixRMaj(n, cols);
            DMatrixRMaj ax = new DMatrixRMaj(n, cols);
            DMatrixRMaj bx = mass == null ? x : new DMatrixRMaj(n, cols);
            int at = 0;
            for (Block b : parts) {
                int w = b.x.numCols;
                for (int i = 0; i < n; i++) {
                    System.arraycopy(b.x.data, i * w, x.data, i * cols + at, w);
                    System.arraycopy(b.ax.data, i * w, ax.data, i * cols + at, w);
                    if (mass != null) {
                        System.arraycopy(b.bx.data, i * w, bx.data, i * cols + at, w);
                    }
                }
                at += w;
            }
            return new Block(x, ax, bx);
        }

        /** A block X with A X and B X (B X is X itself when B = I), and Ritz values when known. */
        private final class Block {
            final DMatrixRMaj x;
            final DMatrixRMaj ax;
            final DMatrixRMaj bx;
            double[] theta;

            Block(DMatrixRMaj x, DMatrixRMaj ax, DMatrixRMaj bx) {
                this.x = x;
                this.ax = ax;
                this.bx = bx;
            }

            Block times(DMatrixRMaj y) {
                DMatrixRMaj nx = ColumnBlock.times(x, y);
                return new Block(nx, ColumnBlock.times(ax, y), mass == null ? nx : ColumnBlock.times(bx, y));
            }

            Block columns(int[] idx) {
                DMatrixRMaj cx = Run.columns(x, idx);
                return new Block(cx, Run.columns(ax, idx), mass == null ? cx : Run.columns(bx, idx));
            }

            /** This block minus other (other^T B this), with A and B parts updated alike. */
            Block minusProjection(Block other) {
                if (other.x.numCols == 0 || x.numCols == 0) {
                    return this;
                }
                DMatrixRMaj coef = ColumnBlock.gram(other.bx, x);
                DMatrixRMaj nx = x.copy();
                DMatrixRMaj nax = ax.copy();
                ColumnBlock.subtractTimes(other.x, coef, nx);
                ColumnBlock.subtractTimes(other.ax, coef, nax);
                DMatrixRMaj nbx = nx;
                if (mass != null) {
                    nbx = bx.copy();
                    ColumnBlock.subtractTimes(other.bx, coef, nbx);
                }
                return new Block(nx, nax, nbx);
            }
        }
    }
}
