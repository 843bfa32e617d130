package lapis.spectral.linalg;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import lapis.graph.SymmetricSparseMatrix;
import org.ejml.data.DMatrixRMaj;

/**
 * The exact Cholesky factorisation P A P^T = L L^T of a sparse symmetric positive definite matrix, and fast
 * solves A x = b with it.
 *
 * <p>Method: a fill-reducing ordering P ({@link ApproximateMinimumDegree} by default), the elimination tree and
 * its postorder, column counts by row-subtree traversal, supernodes (columns with nested structure) merged with
 * their parent while the explicit zeros this adds stay small (the relaxed amalgamation of CHOLMOD), then the
 * multifrontal method: each supernode's dense frontal matrix is assembled from A and its children's update
 * matrices, its pivot columns are factored, and its Schur complement is passed to the parent. See Liu, "The
 * multifrontal method for sparse matrix solution", SIAM Review 34(1), 1992, doi:10.1137/1034004, and Davis,
 * "Direct Methods for Sparse Linear Systems", SIAM 2006.
 *
 * <p>Costs: analysis O(nnz(A) + nnz(L)); factorisation {@link #flops()} floating-point operations (for 2-D grid-
 * and mesh-like graphs about n^1.5); memory nnz(L) doubles plus the frontal workspace; a solve 4 nnz(L) flops per
 * right-hand side, and one pass over L serves a whole block of right-hand sides. The elimination tree is split
 * into a fixed number of subtree groups (with the supernodes above them done last), which the factorisation and
 * the solves process in parallel; because the split does not depend on the number of processors, neither does
 * the result. On the 300 x 300 grid Laplacian (n = 90,000): nnz(L) = 2.5 million, 0.29 GFlop, about 0.1 s.
 *
 * <p>Immutable after construction and safe to use from several threads at once.
 */
public final class SparseCholesky {
    private static final int GATHER_WIDTH = 4;
    /**
     * Number of subtree groups the factorisation and the solves are split into: fixed, so that the arithmetic (and
     * hence the result) does not depend on how many processors run the groups.
     */
    private static final int GROUPS = 4;
    private static final int RELAX_SMALL = 4;
    private static final int RELAX_MEDIUM = 16;
    private static final int RELAX_LARGE = 48;
    private static final double ZEROS_MEDIUM = 0.8;
    private static final double ZEROS_LARGE = 0.1;
    private static final double ZEROS_ANY = 0.05;

    private final int n;
    private final int[] perm;
    private final int superCount;
    private final int[] superStart;
    private final int[] rowStart;
    private final int[] rowIndex;
    private final long[] valueStart;
    private final double[] values;
    private final int maxFront;
    private final double flops;
    private final int[][] groupMembers;
    private final int[] topMembers;
    private final int[] topIndex;
    private final int topCount;
    private final int[] topFrom;
    private final long stored;

    private SparseCholesky(Symbolic s, double[] values) {
        this.n = s.n;
        this.perm = s.perm;
        this.superCount = s.superCount;
        this.superStart = s.superStart;
        this.rowStart = s.rowStart;
        this.rowIndex = s.rowIndex;
        this.valueStart = s.valueStart;
        this.values = values;
        this.maxFront = s.maxFront;
        this.flops = s.flops;
        int[] sizes = new int[GROUPS];
        int tops = 0;
        for (int t = 0; t < superCount; t++) {
            if (s.group[t] >= 0) {
                sizes[s.group[t]]++;
            } else {
                tops++;
            }
        }
        groupMembers = new int[GROUPS][];
        for (int g = 0; g < GROUPS; g++) {
            groupMembers[g] = new int[sizes[g]];
        }
        topMembers = new int[tops];
        int[] fill = new int[GROUPS];
        int tp = 0;
        topIndex = new int[n];
        Arrays.fill(topIndex, -1);
        int rows = 0;
        for (int t = 0; t < superCount; t++) {
            int g = s.group[t];
            if (g >= 0) {
                groupMembers[g][fill[g]++] = t;
            } else {
                topMembers[tp++] = t;
                for (int j = superStart[t]; j < superStart[t + 1]; j++) {
                    topIndex[j] = rows++;
                }
            }
        }
        topCount = rows;
        long total = 0;
        for (int t = 0; t < superCount; t++) {
            int nc = superStart[t + 1] - superStart[t];
            int m = rowStart[t + 1] - rowStart[t];
            total += (long) nc * (nc + 1) / 2 + (long) nc * (m - nc);
        }
        stored = total;
        topFrom = new int[superCount];
        for (int t = 0; t < superCount; t++) {
            int r0 = rowStart[t];
            int m = rowStart[t + 1] - r0;
            int i = superStart[t + 1] - superStart[t];
            if (s.group[t] >= 0) {
                while (i < m && topIndex[rowIndex[r0 + i]] < 0) {
                    i++;
                }
            } else {
                i = m;
            }
            topFrom[t] = i;
        }
    }

    /**
     * Factors a with the approximate minimum degree ordering.
     *
     * @throws IllegalArgumentException naming the row where a pivot is not positive (a is not positive definite)
     */
    public static SparseCholesky factor(SymmetricSparseMatrix a) {
        Objects.requireNonNull(a, "a");
        return factor(a, ApproximateMinimumDegree.order(a));
    }

    /**
     * Factors a with the given ordering: row ordering[k] of a is eliminated k-th (the identity keeps the natural
     * order). The elimination-tree postorder is applied on top; it does not change the fill.
     *
     * @throws IllegalArgumentException if ordering is not a permutation of 0..n-1, or naming the row where a pivot
     *     is not positive
     */
    public static SparseCholesky factor(SymmetricSparseMatrix a, int[] ordering) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(ordering, "ordering");
        Symbolic s = Symbolic.analyse(a, ordering);
        return new SparseCholesky(s, s.numeric(a));
    }

    /** The dimension n. */
    public int size() {
        return n;
    }

    /** Entries of L that are stored (explicit zeros of merged supernodes included). */
    public long factorNonZeros() {
        return stored;
    }

    /** Floating-point operations of the numeric factorisation (multiplies and adds). */
    public double flops() {
        return flops;
    }

    /** Number of supernodes. */
    public int supernodeCount() {
        return superCount;
    }

    /** The order of the largest frontal matrix. */
    public int largestFront() {
        return maxFront;
    }

    /** The elimination order (fill-reducing ordering composed with the tree postorder); a copy. */
    public int[] permutation() {
        return perm.clone();
    }

    /**
     * x = A^-1 b. b: not modified. x: overwritten; may be the same array as b.
     *
     * @throws IllegalArgumentException if a length differs from n
     */
    public void solve(double[] b, double[] x) {
        if (b.length != n || x.length != n) {
            throw new IllegalArgumentException("vectors of length " + b.length + " and " + x.length
                    + " for a factorisation of size " + n);
        }
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            y[k] = b[perm[k]];
        }
        solvePermuted(y, 1);
        for (int k = 0; k < n; k++) {
            x[perm[k]] = y[k];
        }
    }

    /**
     * X = A^-1 B for a block of right-hand sides stored row-major as n x b. B: not modified. X: reshaped to n x b
     * if null or of another shape, overwritten and returned; may be B itself. Each pass over L serves all b
     * columns; independent subtrees run in parallel.
     */
    public DMatrixRMaj solve(DMatrixRMaj b, DMatrixRMaj x) {
        if (b.numRows != n) {
            throw new IllegalArgumentException("block is " + b.numRows + "x" + b.numCols + "; expected " + n
                    + " rows");
        }
        int w = b.numCols;
        double[] y = new double[n * w];
        for (int k = 0; k < n; k++) {
            System.arraycopy(b.data, perm[k] * w, y, k * w, w);
        }
        solvePermuted(y, w);
        if (x == null) {
            x = new DMatrixRMaj(n, w);
        } else {
            x.reshape(n, w);
        }
        for (int k = 0; k < n; k++) {
            System.arraycopy(y, k * w, x.data, perm[k] * w, w);
        }
        return x;
    }

    /**
     * Solves L L^T Y = Y in place for the permuted n x w row-major block y. Forward: the subtree groups run in
     * parallel, each adding its updates of rows above the frontier into a private buffer; the buffers are added
     * in group order, then the supernodes above the frontier are solved. Backward: the supernodes above the
     * frontier first, then the groups in parallel (they only read those rows). The pivot rows of a supernode are
     * consecutive in the permuted order; narrow supernodes update y directly through the row index, wide ones
     * (at least {@link #GATHER_WIDTH} columns) gather their rows into a column-major workspace first.
     */
    private void solvePermuted(double[] y, int w) {
        boolean parallel = (double) factorNonZeros() * w >= 2e5;
        double[][] deltas = new double[GROUPS][];
        java.util.stream.IntStream groups = java.util.stream.IntStream.range(0, GROUPS);
        (parallel ? groups.parallel() : groups).forEach(g -> {
            double[] delta = new double[topCount * w];
            double[] local = new double[maxFront * w];
            for (int s : groupMembers[g]) {
                forwardSupernode(s, y, w, local, delta);
            }
            deltas[g] = delta;
        });
        for (int g = 0; g < GROUPS; g++) {
            double[] delta = deltas[g];
            for (int s : topMembers) {
                for (int j = superStart[s]; j < superStart[s + 1]; j++) {
                    int d = topIndex[j] * w;
                    for (int c = 0; c < w; c++) {
                        y[j * w + c] += delta[d + c];
                    }
                }
            }
        }
        double[] local = new double[maxFront * w];
        double[] acc = new double[w];
        for (int s : topMembers) {
            forwardSupernode(s, y, w, local, null);
        }
        for (int t = topMembers.length - 1; t >= 0; t--) {
            backwardSupernode(topMembers[t], y, w, local, acc);
        }
        groups = java.util.stream.IntStream.range(0, GROUPS);
        (parallel ? groups.parallel() : groups).forEach(g -> {
            double[] lg = new double[maxFront * w];
            double[] ag = new double[w];
            int[] members = groupMembers[g];
            for (int t = members.length - 1; t >= 0; t--) {
                backwardSupernode(members[t], y, w, lg, ag);
            }
        });
    }

    /** Forward substitution with supernode s; updates of rows above the frontier go to delta when not null. */
    private void forwardSupernode(int s, double[] y, int w, double[] local, double[] delta) {
        int nc = superStart[s + 1] - superStart[s];
        if (nc < GATHER_WIDTH) {
            forwardDirect(s, y, w, delta);
            return;
        }
        int r0 = rowStart[s];
        int m = rowStart[s + 1] - r0;
        gather(y, w, r0, m, local);
        forwardGathered((int) valueStart[s], m, nc, local, w);
        int split = delta == null ? m : topFrom[s];
        for (int i = 0; i < split; i++) {
            int yr = rowIndex[r0 + i] * w;
            for (int c = 0; c < w; c++) {
                y[yr + c] = local[c * m + i];
            }
        }
        for (int i = split; i < m; i++) {
            int r = rowIndex[r0 + i];
            int d = topIndex[r] * w;
            for (int c = 0; c < w; c++) {
                delta[d + c] += local[c * m + i] - y[r * w + c];
            }
        }
    }

    /** Back substitution with supernode s. */
    private void backwardSupernode(int s, double[] y, int w, double[] local, double[] acc) {
        int nc = superStart[s + 1] - superStart[s];
        if (nc < GATHER_WIDTH) {
            backwardDirect(s, y, w, acc);
            return;
        }
        int r0 = rowStart[s];
        int m = rowStart[s + 1] - r0;
        gather(y, w, r0, m, local);
        backwardGathered((int) valueStart[s], m, nc, local, w);
        scatter(y, w, r0, nc, local, m);
    }

    private void gather(double[] y, int w, int r0, int m, double[] local) {
        for (int i = 0; i < m; i++) {
            int yr = rowIndex[r0 + i] * w;
            for (int c = 0; c < w; c++) {
                local[c * m + i] = y[yr + c];
            }
        }
    }

    /** Writes rows [0, rows) of the gathered m-row workspace back to y. */
    private void scatter(double[] y, int w, int r0, int rows, double[] local, int m) {
        for (int i = 0; i < rows; i++) {
            int yr = rowIndex[r0 + i] * w;
            for (int c = 0; c < w; c++) {
                y[yr + c] = local[c * m + i];
            }
        }
    }

    /**
     * Forward substitution on the w gathered vectors v[c m .. c m + m) with the m x nc column-major block: the
     * nc x nc triangle first, then the rows below, updated four columns of L at a time.
     */
    private void forwardGathered(int base, int m, int nc, double[] v, int w) {
        double[] l = values;
        for (int j = 0; j < nc; j++) {
            int col = base + j * m;
            double inv = 1.0 / l[col + j];
            for (int c = 0; c < w; c++) {
                int o = c * m;
                double yj = v[o + j] * inv;
                v[o + j] = yj;
                for (int i = j + 1; i < nc; i++) {
                    v[o + i] -= l[col + i] * yj;
                }
            }
        }
        int j = 0;
        for (; j + 3 < nc; j += 4) {
            int c0 = base + j * m;
            int c1 = c0 + m;
            int c2 = c1 + m;
            int c3 = c2 + m;
            for (int c = 0; c < w; c++) {
                int o = c * m;
                double y0 = v[o + j];
                double y1 = v[o + j + 1];
                double y2 = v[o + j + 2];
                double y3 = v[o + j + 3];
                for (int i = nc; i < m; i++) {
                    v[o + i] -= (l[c0 + i] * y0 + l[c1 + i] * y1) + (l[c2 + i] * y2 + l[c3 + i] * y3);
                }
            }
        }
        for (; j < nc; j++) {
            int c0 = base + j * m;
            for (int c = 0; c < w; c++) {
                int o = c * m;
                double y0 = v[o + j];
                for (int i = nc; i < m; i++) {
                    v[o + i] -= l[c0 + i] * y0;
                }
            }
        }
    }

    /**
     * Back substitution on the w gathered vectors: first the rows below the triangle, v[j] -= sum_{i >= nc} L_ij
     * v[i] for four columns and two vectors at a time, then the nc x nc triangle from the last row up.
     */
    private void backwardGathered(int base, int m, int nc, double[] v, int w) {
        double[] l = values;
        int j = 0;
        for (; j + 3 < nc; j += 4) {
            int c0 = base + j * m;
            int c1 = c0 + m;
            int c2 = c1 + m;
            int c3 = c2 + m;
            int c = 0;
            for (; c + 1 < w; c += 2) {
                int o = c * m;
                int p = o + m;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                double t0 = 0;
                double t1 = 0;
                double t2 = 0;
                double t3 = 0;
                for (int i = nc; i < m; i++) {
                    double a = v[o + i];
                    double b = v[p + i];
                    s0 += l[c0 + i] * a;
                    s1 += l[c1 + i] * a;
                    s2 += l[c2 + i] * a;
                    s3 += l[c3 + i] * a;
                    t0 += l[c0 + i] * b;
                    t1 += l[c1 + i] * b;
                    t2 += l[c2 + i] * b;
                    t3 += l[c3 + i] * b;
                }
                v[o + j] -= s0;
                v[o + j + 1] -= s1;
                v[o + j + 2] -= s2;
                v[o + j + 3] -= s3;
                v[p + j] -= t0;
                v[p + j + 1] -= t1;
                v[p + j + 2] -= t2;
                v[p + j + 3] -= t3;
            }
            for (; c < w; c++) {
                int o = c * m;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int i = nc; i < m; i++) {
                    double a = v[o + i];
                    s0 += l[c0 + i] * a;
                    s1 += l[c1 + i] * a;
                    s2 += l[c2 + i] * a;
                    s3 += l[c3 + i] * a;
                }
                v[o + j] -= s0;
                v[o + j + 1] -= s1;
                v[o + j + 2] -= s2;
                v[o + j + 3] -= s3;
            }
        }
        for (; j < nc; j++) {
            int c0 = base + j * m;
            for (int c = 0; c < w; c++) {
                int o = c * m;
                double s0 = 0;
                double s1 = 0;
                int i = nc;
                for (; i + 1 < m; i += 2) {
                    s0 += l[c0 + i] * v[o + i];
                    s1 += l[c0 + i + 1] * v[o + i + 1];
                }
                if (i < m) {
                    s0 += l[c0 + i] * v[o + i];
                }
                v[o + j] -= s0 + s1;
            }
        }
        for (j = nc - 1; j >= 0; j--) {
            int col = base + j * m;
            for (int c = 0; c < w; c++) {
                int o = c * m;
                double sum = 0;
                for (int i = j + 1; i < nc; i++) {
                    sum += l[col + i] * v[o + i];
                }
                v[o + j] = (v[o + j] - sum) / l[col + j];
            }
        }
    }

    /**
     * Forward substitution with supernode s directly on the permuted row-major block y; updates of rows above the
     * frontier go to delta when not null.
     */
    private void forwardDirect(int s, double[] y, int w, double[] delta) {
        double[] l = values;
        int f = superStart[s];
        int nc = superStart[s + 1] - f;
        int r0 = rowStart[s];
        int m = rowStart[s + 1] - r0;
        int base = (int) valueStart[s];
        int split = delta == null ? m : topFrom[s];
        if (w == 1) {
            for (int j = 0; j < nc; j++) {
                int col = base + j * m;
                double yj = y[f + j] / l[col + j];
                y[f + j] = yj;
                for (int i = j + 1; i < split; i++) {
                    y[rowIndex[r0 + i]] -= l[col + i] * yj;
                }
                for (int i = Math.max(split, j + 1); i < m; i++) {
                    delta[topIndex[rowIndex[r0 + i]]] -= l[col + i] * yj;
                }
            }
            return;
        }
        for (int j = 0; j < nc; j++) {
            int col = base + j * m;
            double inv = 1.0 / l[col + j];
            int yj = (f + j) * w;
            for (int c = 0; c < w; c++) {
                y[yj + c] *= inv;
            }
            for (int i = j + 1; i < split; i++) {
                double lij = l[col + i];
                int yr = rowIndex[r0 + i] * w;
                for (int c = 0; c < w; c++) {
                    y[yr + c] -= lij * y[yj + c];
                }
            }
            for (int i = Math.max(split, j + 1); i < m; i++) {
                double lij = l[col + i];
                int d = topIndex[rowIndex[r0 + i]] * w;
                for (int c = 0; c < w; c++) {
                    delta[d + c] -= lij * y[yj + c];
                }
            }
        }
    }

    /** Back substitution with supernode s directly on the permuted row-major block y. */
    private void backwardDirect(int s, double[] y, int w, double[] acc) {
        double[] l = values;
        int f = superStart[s];
        int nc = superStart[s + 1] - f;
        int r0 = rowStart[s];
        int m = rowStart[s + 1] - r0;
        int base = (int) valueStart[s];
        if (w == 1) {
            for (int j = nc - 1; j >= 0; j--) {
                int col = base + j * m;
                double sum = 0;
                for (int i = j + 1; i < m; i++) {
                    sum += l[col + i] * y[rowIndex[r0 + i]];
                }
                y[f + j] = (y[f + j] - sum) / l[col + j];
            }
            return;
        }
        for (int j = nc - 1; j >= 0; j--) {
            int col = base + j * m;
            java.util.Arrays.fill(acc, 0.0);
            for (int i = j + 1; i < m; i++) {
                double lij = l[col + i];
                int yr = rowIndex[r0 + i] * w;
                for (int c = 0; c < w; c++) {
                    acc[c] += lij * y[yr + c];
                }
            }
            double inv = 1.0 / l[col + j];
            int yj = (f + j) * w;
            for (int c = 0; c < w; c++) {
                y[yj + c] = (y[yj + c] - acc[c]) * inv;
            }
        }
    }

    /** The symbolic analysis: ordering, supernodes, their row structures and the factor layout. */
    private static final class Symbolic {
        int n;
        int[] perm;
        int[] inverse;
        int superCount;
        int[] superStart;
        int[] superParent;
        int[] rowStart;
        int[] rowIndex;
        long[] valueStart;
        int maxFront;
        double flops;

        static Symbolic analyse(SymmetricSparseMatrix a, int[] ordering) {
            Symbolic s = new Symbolic();
            s.n = a.size();
            s.run(a, ordering);
            return s;
        }

        int[] group;

        private void run(SymmetricSparseMatrix a, int[] ordering) {
            int[] inv = checkPermutation(ordering, n);
            int[] parent = EliminationTree.parents(a, ordering, inv);
            int[] post = EliminationTree.postorder(parent);
            perm = new int[n];
            for (int k = 0; k < n; k++) {
                perm[k] = ordering[post[k]];
            }
            inverse = new int[n];
            for (int k = 0; k < n; k++) {
                inverse[perm[k]] = k;
            }
            int[] ipost = new int[n];
            for (int k = 0; k < n; k++) {
                ipost[post[k]] = k;
            }
            int[] par = new int[n];
            for (int k = 0; k < n; k++) {
                int p = parent[post[k]];
                par[k] = p < 0 ? -1 : ipost[p];
            }
            int[] counts = EliminationTree.columnCounts(a, perm, inverse, par);
            supernodes(par, counts);
            rowStructure(a, par);
            boolean[] top = new boolean[superCount];
            group = schedule(subtreeWork(), GROUPS, top);
            for (int s = 0; s < superCount; s++) {
                if (top[s]) {
                    group[s] = -1;
                }
            }
        }

        private static int[] checkPermutation(int[] ordering, int n) {
            if (ordering.length != n) {
                throw new IllegalArgumentException("ordering has length " + ordering.length + "; expected " + n);
            }
            int[] inv = new int[n];
            Arrays.fill(inv, -1);
            for (int k = 0; k < n; k++) {
                int i = ordering[k];
                if (i < 0 || i >= n || inv[i] >= 0) {
                    throw new IllegalArgumentException("ordering is not a permutation of 0.." + (n - 1)
                            + ": entry " + k + " is " + i);
                }
                inv[i] = k;
            }
            return inv;
        }

        /** Fundamental supernodes, then relaxed amalgamation of each supernode with its parent. */
        private void supernodes(int[] par, int[] counts) {
            int[] start = new int[n + 1];
            int count = 0;
            for (int j = 0; j < n; j++) {
                boolean continues = j > 0 && par[j - 1] == j && counts[j - 1] == counts[j] + 1;
                if (!continues) {
                    start[count++] = j;
                }
            }
            start[count] = n;
            int[] superOf = new int[n];
            for (int s = 0; s < count; s++) {
                for (int j = start[s]; j < start[s + 1]; j++) {
                    superOf[j] = s;
                }
            }
            int[] ncol = new int[count];
            int[] nrow = new int[count];
            long[] zeros = new long[count];
            int[] sparent = new int[count];
            for (int s = 0; s < count; s++) {
                ncol[s] = start[s + 1] - start[s];
                nrow[s] = counts[start[s]];
                int p = par[start[s + 1] - 1];
                sparent[s] = p < 0 ? -1 : superOf[p];
            }
            boolean[] mergedIntoNext = new boolean[count];
            for (int s = count - 2; s >= 0; s--) {
                int p = s + 1;
                if (sparent[s] != p) {
                    continue;
                }
                int nc = ncol[s] + ncol[p];
                int m = ncol[s] + nrow[p];
                long added = (long) ncol[s] * (m - nrow[s]);
                long z = zeros[s] + zeros[p] + added;
                double total = (double) nc * (nc + 1) / 2 + (double) nc * (m - nc);
                double fraction = z / total;
                boolean merge = nc <= RELAX_SMALL
                        || (nc <= RELAX_MEDIUM && fraction < ZEROS_MEDIUM)
                        || (nc <= RELAX_LARGE && fraction < ZEROS_LARGE)
                        || fraction < ZEROS_ANY;
                if (merge) {
                    mergedIntoNext[s] = true;
                    ncol[s] = nc;
                    nrow[s] = m;
                    zeros[s] = z;
                    sparent[s] = sparent[p];
                }
            }
            int[] finalStart = new int[count + 1];
            int fc = 0;
            for (int s = 0; s < count; s++) {
                if (s == 0 || !mergedIntoNext[s - 1]) {
                    finalStart[fc++] = start[s];
                }
            }
            finalStart[fc] = n;
            superCount = fc;
            superStart = Arrays.copyOf(finalStart, fc + 1);
            int[] superOfCol = new int[n];
            for (int s = 0; s < fc; s++) {
                for (int j = superStart[s]; j < superStart[s + 1]; j++) {
                    superOfCol[j] = s;
                }
            }
            superParent = new int[fc];
            for (int s = 0; s < fc; s++) {
                int p = par[superStart[s + 1] - 1];
                superParent[s] = p < 0 ? -1 : superOfCol[p];
            }
        }

        /** Row indices of each supernode: its columns, then the union of A's and its children's rows below. */
        private void rowStructure(SymmetricSparseMatrix a, int[] par) {
            structure = new int[superCount][];
            int[] mark = new int[n];
            Arrays.fill(mark, -1);
            int[] buf = new int[n];
            childHead = new int[superCount];
            childNext = new int[superCount];
            Arrays.fill(childHead, -1);
            for (int s = superCount - 1; s >= 0; s--) {
                int p = superParent[s];
                if (p >= 0) {
                    childNext[s] = childHead[p];
                    childHead[p] = s;
                }
            }
            long total = 0;
            double fl = 0;
            for (int s = 0; s < superCount; s++) {
                int f = superStart[s];
                int l = superStart[s + 1];
                int cnt = 0;
                for (int j = f; j < l; j++) {
                    buf[cnt++] = j;
                    mark[j] = s;
                }
                for (int j = f; j < l; j++) {
                    int row = perm[j];
                    for (int t = a.rowStart(row); t < a.rowStart(row + 1); t++) {
                        int i = inverse[a.column(t)];
                        if (i >= l && mark[i] != s) {
                            mark[i] = s;
                            buf[cnt++] = i;
                        }
                    }
                }
                for (int c = childHead[s]; c >= 0; c = childNext[c]) {
                    int[] rc = structure[c];
                    int ncc = superStart[c + 1] - superStart[c];
                    for (int t = ncc; t < rc.length; t++) {
                        int i = rc[t];
                        if (i >= l && mark[i] != s) {
                            mark[i] = s;
                            buf[cnt++] = i;
                        }
                    }
                }
                Arrays.sort(buf, l - f, cnt);
                int[] rs = Arrays.copyOf(buf, cnt);
                structure[s] = rs;
                int nc = l - f;
                maxFront = Math.max(maxFront, cnt);
                total += cnt;
                for (int j = 0; j < nc; j++) {
                    double below = cnt - j - 1;
                    fl += 1 + 2 * below + below * (below + 1);
                }
            }
            flops = fl;
            rowStart = new int[superCount + 1];
            valueStart = new long[superCount + 1];
            rowIndex = new int[(int) total];
            int pos = 0;
            long vpos = 0;
            for (int s = 0; s < superCount; s++) {
                int[] rs = structure[s];
                rowStart[s] = pos;
                System.arraycopy(rs, 0, rowIndex, pos, rs.length);
                pos += rs.length;
                valueStart[s] = vpos;
                vpos += (long) rs.length * (superStart[s + 1] - superStart[s]);
            }
            rowStart[superCount] = pos;
            valueStart[superCount] = vpos;
            if (vpos > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the factor would hold " + vpos
                        + " entries, more than one Java array can");
            }
            structure = null;
        }

        private int[][] structure;
        private int[] childHead;
        private int[] childNext;

        /**
         * The multifrontal numeric factorisation, in parallel: a frontier of disjoint subtrees of the supernodal
         * tree is split into one group per processor with balanced flops; each group factors its subtrees with
         * its own workspace and leaves the update matrices of its subtree roots aside; then the supernodes above
         * the frontier are factored in postorder, their large Schur-complement updates split over processors.
         * Each supernode is computed by exactly the same operations whatever the schedule, so the factor does not
         * depend on the number of threads.
         */
        double[] numeric(SymmetricSparseMatrix a) {
            double[] l = new double[(int) valueStart[superCount]];
            boolean[] top = new boolean[superCount];
            for (int s = 0; s < superCount; s++) {
                top[s] = group[s] < 0;
            }
            int groups = GROUPS;
            double[][] detached = new double[superCount][];
            java.util.stream.IntStream.range(0, groups).parallel().forEach(g -> {
                Workspace ws = new Workspace(n, superCount);
                for (int s = 0; s < superCount; s++) {
                    if (!top[s] && group[s] == g) {
                        factorNode(s, a, l, ws, detached, isFrontierRoot(s, top), false);
                    }
                }
            });
            Workspace ws = new Workspace(n, superCount);
            for (int s = 0; s < superCount; s++) {
                if (top[s]) {
                    factorNode(s, a, l, ws, detached, false, groups > 1);
                }
            }
            return l;
        }

        private boolean isFrontierRoot(int s, boolean[] top) {
            return superParent[s] < 0 || top[superParent[s]];
        }

        /** Flops of each supernode's whole subtree. */
        private double[] subtreeWork() {
            double[] w = new double[superCount];
            for (int s = 0; s < superCount; s++) {
                int nc = superStart[s + 1] - superStart[s];
                int m = rowStart[s + 1] - rowStart[s];
                for (int j = 0; j < nc; j++) {
                    double below = m - j - 1;
                    w[s] += 1 + 2 * below + below * (below + 1) + m;
                }
                w[s] += (double) (m - nc) * (m - nc);
            }
            for (int s = 0; s < superCount; s++) {
                if (superParent[s] >= 0) {
                    w[superParent[s]] += w[s];
                }
            }
            return w;
        }

        /**
         * Marks the supernodes above the frontier as top and assigns every other supernode the group of its
         * frontier subtree: the heaviest frontier subtree is split into its children until the groups (filled
         * largest first) are within 10% of balance or the top holds a third of the work.
         */
        private int[] schedule(double[] work, int groups, boolean[] top) {
            int[] group = new int[superCount];
            if (groups <= 1) {
                return group;
            }
            java.util.List<Integer> frontier = new java.util.ArrayList<>();
            double total = 0;
            for (int s = 0; s < superCount; s++) {
                if (superParent[s] < 0) {
                    frontier.add(s);
                    total += work[s];
                }
            }
            double topWork = 0;
            while (!frontier.isEmpty()) {
                frontier.sort((x, y) -> Double.compare(work[y], work[x]));
                double[] load = new double[groups];
                double sum = 0;
                for (int s : frontier) {
                    int best = 0;
                    for (int g = 1; g < groups; g++) {
                        if (load[g] < load[best]) {
                            best = g;
                        }
                    }
                    load[best] += work[s];
                    sum += work[s];
                }
                double max = java.util.Arrays.stream(load).max().orElse(0);
                if (max <= 1.1 * sum / groups || topWork > total / 3) {
                    break;
                }
                int heavy = frontier.remove(0);
                top[heavy] = true;
                double childWork = 0;
                for (int c = childHead[heavy]; c >= 0; c = childNext[c]) {
                    frontier.add(c);
                    childWork += work[c];
                }
                topWork += work[heavy] - childWork;
            }
            frontier.sort((x, y) -> Double.compare(work[y], work[x]));
            double[] load = new double[groups];
            int[] rootGroup = new int[superCount];
            for (int s : frontier) {
                int best = 0;
                for (int g = 1; g < groups; g++) {
                    if (load[g] < load[best]) {
                        best = g;
                    }
                }
                load[best] += work[s];
                rootGroup[s] = best;
            }
            for (int s = superCount - 1; s >= 0; s--) {
                if (!top[s]) {
                    group[s] = superParent[s] < 0 || top[superParent[s]] ? rootGroup[s] : group[superParent[s]];
                }
            }
            return group;
        }

        /** Per-thread workspace: row map, frontal update matrix and the stack of pending update matrices. */
        private static final class Workspace {
            final int[] local;
            final int[] updateStart;
            double[] front = new double[0];
            double[] stack = new double[1024];
            int top;

            Workspace(int n, int supernodes) {
                local = new int[n];
                updateStart = new int[supernodes];
            }
        }

        /**
         * Assembles and factors supernode s: A's entries and the children's update matrices (from the stack, or
         * set aside when the child is a frontier root), partial Cholesky of the pivot columns, and the Schur
         * complement, which goes on the stack or, for a frontier root, aside.
         */
        private void factorNode(int s, SymmetricSparseMatrix a, double[] l, Workspace ws, double[][] detached,
                boolean detach, boolean parallelUpdate) {
            int[] local = ws.local;
            int f = superStart[s];
            int nc = superStart[s + 1] - f;
            int r0 = rowStart[s];
            int m = rowStart[s + 1] - r0;
            int mu = m - nc;
            int base = (int) valueStart[s];
            for (int i = 0; i < m; i++) {
                local[rowIndex[r0 + i]] = i;
            }
            if (ws.front.length < mu * mu) {
                ws.front = new double[Math.max(mu * mu, Math.min(ws.front.length * 2, maxFront * maxFront))];
            } else {
                Arrays.fill(ws.front, 0, mu * mu, 0.0);
            }
            double[] front = ws.front;
            for (int j = 0; j < nc; j++) {
                int row = perm[f + j];
                int colBase = base + j * m;
                for (int t = a.rowStart(row); t < a.rowStart(row + 1); t++) {
                    int i = inverse[a.column(t)];
                    if (i >= f + j) {
                        l[colBase + local[i]] += a.value(t);
                    }
                }
            }
            int popTo = ws.top;
            for (int c = childHead[s]; c >= 0; c = childNext[c]) {
                if (detached[c] == null) {
                    popTo = Math.min(popTo, ws.updateStart[c]);
                }
            }
            int pos = popTo;
            for (int c = childHead[s]; c >= 0; c = childNext[c]) {
                int cnc = superStart[c + 1] - superStart[c];
                int cr0 = rowStart[c] + cnc;
                int cm = rowStart[c + 1] - cr0;
                if (detached[c] != null) {
                    extendAdd(detached[c], 0, cm, cr0, local, l, base, m, nc, front, mu);
                    detached[c] = null;
                } else {
                    extendAdd(ws.stack, pos, cm, cr0, local, l, base, m, nc, front, mu);
                    pos += cm * cm;
                }
            }
            partialFactor(l, base, m, nc, f);
            if (parallelUpdate && (double) mu * mu * nc > 4e6) {
                int parts = Runtime.getRuntime().availableProcessors();
                java.util.stream.IntStream.range(0, parts).parallel().forEach(t -> updateSchur(l, base, m, nc,
                        front, mu, split(mu, parts, t), split(mu, parts, t + 1)));
            } else {
                updateSchur(l, base, m, nc, front, mu, 0, mu);
            }
            if (detach) {
                detached[s] = Arrays.copyOf(front, mu * mu);
                ws.top = popTo;
                return;
            }
            if (ws.stack.length < popTo + mu * mu) {
                ws.stack = Arrays.copyOf(ws.stack, Math.max(popTo + mu * mu, 2 * ws.stack.length));
            }
            ws.updateStart[s] = popTo;
            System.arraycopy(front, 0, ws.stack, popTo, mu * mu);
            ws.top = popTo + mu * mu;
        }

        /**
         * Boundary t of {@code parts} column ranges of a triangular mu x mu update with about equal work (column jj
         * costs mu - jj).
         */
        private static int split(int mu, int parts, int t) {
            if (t >= parts) {
                return mu;
            }
            double fraction = (double) t / parts;
            return (int) Math.round(mu * (1 - Math.sqrt(1 - fraction)));
        }

        /** Adds a child's update matrix (cm x cm, column-major lower) into the pivot block and the front. */
        private void extendAdd(double[] stack, int pos, int cm, int cr0, int[] local, double[] l, int base, int m,
                int nc, double[] front, int mu) {
            for (int jj = 0; jj < cm; jj++) {
                int lj = local[rowIndex[cr0 + jj]];
                int src = pos + jj * cm;
                if (lj < nc) {
                    int dst = base + lj * m;
                    for (int ii = jj; ii < cm; ii++) {
                        l[dst + local[rowIndex[cr0 + ii]]] += stack[src + ii];
                    }
                } else {
                    int dst = (lj - nc) * mu - nc;
                    for (int ii = jj; ii < cm; ii++) {
                        front[dst + local[rowIndex[cr0 + ii]]] += stack[src + ii];
                    }
                }
            }
        }

        /** Left-looking dense Cholesky of the m x nc pivot panel (column-major) in place. */
        private void partialFactor(double[] l, int base, int m, int nc, int firstColumn) {
            for (int j = 0; j < nc; j++) {
                int cj = base + j * m;
                subtractColumnProducts(l, base, m, j, j, l, cj);
                double d = l[cj + j];
                if (!(d > 0)) {
                    throw new IllegalArgumentException("matrix is not positive definite: pivot " + d + " at row "
                            + perm[firstColumn + j] + " (elimination step " + (firstColumn + j) + ")");
                }
                d = Math.sqrt(d);
                l[cj + j] = d;
                double inv = 1.0 / d;
                for (int i = j + 1; i < m; i++) {
                    l[cj + i] *= inv;
                }
            }
        }

        /**
         * Columns [from, to) of front -= L21 L21^T on the lower triangle; front is mu x mu column-major, L21 rows
         * nc..m of the panel.
         */
        private static void updateSchur(double[] l, int base, int m, int nc, double[] front, int mu, int from,
                int to) {
            for (int jj = from; jj < to; jj++) {
                int j = nc + jj;
                subtractColumnProducts(l, base, m, nc, j, front, jj * mu - nc);
            }
        }

        /**
         * target[dst + i] -= sum_{t < columns} L[j, t] L[i, t] for i = j..m-1, with L the m-row column-major panel
         * at base: the one kernel of the panel factorisation and the Schur update, four columns at a time.
         */
        private static void subtractColumnProducts(double[] l, int base, int m, int columns, int j, double[] target,
                int dst) {
            int t = 0;
            for (; t + 3 < columns; t += 4) {
                int c0 = base + t * m;
                int c1 = c0 + m;
                int c2 = c1 + m;
                int c3 = c2 + m;
                double a0 = l[c0 + j];
                double a1 = l[c1 + j];
                double a2 = l[c2 + j];
                double a3 = l[c3 + j];
                for (int i = j; i < m; i++) {
                    target[dst + i] -= a0 * l[c0 + i] + a1 * l[c1 + i] + a2 * l[c2 + i] + a3 * l[c3 + i];
                }
            }
            for (; t < columns; t++) {
                int c0 = base + t * m;
                double a0 = l[c0 + j];
                for (int i = j; i < m; i++) {
                    target[dst + i] -= a0 * l[c0 + i];
                }
            }
        }
    }
}
