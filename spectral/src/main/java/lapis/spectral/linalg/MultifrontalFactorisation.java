package lapis.spectral.linalg;

import java.util.Arrays;
import lapis.graph.SymmetricSparseMatrix;

/**
 * The multifrontal numeric factorisation (Liu, "The multifrontal method for sparse matrix solution", SIAM Review
 * 34(1), 1992, doi:10.1137/1034004) over a {@link SymbolicCholesky}: each supernode's dense frontal matrix is
 * assembled from A and its children's update matrices, its pivot columns are factored, and its Schur complement
 * is passed to the parent. {@link SymbolicCholesky#flops()} floating-point operations, nnz(L) doubles plus the
 * frontal workspaces. One instance per factorisation.
 */
final class MultifrontalFactorisation {
    private final SymbolicCholesky sym;
    private final int[] group;

    private MultifrontalFactorisation(SymbolicCholesky sym) {
        this.sym = sym;
        this.group = sym.schedule.group;
    }

    /**
     * The values of L for a, whose pattern is the one s analysed, laid out as s says.
     *
     * @throws IllegalArgumentException naming the row where a pivot is not positive
     */
    static double[] factor(SymbolicCholesky s, SymmetricSparseMatrix a) {
        return new MultifrontalFactorisation(s).numeric(a);
    }

    /**
     * The multifrontal numeric factorisation, in parallel: a frontier of disjoint subtrees of the supernodal
     * tree is split into one group per processor with balanced flops; each group factors its subtrees with
     * its own workspace and leaves the update matrices of its subtree roots aside; then the supernodes above
     * the frontier are factored in postorder, their large Schur-complement updates split over processors.
     * Each supernode is computed by exactly the same operations whatever the schedule, so the factor does not
     * depend on the number of threads.
     */
    private double[] numeric(SymmetricSparseMatrix a) {
        double[] l = new double[(int) sym.valueStart[sym.superCount]];
        boolean[] top = new boolean[sym.superCount];
        for (int s = 0; s < sym.superCount; s++) {
            top[s] = group[s] < 0;
        }
        int groups = SubtreeSchedule.GROUPS;
        double[][] detached = new double[sym.superCount][];
        java.util.stream.IntStream.range(0, groups).parallel().forEach(g -> {
            Workspace ws = new Workspace(sym.n, sym.superCount);
            for (int s = 0; s < sym.superCount; s++) {
                if (!top[s] && group[s] == g) {
                    factorNode(s, a, l, ws, detached, isFrontierRoot(s, top), false);
                }
            }
        });
        Workspace ws = new Workspace(sym.n, sym.superCount);
        for (int s = 0; s < sym.superCount; s++) {
            if (top[s]) {
                factorNode(s, a, l, ws, detached, false, groups > 1);
            }
        }
        return l;
    }


    private boolean isFrontierRoot(int s, boolean[] top) {
        return sym.superParent[s] < 0 || top[sym.superParent[s]];
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
        int f = sym.superStart[s];
        int nc = sym.superStart[s + 1] - f;
        int r0 = sym.rowStart[s];
        int m = sym.rowStart[s + 1] - r0;
        int mu = m - nc;
        int base = (int) sym.valueStart[s];
        for (int i = 0; i < m; i++) {
            local[sym.rowIndex[r0 + i]] = i;
        }
        if (ws.front.length < mu * mu) {
            int largest = sym.maxFront * sym.maxFront;
            ws.front = new double[Math.max(mu * mu, Math.min(ws.front.length * 2, largest))];
        } else {
            Arrays.fill(ws.front, 0, mu * mu, 0.0);
        }
        double[] front = ws.front;
        for (int j = 0; j < nc; j++) {
            int row = sym.perm[f + j];
            int colBase = base + j * m;
            for (int t = a.rowStart(row); t < a.rowStart(row + 1); t++) {
                int i = sym.inverse[a.column(t)];
                if (i >= f + j) {
                    l[colBase + local[i]] += a.value(t);
                }
            }
        }
        int popTo = ws.top;
        for (int c = sym.childHead[s]; c >= 0; c = sym.childNext[c]) {
            if (detached[c] == null) {
                popTo = Math.min(popTo, ws.updateStart[c]);
            }
        }
        int pos = popTo;
        for (int c = sym.childHead[s]; c >= 0; c = sym.childNext[c]) {
            int cnc = sym.superStart[c + 1] - sym.superStart[c];
            int cr0 = sym.rowStart[c] + cnc;
            int cm = sym.rowStart[c + 1] - cr0;
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
            int lj = local[sym.rowIndex[cr0 + jj]];
            int src = pos + jj * cm;
            if (lj < nc) {
                int dst = base + lj * m;
                for (int ii = jj; ii < cm; ii++) {
                    l[dst + local[sym.rowIndex[cr0 + ii]]] += stack[src + ii];
                }
            } else {
                int dst = (lj - nc) * mu - nc;
                for (int ii = jj; ii < cm; ii++) {
                    front[dst + local[sym.rowIndex[cr0 + ii]]] += stack[src + ii];
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
                        + sym.perm[firstColumn + j] + " (elimination step " + (firstColumn + j) + ")");
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
