package lapis.spectral.linalg;

import java.util.Arrays;
import java.util.Objects;
import lapis.graph.SymmetricSparseMatrix;

/**
 * The symbolic analysis of the sparse Cholesky factorisation P A P^T = L L^T, which depends on the pattern of A
 * only: the fill-reducing ordering composed with the elimination-tree postorder, column counts by row-subtree
 * traversal, supernodes (columns with nested structure) merged with their parent while the explicit zeros this
 * adds stay small (the relaxed amalgamation of CHOLMOD), the row structure of each supernode, the layout of L and
 * the {@link SubtreeSchedule} of the parallel factorisation and solves. Cost O(nnz(A) + nnz(L)) time and memory
 * (plus the ordering). Davis, "Direct Methods for Sparse Linear Systems", SIAM 2006, chapter 4.
 *
 * <p>Reusable: {@link #factor} factors any matrix with the analysed pattern and new values (a new shift, new edge
 * weights) without analysing again, and refuses a matrix of another pattern. Immutable and safe to use from
 * several threads at once.
 */
public final class SymbolicCholesky {
    private static final int RELAX_SMALL = 4;
    private static final int RELAX_MEDIUM = 16;
    private static final int RELAX_LARGE = 48;
    private static final double ZEROS_MEDIUM = 0.8;
    private static final double ZEROS_LARGE = 0.1;
    private static final double ZEROS_ANY = 0.05;

    final int n;
    final int[] perm;
    final int[] inverse;
    final int superCount;
    final int[] superStart;
    final int[] superParent;
    final int[] rowStart;
    final int[] rowIndex;
    final long[] valueStart;
    final int[] childHead;
    final int[] childNext;
    final int maxFront;
    final double flops;
    final long stored;
    final SubtreeSchedule schedule;
    private final int[] patternStart;
    private final int[] patternColumns;

    private SymbolicCholesky(Analysis s, SymmetricSparseMatrix a) {
        n = s.n;
        perm = s.perm;
        inverse = s.inverse;
        superCount = s.superCount;
        superStart = s.superStart;
        superParent = s.superParent;
        rowStart = s.rowStart;
        rowIndex = s.rowIndex;
        valueStart = s.valueStart;
        childHead = s.childHead;
        childNext = s.childNext;
        maxFront = s.maxFront;
        flops = s.flops;
        long total = 0;
        for (int t = 0; t < superCount; t++) {
            int nc = superStart[t + 1] - superStart[t];
            int m = rowStart[t + 1] - rowStart[t];
            total += (long) nc * (nc + 1) / 2 + (long) nc * (m - nc);
        }
        stored = total;
        schedule = new SubtreeSchedule(n, superStart, superParent, rowStart, rowIndex, childHead, childNext);
        patternStart = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            patternStart[i] = a.rowStart(i);
        }
        patternColumns = new int[patternStart[n]];
        for (int t = 0; t < patternColumns.length; t++) {
            patternColumns[t] = a.column(t);
        }
    }

    /** The analysis of a's pattern with the approximate minimum degree ordering. */
    public static SymbolicCholesky analyse(SymmetricSparseMatrix a) {
        Objects.requireNonNull(a, "a");
        return analyse(a, ApproximateMinimumDegree.order(a));
    }

    /**
     * The analysis of a's pattern with the given ordering: row ordering[k] of a is eliminated k-th (the identity
     * keeps the natural order). The elimination-tree postorder is applied on top; it does not change the fill.
     *
     * @throws IllegalArgumentException if ordering is not a permutation of 0..n-1
     */
    public static SymbolicCholesky analyse(SymmetricSparseMatrix a, int[] ordering) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(ordering, "ordering");
        return new SymbolicCholesky(Analysis.of(a, ordering), a);
    }

    /**
     * The numeric factorisation of a, whose pattern must be the analysed one; see {@link SparseCholesky}.
     *
     * @throws IllegalArgumentException naming the first row whose pattern differs from the analysed one, or the
     *     row where a pivot is not positive (a is not positive definite)
     */
    public SparseCholesky factor(SymmetricSparseMatrix a) {
        Objects.requireNonNull(a, "a");
        requireSamePattern(a);
        return new SparseCholesky(this, MultifrontalFactorisation.factor(this, a));
    }

    private void requireSamePattern(SymmetricSparseMatrix a) {
        if (a.size() != n) {
            throw new IllegalArgumentException("matrix is " + a.size() + "x" + a.size() + "; the analysis is for "
                    + n + "x" + n);
        }
        for (int i = 0; i < n; i++) {
            boolean same = a.rowStart(i + 1) - a.rowStart(i) == patternStart[i + 1] - patternStart[i];
            for (int t = 0; same && t < patternStart[i + 1] - patternStart[i]; t++) {
                same = a.column(a.rowStart(i) + t) == patternColumns[patternStart[i] + t];
            }
            if (!same) {
                throw new IllegalArgumentException("row " + i + " of the matrix has another pattern than the "
                        + "analysed one: analyse it anew");
            }
        }
    }

    /** The dimension n. */
    public int size() {
        return n;
    }

    /** Entries of L that will be stored (explicit zeros of merged supernodes included). */
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

    /** The analysis proper, filling its fields step by step. Not shared. */
    private static final class Analysis {
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
        int[] childHead;
        int[] childNext;
        private int[][] structure;

        static Analysis of(SymmetricSparseMatrix a, int[] ordering) {
            Analysis s = new Analysis();
            s.n = a.size();
            s.run(a, ordering);
            return s;
        }

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
    }
}
