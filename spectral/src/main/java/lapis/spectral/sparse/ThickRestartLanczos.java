package lapis.spectral.sparse;

import java.util.Objects;
import java.util.SplittableRandom;
import lapis.graph.SymmetricSparseMatrix;
import lapis.spectral.EigenResult;
import lapis.spectral.SymmetricEigensolver;
import lapis.spectral.SymmetricOperator;
import lapis.spectral.op.ExplicitMatrix;
import lapis.spectral.op.ShiftInvertOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * The k smallest eigenpairs of A v = lambda B v by thick-restart block Lanczos in shift-invert mode: block Lanczos
 * with full reorthogonalisation on S = (A - sigma B)^-1 B, which is self-adjoint in the B inner product and maps
 * an eigenpair (lambda, v) to (1 / (lambda - sigma), v), so the wanted eigenvalues become the largest and best
 * separated. Eigenvalues are mapped back as lambda = sigma + 1/nu (then refined to the Rayleigh quotient), as in
 * ARPACK's and Spectra's shift-invert modes. References: Wu and Simon, "Thick-restart Lanczos method for large
 * symmetric eigenvalue problems", SIAM J. Matrix Anal. Appl. 22(2), 2000, doi:10.1137/S0895479898334605; Stewart,
 * "A Krylov-Schur algorithm for large eigenproblems", SIAM J. Matrix Anal. Appl. 23(3), 2002,
 * doi:10.1137/S0895479800371529; Ericsson and Ruhe, "The spectral transformation Lanczos method", Math. Comp.
 * 35(152), 1980, doi:10.2307/2006403.
 *
 * <p><b>One iteration</b> (a restart): the basis is extended block by block (block size p: p solves with A - sigma
 * B; block Gram-Schmidt against the null space and the previous and current blocks, which carry the exact Lanczos
 * coefficients, then one full pass against the whole basis to remove what rounding left, repeated for a column
 * whose norm that pass cut below 0.7 of its value (Daniel, Gragg, Kaufman and Stewart 1976); then a B-orthonormal
 * QR of the block) until it holds {@code basisSize} vectors. Rayleigh-Ritz on the projected matrix follows, and the
 * basis restarts with the Ritz vectors kept (k'_a + (m_a - k'_a)/2 of the m_a active ones, k'_a of them wanted) and
 * the last residual block, which keeps the Krylov-Schur relation S V = V H + Q R E^T exact. A wanted Ritz pair
 * whose residual bound (below) is under tol/2 is locked when B = I: it stays in the basis, but leaves the active
 * block, so the restart rotation and the projected problem shrink as pairs converge.
 *
 * <p><b>Convergence test.</b> Pair (lambda_i, v_i), v_i B-normalised and lambda_i its Rayleigh quotient, has
 * converged when ||A v_i - lambda_i B v_i||_2 &lt;= tol * ||A||, where ||A|| is ||A||_inf (an upper bound on the
 * 2-norm) for an {@link ExplicitMatrix}. This residual is computed from A itself, never from the transformed
 * operator, once the Krylov-Schur bound ||A v - lambda_theta B v|| &lt;= ||A - sigma B|| ||R y|| / theta (exact for
 * B = I) falls below 100 tol ||A|| for every wanted pair. The solve stops when all k' pairs pass; if
 * {@code maxIterations} restarts pass first, the result has {@code converged() == false} and its
 * {@code orThrow()} throws with the partial result.
 *
 * <p><b>Repeated eigenvalues.</b> A block Krylov space with block size p holds at most p vectors of one
 * eigenspace. When the converged pairs contain a cluster of at least p equal eigenvalues (within max(tol ||A||,
 * 1e-9 |lambda|)), the block is widened to max(2p, cluster + 1) with random vectors B-orthogonal to the basis
 * (the Krylov-Schur relation stays exact) and the iteration continues, until a widened run finds no new pair: so
 * multiplicities above p come out whole (the hypercube Q_6: 15). A breakdown of the block (an invariant subspace)
 * is also refilled with random vectors.
 *
 * <p><b>Null space.</b> An n x c basis of a known null space of A (for a graph Laplacian one vector per component,
 * {@code Laplacian.nullSpace}) passed as {@link Options#nullSpace()} is checked (||A z|| &lt;= 1e-8 ||A||),
 * B-orthonormalised and kept out of the Krylov space; the result holds these vectors with eigenvalue 0 first and
 * the next k - c computed pairs after them.
 *
 * <p><b>Costs.</b> Setup: the Cholesky factorisation of A - sigma B (see {@link ShiftInvertOperator}), unless one is
 * passed in the options. Per restart: m minus the kept vectors solves, done p at a time; O(n m^2) for
 * reorthogonalisation and O(n m_a l_a) for the rotation of the active block; O(m_a^3) for the projected
 * eigenproblem. {@code operatorApplications} counts solves with
 * A - sigma B, one per vector; the products with A for residual checks are not counted.
 *
 * <p>Requires A and B as an {@link ExplicitMatrix} ({@link lapis.spectral.op.SparseMatrixOperator},
 * {@link lapis.spectral.op.LaplacianOperator}) to factor them, or a prebuilt {@link ShiftInvertOperator} in the
 * options; for matrix-free operators use {@link Lobpcg}. A - sigma B must be positive definite. Immutable; safe to
 * share between threads.
 */
public final class ThickRestartLanczos implements SymmetricEigensolver {
    private final Options options;

    /** A solver with {@link Options#defaults()}. */
    public ThickRestartLanczos() {
        this(Options.defaults());
    }

    public ThickRestartLanczos(Options options) {
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
     * @param maxIterations maximum number of restarts, &gt;= 1; default 100
     * @param blockSize p, the number of vectors the Krylov space grows by per step, &gt;= 1; default 4
     * @param basisSize m, the basis size at which to restart; 0 chooses max(2k' + p, k' + 3p, 20) rounded up to a
     *     multiple of p (k' wanted pairs besides the null space), capped at n - c
     * @param shift sigma; NaN chooses -1e-4 ||A|| / ||B|| (-1e-4 for A = 0), below every eigenvalue of a positive
     *     semi-definite A
     * @param inverse a prebuilt (A - sigma B)^-1 for the same A and B, reused across calls; null factors anew
     *     (shift is then ignored in favour of inverse.shift())
     * @param nullSpace n x c basis of a known null space of A to deflate, or null
     * @param seed seed of the random start block and of the vectors added when the block widens
     */
    public record Options(double tolerance, int maxIterations, int blockSize, int basisSize, double shift,
            ShiftInvertOperator inverse, DMatrixRMaj nullSpace, long seed) {

        public Options {
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
            }
            if (blockSize < 1) {
                throw new IllegalArgumentException("blockSize must be >= 1, got " + blockSize);
            }
            if (basisSize < 0) {
                throw new IllegalArgumentException("basisSize must be >= 0 (0 = automatic), got " + basisSize);
            }
            if (Double.isInfinite(shift)) {
                throw new IllegalArgumentException("shift must be finite or NaN (automatic), got " + shift);
            }
            nullSpace = nullSpace == null ? null : nullSpace.copy();
        }

        /** tol 1e-10, 100 restarts, block size 4, automatic basis size and shift, no null space, seed 42. */
        public static Options defaults() {
            return new Options(1e-10, 100, 4, 0, Double.NaN, null, null, 42L);
        }

        /** A copy of the null-space basis, or null. */
        @Override
        public DMatrixRMaj nullSpace() {
            return nullSpace == null ? null : nullSpace.copy();
        }

        public Options withTolerance(double t) {
            return new Options(t, maxIterations, blockSize, basisSize, shift, inverse, nullSpace, seed);
        }

        public Options withMaxIterations(int it) {
            return new Options(tolerance, it, blockSize, basisSize, shift, inverse, nullSpace, seed);
        }

        public Options withBlockSize(int p) {
            return new Options(tolerance, maxIterations, p, basisSize, shift, inverse, nullSpace, seed);
        }

        public Options withBasisSize(int m) {
            return new Options(tolerance, maxIterations, blockSize, m, shift, inverse, nullSpace, seed);
        }

        public Options withShift(double sigma) {
            return new Options(tolerance, maxIterations, blockSize, basisSize, sigma, inverse, nullSpace, seed);
        }

        public Options withInverse(ShiftInvertOperator inv) {
            return new Options(tolerance, maxIterations, blockSize, basisSize, shift, inv, nullSpace, seed);
        }

        public Options withNullSpace(DMatrixRMaj z) {
            return new Options(tolerance, maxIterations, blockSize, basisSize, shift, inverse, z, seed);
        }

        public Options withSeed(long s) {
            return new Options(tolerance, maxIterations, blockSize, basisSize, shift, inverse, nullSpace, s);
        }
    }

    /** One solve: the workspace and state. Not shared. */
    private static final class Run {
        private static final double BREAKDOWN = 1e-12;
        private static final int MAX_WIDENINGS = 16;
        private static final double GATE = 100;

        private final SymmetricOperator a;
        private final SymmetricOperator mass;
        private final int k;
        private final Options opt;
        private final int n;
        private final long start;
        private final SplittableRandom rnd;
        private DMatrixRMaj z;
        private ColumnBlock zb;
        private int c;
        private ColumnBlock v;
        private int nEff;
        private double[][] h;
        private long solves;
        private ShiftInvertOperator inverse;
        private int lastStart;
        private double normA;
        private double sigma;
        private double tol;
        private double shiftedNorm;
        private int kk;
        private int p;
        private int m;
        private int filled;
        private int active;
        private int locked;
        private int iterations;
        private int widenings;
        private double[] previous;
        private double[] lambda;
        private double[] residual;
        private DMatrixRMaj x;

        Run(SymmetricOperator a, SymmetricOperator mass, int k, Options opt) {
            this.a = Objects.requireNonNull(a, "a");
            this.mass = mass;
            this.k = k;
            this.opt = opt;
            this.n = a.size();
            this.start = System.nanoTime();
            this.rnd = new SplittableRandom(opt.seed());
            if (mass != null && mass.size() != n) {
                throw new IllegalArgumentException("A is " + n + "x" + n + " but B is " + mass.size() + "x"
                        + mass.size());
            }
            if (k < 1 || k > n) {
                throw new IllegalArgumentException("k must satisfy 1 <= k <= n = " + n + ", got " + k);
            }
        }

        EigenResult solve() {
            normA = NormEstimate.of(a, opt.seed());
            z = Deflation.nullSpaceBasis(opt.nullSpace, a, mass, normA);
            c = z.numCols;
            if (k <= c) {
                return Deflation.result(z, a, new DMatrixRMaj(n, 0), new double[0], new double[0], k, 0, 0, start,
                        true, name(Double.NaN, 0, 0));
            }
            allocate();
            filled = startBlock(0, p);
            boolean converged = false;
            while (iterations < opt.maxIterations()) {
                iterations++;
                int q = expandToBasisSize();
                Kept kept = rayleighRitz(q);
                if (!wantedPairsConverged(kept)) {
                    restart(kept);
                    continue;
                }
                int cluster = clusterToWiden(kept);
                if (cluster == 0) {
                    converged = true;
                    break;
                }
                widen(kept, cluster);
            }
            return Deflation.result(z, a, x, lambda, residual, k, iterations, solves, start, converged,
                    name(sigma, p, m));
        }

        /**
         * Sets up the shift-invert operator, the block size p, the basis size m (see {@link Options#basisSize}),
         * the basis V, the projected matrix H and the absolute tolerances.
         */
        private void allocate() {
            zb = new ColumnBlock(n, c);
            zb.setColumns(0, z.data, c);
            kk = k - c;
            nEff = n - c;
            inverse = inverse(normA);
            sigma = inverse.shift();
            p = Math.min(opt.blockSize(), nEff);
            m = opt.basisSize() > 0 ? opt.basisSize() : Math.max(Math.max(2 * kk + p, kk + 3 * p), 20);
            m = ((m + p - 1) / p) * p;
            m = Math.min(Math.max(m, kk + p), nEff);
            v = new ColumnBlock(n, m + 2 * p);
            h = new double[m + 2 * p][m + 2 * p];
            tol = opt.tolerance() * normA;
            shiftedNorm = normA + Math.abs(sigma) * (mass == null ? 1.0 : NormEstimate.of(mass, opt.seed()));
            lambda = new double[kk];
            residual = new double[kk];
        }

        /**
         * Expand: extends the basis block by block from the active block until it holds m vectors (or the Krylov
         * space is exhausted). Returns the width q of the residual block left in columns [filled - q, filled),
         * 0 after a breakdown.
         */
        private int expandToBasisSize() {
            int q = filled - active;
            int local = 0;
            while (filled - q < m && q > 0) {
                int s = filled - q;
                int added = expand(s, q, filled, local);
                local = s;
                active = filled;
                filled += added;
                q = added;
            }
            return q;
        }

        /**
         * What a restart keeps of the active Ritz pairs: la of them (wanted of them wanted), the lockNow pairs to
         * lock first, their values theta and their coupling to the q-wide residual block (q x la, zero for the
         * pairs to lock); mb is the end of the basis proper.
         */
        private record Kept(int q, int mb, int wanted, int la, int lockNow, double[] theta, double[] coupling) {
        }

        /**
         * Rayleigh-Ritz on the active block H[locked..mb, locked..mb), then lock: chooses the la Ritz vectors to
         * keep, puts first those whose residual bound is under tol/2 (B = I only) and rotates V onto them.
         */
        private Kept rayleighRitz(int q) {
            int mb = filled - q;
            int pb = mb - lastStart;
            int ma = mb - locked;
            double[] theta = new double[ma];
            double[] y = ritz(locked, mb, theta);
            int wantedActive = wantedActive(locked, theta, kk);
            int la = q == 0 ? Math.min(ma, wantedActive)
                    : Math.max(wantedActive, Math.min(wantedActive + (ma - wantedActive) / 2, ma - 1));
            double[] coupling = coupling(mb, q, pb, locked, y, ma, la);
            boolean[] lockable = new boolean[la];
            int lockNow = 0;
            for (int i = 0; i < wantedActive && mass == null && q > 0; i++) {
                lockable[i] = bound(coupling, q, la, i) * shiftedNorm / theta[i] <= 0.5 * tol;
                lockNow += lockable[i] ? 1 : 0;
            }
            int[] order = new int[la];
            for (int i = 0, first = 0, rest = lockNow; i < la; i++) {
                order[lockable[i] ? first++ : rest++] = i;
            }
            v.rotate(locked, ma, select(y, ma, order), la);
            double[] kept = new double[la];
            double[] keptCoupling = new double[q * la];
            for (int t = 0; t < la; t++) {
                kept[t] = theta[order[t]];
                for (int r = 0; r < q; r++) {
                    keptCoupling[r * la + t] = t < lockNow ? 0.0 : coupling[r * la + order[t]];
                }
            }
            return new Kept(q, mb, wantedActive, la, lockNow, kept, keptCoupling);
        }

        /**
         * Convergence: once every unlocked wanted pair's Krylov-Schur bound is under GATE tol (or the Krylov space
         * is exhausted, or this is the last restart), computes the k' wanted pairs from A itself into x, lambda
         * and residual, and tells whether all pass the test of the class comment.
         */
        private boolean wantedPairsConverged(Kept kept) {
            int q = kept.q();
            boolean promising = q == 0 || iterations == opt.maxIterations();
            if (!promising) {
                promising = true;
                for (int t = kept.lockNow(); t < kept.wanted(); t++) {
                    promising &= bound(kept.coupling(), q, kept.la(), t) * shiftedNorm / kept.theta()[t]
                            <= GATE * tol;
                }
            }
            if (!promising) {
                return false;
            }
            Pairs w = wantedPairs(locked + kept.wanted(), kk, x);
            x = w.x;
            lambda = w.lambda;
            residual = w.residual;
            boolean all = true;
            double limit = q == 0 ? Math.max(tol, 1e3 * Math.ulp(1.0) * normA) : tol;
            for (int i = 0; i < kk; i++) {
                all &= residual[i] <= limit;
            }
            return all;
        }

        /**
         * Once the wanted pairs have converged: the size of a cluster of at least p equal eigenvalues, new since
         * the last widening, that may hide a larger multiplicity, when widenings, restarts and the Krylov space
         * are left to look; 0 when the solve is complete.
         */
        private int clusterToWiden(Kept kept) {
            boolean changed = previous == null || differs(previous, lambda, tol);
            double[] extra = new double[kept.la() - kept.wanted()];
            for (int t = kept.wanted(); t < kept.la(); t++) {
                extra[t - kept.wanted()] = sigma + 1.0 / kept.theta()[t];
            }
            int cluster = largestCluster(lambda, extra, tol);
            boolean complete = cluster < p || !changed || widenings >= MAX_WIDENINGS || kept.q() == 0
                    || iterations >= opt.maxIterations();
            return complete ? 0 : cluster;
        }

        /**
         * Restart: keeps the locked and kept Ritz vectors and the residual block (Krylov-Schur), or, after a
         * breakdown, the kept vectors and a fresh random block; the newly lockable pairs join the locked ones.
         */
        private void restart(Kept kept) {
            if (kept.q() == 0) {
                restartBasis(locked, kept.la(), kept.theta(), null, 0, kept.mb());
                filled = startBlock(locked + kept.la(), p);
            } else {
                filled = restartBasis(locked, kept.la(), kept.theta(), kept.coupling(), kept.q(), kept.mb());
            }
            active = locked + kept.la();
            locked += kept.lockNow();
        }

        /**
         * Restarts with the block widened to max(2p, cluster + 1) by random vectors B-orthogonal to the basis
         * (the Krylov-Schur relation stays exact), and the basis size grown to hold three such blocks past k'.
         */
        private void widen(Kept kept, int cluster) {
            widenings++;
            previous = lambda.clone();
            int wider = Math.min(Math.max(2 * p, cluster + 1), nEff - locked - kept.la());
            m = Math.min(Math.max(m, kk + 3 * wider), nEff);
            grow(m + 2 * wider);
            restart(kept);
            if (wider > kept.q()) {
                filled = startBlock(filled, wider - kept.q());
            }
            p = Math.max(p, filled - active);
        }

        /**
         * How many of the k' wanted pairs (the largest theta overall) are active Ritz values, given the locked
         * values on the diagonal of H and the active ones (descending).
         */
        private int wantedActive(int locked, double[] theta, int kk) {
            double[] all = new double[locked + theta.length];
            for (int i = 0; i < locked; i++) {
                all[i] = h[i][i];
            }
            System.arraycopy(theta, 0, all, locked, theta.length);
            double[] sorted = all.clone();
            java.util.Arrays.sort(sorted);
            double threshold = sorted[Math.max(sorted.length - kk, 0)];
            int count = 0;
            for (int i = 0; i < theta.length && count < kk; i++) {
                if (theta[i] >= threshold) {
                    count++;
                }
            }
            return Math.min(count, Math.min(kk, theta.length));
        }

        /** The k' pairs of smallest Rayleigh quotient among the first {@code columns} basis vectors. */
        private Pairs wantedPairs(int columns, int kk, DMatrixRMaj reuse) {
            DMatrixRMaj all = v.columns(0, columns, columns == kk ? reuse : null);
            DMatrixRMaj ax = a.applyBlock(all, null);
            DMatrixRMaj bx = Vectors.times(mass, all, null);
            double[] lam = Residuals.rayleighQuotients(all, ax, bx);
            double[] res = Residuals.norms(ax, bx, lam);
            if (columns == kk) {
                return new Pairs(all, lam, res);
            }
            Integer[] idx = new Integer[columns];
            for (int i = 0; i < columns; i++) {
                idx[i] = i;
            }
            java.util.Arrays.sort(idx, java.util.Comparator.comparingDouble(i -> lam[i]));
            DMatrixRMaj x = new DMatrixRMaj(n, kk);
            double[] l2 = new double[kk];
            double[] r2 = new double[kk];
            for (int t = 0; t < kk; t++) {
                int j = idx[t];
                l2[t] = lam[j];
                r2[t] = res[j];
                for (int i = 0; i < n; i++) {
                    x.data[i * kk + t] = all.data[i * columns + j];
                }
            }
            return new Pairs(x, l2, r2);
        }

        /** Ritz vectors with their Rayleigh quotients and residual norms. */
        private record Pairs(DMatrixRMaj x, double[] lambda, double[] residual) {
        }

        private String name(double sigma, int p, int m) {
            return "ThickRestartLanczos(shift-invert sigma=" + sigma + ", block=" + p + ", basis=" + m + ", tol="
                    + opt.tolerance() + ", deflated=" + (z == null ? 0 : z.numCols) + ")";
        }

        private ShiftInvertOperator inverse(double normA) {
            if (opt.inverse() != null) {
                if (opt.inverse().size() != n) {
                    throw new IllegalArgumentException("inverse has size " + opt.inverse().size() + "; expected "
                            + n);
                }
                return opt.inverse();
            }
            if (!(a instanceof ExplicitMatrix am) || (mass != null && !(mass instanceof ExplicitMatrix))) {
                throw new IllegalArgumentException("shift-invert Lanczos needs A (and B) as an ExplicitMatrix "
                        + "(SparseMatrixOperator, LaplacianOperator) to factor, or a ShiftInvertOperator in the "
                        + "options; for a matrix-free operator use Lobpcg");
            }
            SymmetricSparseMatrix bm = mass == null ? null : ((ExplicitMatrix) mass).matrix();
            double sigma = opt.shift();
            if (Double.isNaN(sigma)) {
                double normB = mass == null ? 1.0 : NormEstimate.of(mass, opt.seed());
                sigma = normA > 0 && normB > 0 ? -1e-4 * normA / normB : -1e-4;
            }
            return ShiftInvertOperator.of(am.matrix(), bm, sigma);
        }


        /** Enlarges the basis and the projected matrix to hold at least the given number of columns. */
        private void grow(int capacity) {
            if (capacity <= v.capacity) {
                return;
            }
            ColumnBlock bigger = new ColumnBlock(n, capacity);
            for (int i = 0; i < n; i++) {
                System.arraycopy(v.data, i * v.capacity, bigger.data, i * capacity, v.capacity);
            }
            v = bigger;
            double[][] hh = new double[capacity][capacity];
            for (int i = 0; i < h.length; i++) {
                System.arraycopy(h[i], 0, hh[i], 0, h.length);
            }
            h = hh;
        }

        /** Puts a random block, B-orthonormal to Z and V[:, 0..col), into columns [col, col + p). */
        private int startBlock(int col, int p) {
            int width = Math.min(p, nEff - col);
            if (width <= 0) {
                return col;
            }
            double[] w = Vectors.randomBlock(n, width, rnd);
            orthogonalizeBlock(w, width, col, 0, null);
            double[][] r = new double[width][width];
            int kept = orthonormalize(w, width, col, r, null, new double[width]);
            lastStart = col;
            return col + kept;
        }

        /**
         * Extends the basis from the active block [s, s + q): W = S V[:, s..s+q), orthogonalised against
         * everything, B-orthonormalised into columns [filled, filled + added). Records the coefficients in H.
         */
        private int expand(int s, int q, int filled, int local) {
            DMatrixRMaj xb = v.columns(s, q, null);
            DMatrixRMaj bx = Vectors.times(mass, xb, null);
            DMatrixRMaj w = inverse.applyBlock(bx, null);
            solves += q;
            double[] norms = new double[q];
            double[] coef = orthogonalizeBlock(w.data, q, filled, local, norms);
            double[][] r = new double[q][q];
            int added = orthonormalize(w.data, q, filled, r, coef, norms);
            for (int i = 0; i < filled; i++) {
                for (int b = 0; b < q; b++) {
                    h[i][s + b] = coef[i * q + b];
                }
            }
            for (int t = 0; t < added; t++) {
                for (int b = 0; b < q; b++) {
                    h[filled + t][s + b] = r[t][b];
                }
            }
            lastStart = s;
            return added;
        }

        /**
         * Block classical Gram-Schmidt of the n x q row-major w against Z and V[:, 0..filled) in the B inner
         * product: first against Z and the local columns [local, filled), which carry all of the exact Lanczos
         * coefficients (the previous block and the active block, or everything after a restart), then one full
         * pass against all columns to remove what rounding left, and a second full pass only for a column whose
         * B-norm that pass reduced below 0.7 of its value (the test of Daniel, Gragg, Kaufman and Stewart, 1976).
         * Returns the accumulated coefficients V^T B w (filled x q); norms (if not null) receives the B-norms of
         * the columns before projection.
         */
        private double[] orthogonalizeBlock(double[] w, int q, int filled, int local, double[] norms) {
            double[] total = new double[filled * q];
            DMatrixRMaj wm = DMatrixRMaj.wrap(n, q, w);
            double[] before = new double[q];
            double[] bw = project(w, wm, q, local, filled, total, norms);
            boolean again = local > 0;
            for (int pass = 0; pass < 3 && again; pass++) {
                columnNorms(w, bw, q, before);
                bw = project(w, wm, q, 0, filled, total, null);
                double[] after = new double[q];
                columnNorms(w, mass == null ? w : mass.applyBlock(wm, null).data, q, after);
                again = false;
                for (int b = 0; b < q; b++) {
                    again |= after[b] < 0.7 * before[b];
                }
            }
            if (local == 0) {
                project(w, wm, q, 0, filled, total, null);
            }
            return total;
        }

        /** One projection pass against Z and V[:, from..filled); returns B w as it was before the pass. */
        private double[] project(double[] w, DMatrixRMaj wm, int q, int from, int filled, double[] total,
                double[] norms) {
            double[] bw = mass == null ? w : mass.applyBlock(wm, null).data;
            if (norms != null) {
                columnNorms(w, bw, q, norms);
            }
            if (c > 0) {
                double[] zc = new double[c * q];
                zb.transposeTimes(0, c, bw, q, zc);
                zb.subtractTimes(0, c, zc, w, q);
            }
            int j = filled - from;
            if (j > 0) {
                double[] coef = new double[j * q];
                v.transposeTimes(from, filled, bw, q, coef);
                v.subtractTimes(from, filled, coef, w, q);
                for (int i = 0; i < coef.length; i++) {
                    total[from * q + i] += coef[i];
                }
            }
            return bw;
        }

        private void columnNorms(double[] w, double[] bw, int q, double[] out) {
            java.util.Arrays.fill(out, 0.0);
            for (int i = 0; i < n; i++) {
                for (int b = 0; b < q; b++) {
                    out[b] += w[i * q + b] * bw[i * q + b];
                }
            }
            for (int b = 0; b < q; b++) {
                out[b] = Math.sqrt(Math.max(out[b], 0));
            }
        }

        /**
         * Modified Gram-Schmidt in the B inner product of the q columns of w (already orthogonal to Z and V[:,
         * 0..filled)), with re-orthogonalisation when cancellation occurs and random replacement on breakdown.
         * Accepted columns go to V[:, filled..]; r[t][b] receives W = Q R. Further coefficients against V found
         * while re-orthogonalising are added to coef (filled x q), when not null. Returns the number accepted.
         */
        private int orthonormalize(double[] w, int q, int filled, double[][] r, double[] coef, double[] norms) {
            double[][] acc = new double[q][];
            double[][] bacc = new double[q][];
            int kept = 0;
            double[] col = new double[n];
            double[] tmp = new double[n];
            for (int b = 0; b < q; b++) {
                for (int i = 0; i < n; i++) {
                    col[i] = w[i * q + b];
                }
                double before = Vectors.bNorm(mass, col, tmp);
                double reference = norms != null && norms[b] > 0 ? norms[b] : before;
                for (int pass = 0; pass < 2; pass++) {
                    for (int t = 0; t < kept; t++) {
                        double rt = Vectors.dot(bacc[t], col);
                        axpy(-rt, acc[t], col);
                        r[t][b] += rt;
                    }
                }
                double after = Vectors.bNorm(mass, col, tmp);
                for (int extra = 0; extra < 3 && after > BREAKDOWN * reference && after < 0.5 * before; extra++) {
                    before = after;
                    reorthogonalize(col, filled, acc, bacc, kept, coef, r, b, q);
                    after = Vectors.bNorm(mass, col, tmp);
                }
                if (after > BREAKDOWN * reference) {
                    Vectors.scale(col, 1.0 / after);
                    r[kept][b] = after;
                } else if (filled + kept < nEff) {
                    for (int i = 0; i < n; i++) {
                        col[i] = rnd.nextGaussian();
                    }
                    for (int pass = 0; pass < 2; pass++) {
                        reorthogonalize(col, filled, acc, bacc, kept, null, null, b, q);
                    }
                    double nr = Vectors.bNorm(mass, col, tmp);
                    Vectors.scale(col, 1.0 / nr);
                    r[kept][b] = 0.0;
                } else {
                    continue;
                }
                acc[kept] = col.clone();
                bacc[kept] = mass == null ? acc[kept] : applied(acc[kept]);
                kept++;
            }
            double[] block = new double[n * kept];
            for (int t = 0; t < kept; t++) {
                for (int i = 0; i < n; i++) {
                    block[i * kept + t] = acc[t][i];
                }
            }
            v.setColumns(filled, block, kept);
            return kept;
        }

        private double[] applied(double[] x) {
            double[] out = new double[n];
            mass.apply(x, out);
            return out;
        }

        /** One classical Gram-Schmidt pass of the single vector col against Z, V[:, 0..filled) and acc[0..kept). */
        private void reorthogonalize(double[] col, int filled, double[][] acc, double[][] bacc, int kept,
                double[] coef, double[][] r, int b, int q) {
            double[] bcol = mass == null ? col : applied(col);
            if (c > 0) {
                double[] zc = new double[c];
                zb.transposeTimes(0, c, bcol, 1, zc);
                zb.subtractTimes(0, c, zc, col, 1);
            }
            if (filled > 0) {
                double[] vc = new double[filled];
                v.transposeTimes(0, filled, bcol, 1, vc);
                v.subtractTimes(0, filled, vc, col, 1);
                if (coef != null) {
                    for (int i = 0; i < filled; i++) {
                        coef[i * q + b] += vc[i];
                    }
                }
            }
            for (int t = 0; t < kept; t++) {
                double rt = Vectors.dot(bacc[t], col);
                axpy(-rt, acc[t], col);
                if (r != null) {
                    r[t][b] += rt;
                }
            }
        }

        private static void axpy(double alpha, double[] x, double[] y) {
            for (int i = 0; i < y.length; i++) {
                y[i] += alpha * x[i];
            }
        }

        /**
         * ||G e_i||: the B-norm of the residual S x_i - theta_i x_i of Ritz vector i, whose image in the original
         * problem is bounded by ||A x_i - lambda_i B x_i|| &lt;= ||A - sigma B|| ||S x_i - theta_i x_i|| / theta_i
         * (exactly so for B = I).
         */
        private static double bound(double[] coupling, int q, int l, int i) {
            double s = 0;
            for (int t = 0; t < q; t++) {
                s += coupling[t * l + i] * coupling[t * l + i];
            }
            return Math.sqrt(s);
        }

        /**
         * Rayleigh-Ritz on the symmetrised active block H[from..mb, from..mb): theta descending; returns Y (ma x ma
         * row-major, ma = mb - from).
         */
        private double[] ritz(int from, int mb, double[] theta) {
            int ma = mb - from;
            DMatrixRMaj hs = new DMatrixRMaj(ma, ma);
            for (int i = 0; i < ma; i++) {
                for (int j = 0; j < ma; j++) {
                    hs.data[i * ma + j] = 0.5 * (h[from + i][from + j] + h[from + j][from + i]);
                }
            }
            DMatrixRMaj y = new DMatrixRMaj(ma, ma);
            double[] ev = DenseSymmetric.decompose(hs, true, y);
            System.arraycopy(ev, 0, theta, 0, ma);
            return y.data;
        }

        /** The columns order[0..] of the ma x ma row-major y, as an ma x order.length row-major matrix. */
        private static double[] select(double[] y, int ma, int[] order) {
            int l = order.length;
            double[] out = new double[ma * l];
            for (int i = 0; i < ma; i++) {
                for (int t = 0; t < l; t++) {
                    out[i * l + t] = y[i * ma + order[t]];
                }
            }
            return out;
        }

        /**
         * G = R_last Y[mb - pb..mb, 0..la) in active coordinates (rows of Y count from the first active column):
         * the coupling of the residual block to the kept active Ritz vectors (q x la).
         */
        private double[] coupling(int mb, int q, int pb, int from, double[] y, int ma, int la) {
            double[] g = new double[q * la];
            for (int t = 0; t < q; t++) {
                for (int i = 0; i < la; i++) {
                    double s = 0;
                    for (int b = 0; b < pb; b++) {
                        s += h[mb + t][mb - pb + b] * y[(mb - pb + b - from) * ma + i];
                    }
                    g[t * la + i] = s;
                }
            }
            return g;
        }

        /**
         * Restarts with the locked columns, the la rotated active Ritz vectors after them (values kept) and, when
         * coupling is not null, the residual block moved from [mb, mb + q) to [locked + la, ...) with its coupling
         * (q x la). Returns the new number of filled columns.
         */
        private int restartBasis(int locked, int la, double[] kept, double[] coupling, int q, int mb) {
            double[] lockedValues = new double[locked];
            for (int i = 0; i < locked; i++) {
                lockedValues[i] = h[i][i];
            }
            for (double[] row : h) {
                java.util.Arrays.fill(row, 0.0);
            }
            for (int i = 0; i < locked; i++) {
                h[i][i] = lockedValues[i];
            }
            for (int t = 0; t < la; t++) {
                h[locked + t][locked + t] = kept[t];
            }
            int end = locked + la;
            if (coupling == null) {
                return end;
            }
            v.moveColumns(mb, end, q);
            for (int r = 0; r < q; r++) {
                for (int t = 0; t < la; t++) {
                    h[end + r][locked + t] = coupling[r * la + t];
                    h[locked + t][end + r] = coupling[r * la + t];
                }
            }
            return end + q;
        }

        private static boolean differs(double[] previous, double[] lambda, double tolAbs) {
            for (int i = 0; i < lambda.length; i++) {
                if (Math.abs(previous[i] - lambda[i]) > Math.max(tolAbs, 1e-9 * Math.abs(lambda[i]))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The size of the largest group of equal eigenvalues among the k' converged ones, counting also the extra
         * kept Ritz values that fall in the group of the largest converged one.
         */
        private static int largestCluster(double[] lambda, double[] extra, double tolAbs) {
            double[] sorted = lambda.clone();
            java.util.Arrays.sort(sorted);
            int kk = sorted.length;
            int best = kk == 0 ? 0 : 1;
            int run = 1;
            for (int i = 1; i < kk; i++) {
                if (sorted[i] - sorted[i - 1] <= Math.max(tolAbs, 1e-9 * Math.abs(sorted[i]))) {
                    run++;
                } else {
                    run = 1;
                }
                best = Math.max(best, run);
            }
            double top = sorted[kk - 1];
            for (double li : extra) {
                if (Math.abs(li - top) <= Math.max(tolAbs, 1e-9 * Math.abs(top))) {
                    run++;
                }
            }
            return Math.max(best, run);
        }
    }
}
