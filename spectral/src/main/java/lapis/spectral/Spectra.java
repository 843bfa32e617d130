package lapis.spectral;

import java.time.Duration;
import java.util.Objects;
import lapis.graph.ConnectedComponents;
import lapis.graph.Graph;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.dense.SymmetricEigen;
import lapis.spectral.op.LaplacianOperator;
import lapis.spectral.sparse.ThickRestartLanczos;
import org.ejml.data.DMatrixRMaj;

/**
 * The entry point from a graph to its spectrum: the k smallest eigenpairs of a graph Laplacian in one call, the
 * solver chosen by size and the null space handled in closed form.
 * <pre>
 * EigenResult r = Spectra.smallest(graph, Normalization.SYMMETRIC, 8);
 * EigenResult s = Spectra.smallest(JGraphTGraphs.fromJGraphT(jgraphtGraph, GraphOptions.defaults()).graph(),
 *         Normalization.COMBINATORIAL, 8);                 // a JGraphT graph, through the existing adapter
 * </pre>
 *
 * <p><b>Route.</b> With n vertices: dense when n &lt;= {@link Options#denseLimit()} (default
 * {@value #DEFAULT_DENSE_LIMIT}) or when more than half the pairs are wanted: all n pairs by {@link SymmetricEigen}
 * (Householder + QL, O(n^3) time, O(n^2) memory), of which the first k are kept. Otherwise sparse: {@link
 * ThickRestartLanczos} in shift-invert mode on a sparse Cholesky factorisation of L - sigma I (one factorisation,
 * then about 2k + 4 solves per restart; O(nnz(factor)) memory). Why 200: measured on 2 shared cores (2026-12-03,
 * 2-D grids, L_sym, k = 8, five runs each) the dense route took 0.005-0.022 s at n = 100 against 0.013-0.042 s
 * for the sparse one, both about 0.02 s at n = 196, 0.11-0.15 s against 0.02-0.04 s at n = 400, and 1.0 s against
 * 0.03-0.06 s at n = 1,024; the dense route grows as n^3 and the sparse one near-linearly. Below the cut-over the
 * dense route also needs no convergence test and gives residuals near 1e-15 (the sparse ones near 1e-11).
 * {@code lapis spectrum} cuts over at 1000; PyG's AddLaplacianEigenvectorPE at 100.
 *
 * <p><b>Null space, on both routes.</b> A graph with c components has eigenvalue 0 with multiplicity c (isolated
 * vertices count for the combinatorial kind; for the normalised kinds an isolated vertex has eigenvalue 1). The
 * first c pairs are always {@link Laplacian#nullSpace} in closed form, with eigenvalue exactly 0: the component
 * indicators (D^1/2 1 on each component for L_sym), normalised. The sparse route deflates them; the dense route
 * replaces its computed null vectors, which span the same space but in an arbitrary basis, by them. So a
 * disconnected graph needs nothing from the caller, and both routes return the same null-space vectors.
 *
 * <p><b>Signs.</b> Every other eigenvector follows {@link SymmetricEigen}'s convention on both routes: its entry of
 * largest magnitude is positive (the lowest index among exact ties). Inside a repeated eigenvalue the basis is the
 * solver's own: compare such pairs by subspace ({@link lapis.spectral.subspace.Subspaces}).
 *
 * <p><b>Normalizations.</b> {@link Normalization#COMBINATORIAL} and {@link Normalization#SYMMETRIC} give orthonormal
 * eigenvectors and residuals ||L v - lambda v||_2. {@link Normalization#RANDOM_WALK} L_rw = I - D^-1 A is not
 * symmetric; it is solved as L_sym (same eigenvalues) and its right eigenvectors returned as u = D^-1/2 v_sym (an
 * isolated vertex, whose row of L_rw is the unit row, keeps u_i = v_i). These are orthonormal in the degree inner
 * product, u^T M u = I with M = diag(d_i) (1 for an isolated vertex), constant on each component in the null
 * space, and the residuals are ||L_rw u - lambda u||_2 computed from L_rw itself.
 *
 * <p>The result is the solver's {@link EigenResult} (iterations, operator applications and the convergence flag of
 * the route taken; the wall time covers the whole call). A sparse solve that does not converge is not hidden: the
 * result has {@code converged() == false}; call {@link EigenResult#orThrow()} to fail on it. Stateless.
 */
public final class Spectra {
    /** The default largest n solved densely. */
    public static final int DEFAULT_DENSE_LIMIT = 200;

    private Spectra() {
    }

    /**
     * The route's settings.
     *
     * @param denseLimit the largest n solved densely, &gt;= 0 (0: sparse unless more than half the pairs are
     *     wanted); default {@value #DEFAULT_DENSE_LIMIT}
     * @param tolerance the relative residual tolerance of the sparse route's convergence test, in (0, 1); default
     *     1e-10 (see {@link ThickRestartLanczos})
     * @param seed the seed of the sparse route's start block; default 42
     */
    public record Options(int denseLimit, double tolerance, long seed) {
        public Options {
            if (denseLimit < 0) {
                throw new IllegalArgumentException("denseLimit must be >= 0, got " + denseLimit);
            }
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
            }
        }

        /** Dense up to n = {@value #DEFAULT_DENSE_LIMIT}, tolerance 1e-10, seed 42. */
        public static Options defaults() {
            return new Options(DEFAULT_DENSE_LIMIT, 1e-10, 42L);
        }

        public Options withDenseLimit(int limit) {
            return new Options(limit, tolerance, seed);
        }

        public Options withTolerance(double t) {
            return new Options(denseLimit, t, seed);
        }

        public Options withSeed(long s) {
            return new Options(denseLimit, tolerance, s);
        }
    }

    /** The k smallest eigenpairs of g's Laplacian of the given kind, with {@link Options#defaults()}. */
    public static EigenResult smallest(Graph g, Normalization normalization, int k) {
        return smallest(g, normalization, k, Options.defaults());
    }

    /**
     * The k smallest eigenpairs of g's Laplacian of the given kind: eigenvalues ascending, eigenvectors n x k,
     * residuals. O(n^3) on the dense route; on the sparse route one sparse Cholesky factorisation plus
     * O(restarts (k nnz(factor) + n k^2)).
     *
     * @throws IllegalArgumentException if k is not in 1..n (naming both)
     */
    public static EigenResult smallest(Graph g, Normalization normalization, int k, Options options) {
        Objects.requireNonNull(g, "g");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(options, "options");
        int n = g.vertexCount();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must satisfy 1 <= k <= n = " + n + ", got " + k);
        }
        long start = System.nanoTime();
        Normalization solved = normalization == Normalization.RANDOM_WALK ? Normalization.SYMMETRIC : normalization;
        Laplacian l = Laplacian.of(g, solved);
        DMatrixRMaj nullSpace = l.nullSpace(ConnectedComponents.of(g));
        boolean dense = n <= options.denseLimit() || 2 * k > n;
        EigenResult r = dense ? dense(l, nullSpace, k) : new ThickRestartLanczos(ThickRestartLanczos.Options.defaults()
                .withTolerance(options.tolerance()).withSeed(options.seed()).withNullSpace(nullSpace))
                .smallest(LaplacianOperator.of(l), null, k);
        DMatrixRMaj v = r.eigenvectors(null);
        fixSigns(v, Math.min(nullSpace.numCols, k));
        double[] residuals = r.residualNorms();
        if (normalization == Normalization.RANDOM_WALK) {
            toRandomWalk(g, l.degrees(), r.eigenvalues(), v, residuals);
        }
        return new EigenResult(r.eigenvalues(), v, residuals, r.iterations(), r.operatorApplications(),
                Duration.ofNanos(System.nanoTime() - start), r.converged(),
                r.solver() + (normalization == Normalization.RANDOM_WALK ? ", mapped to L_rw" : ""));
    }

    /** All pairs densely, the first k kept, the first c replaced by the closed-form null space z (n x c). */
    private static EigenResult dense(Laplacian l, DMatrixRMaj z, int k) {
        EigenResult all = SymmetricEigen.of(l.toDense());
        int n = l.size();
        int c = Math.min(z.numCols, k);
        DMatrixRMaj v = all.eigenvectors(null);
        DMatrixRMaj first = new DMatrixRMaj(n, k);
        double[] values = new double[k];
        double[] residuals = new double[k];
        double[] col = new double[n];
        double[] lz = new double[n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                first.data[i * k + j] = j < c ? z.data[i * z.numCols + j] : v.data[i * n + j];
            }
            values[j] = j < c ? 0.0 : all.eigenvalue(j);
            residuals[j] = all.residualNorm(j);
            if (j < c) {
                for (int i = 0; i < n; i++) {
                    col[i] = z.data[i * z.numCols + j];
                }
                l.multiply(col, lz);
                residuals[j] = norm(lz);
            }
        }
        return new EigenResult(values, first, residuals, all.iterations(), all.operatorApplications(),
                all.wallTime(), all.converged(), all.solver());
    }

    /** Columns from..k-1 of v: the entry of largest magnitude made positive, the lowest index among exact ties. */
    private static void fixSigns(DMatrixRMaj v, int from) {
        int n = v.numRows;
        int k = v.numCols;
        for (int j = from; j < k; j++) {
            double best = -1;
            double sign = 1;
            for (int i = 0; i < n; i++) {
                double x = v.data[i * k + j];
                if (Math.abs(x) > best) {
                    best = Math.abs(x);
                    sign = x < 0 ? -1 : 1;
                }
            }
            if (sign < 0) {
                for (int i = 0; i < n; i++) {
                    v.data[i * k + j] = -v.data[i * k + j];
                }
            }
        }
    }

    /** v_sym -&gt; u = D^-1/2 v_sym (isolated vertices unscaled), in place, with residuals ||L_rw u - lambda u||. */
    private static void toRandomWalk(Graph g, double[] degrees, double[] values, DMatrixRMaj v, double[] residuals) {
        int n = v.numRows;
        int k = v.numCols;
        for (int i = 0; i < n; i++) {
            double s = degrees[i] > 0 ? 1 / Math.sqrt(degrees[i]) : 1.0;
            for (int j = 0; j < k; j++) {
                v.data[i * k + j] *= s;
            }
        }
        Laplacian rw = Laplacian.of(g, Normalization.RANDOM_WALK);
        DMatrixRMaj lu = rw.multiply(v, null);
        double[] sums = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double d = lu.data[i * k + j] - values[j] * v.data[i * k + j];
                sums[j] += d * d;
            }
        }
        for (int j = 0; j < k; j++) {
            residuals[j] = Math.sqrt(sums[j]);
        }
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double e : x) {
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
