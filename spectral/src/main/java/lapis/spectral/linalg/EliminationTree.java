package lapis.spectral.linalg;

import java.util.Arrays;
import lapis.graph.SymmetricSparseMatrix;

/**
 * The elimination tree of a symmetric matrix under an ordering, its postorder and the column counts of the
 * Cholesky factor, computed from the pattern alone (Liu, "The role of elimination trees in sparse factorization",
 * SIAM J. Matrix Anal. Appl. 11(1), 1990; Davis, "Direct Methods for Sparse Linear Systems", SIAM 2006, ch. 4).
 * Stateless.
 */
final class EliminationTree {
    private EliminationTree() {
    }

    /**
     * parent[k] of each pivot k (the row ordering[k]) in the elimination tree, -1 for a root: Liu's algorithm with
     * path compression, O(nnz(A) alpha(n)). inv is the inverse of ordering.
     */
    static int[] parents(SymmetricSparseMatrix a, int[] ordering, int[] inv) {
        int n = ordering.length;
        int[] parent = new int[n];
        int[] ancestor = new int[n];
        for (int k = 0; k < n; k++) {
            parent[k] = -1;
            ancestor[k] = -1;
            int row = ordering[k];
            for (int t = a.rowStart(row); t < a.rowStart(row + 1); t++) {
                int i = inv[a.column(t)];
                while (i >= 0 && i < k) {
                    int next = ancestor[i];
                    ancestor[i] = k;
                    if (next < 0) {
                        parent[i] = k;
                        break;
                    }
                    i = next;
                }
            }
        }
        return parent;
    }

    /** Depth-first postorder of the forest (children in increasing order): post[k] is the k-th node visited. */
    static int[] postorder(int[] parent) {
        int n = parent.length;
        int[] head = new int[n];
        int[] next = new int[n];
        Arrays.fill(head, -1);
        for (int j = n - 1; j >= 0; j--) {
            if (parent[j] >= 0) {
                next[j] = head[parent[j]];
                head[parent[j]] = j;
            }
        }
        int[] post = new int[n];
        int[] stack = new int[n];
        int k = 0;
        for (int root = 0; root < n; root++) {
            if (parent[root] >= 0) {
                continue;
            }
            int top = 0;
            stack[0] = root;
            while (top >= 0) {
                int p = stack[top];
                int child = head[p];
                if (child < 0) {
                    top--;
                    post[k++] = p;
                } else {
                    head[p] = next[child];
                    stack[++top] = child;
                }
            }
        }
        return post;
    }

    /**
     * Column counts of L (diagonal included) for the pivot order perm (inverse: its inverse) with elimination tree
     * par, by traversing each row subtree once: O(nnz(L)).
     */
    static int[] columnCounts(SymmetricSparseMatrix a, int[] perm, int[] inverse, int[] par) {
        int n = perm.length;
        int[] counts = new int[n];
        int[] flag = new int[n];
        Arrays.fill(flag, -1);
        for (int k = 0; k < n; k++) {
            counts[k]++;
            flag[k] = k;
            int row = perm[k];
            for (int t = a.rowStart(row); t < a.rowStart(row + 1); t++) {
                int i = inverse[a.column(t)];
                if (i >= k) {
                    continue;
                }
                while (flag[i] != k) {
                    counts[i]++;
                    flag[i] = k;
                    i = par[i];
                }
            }
        }
        return counts;
    }

    /**
     * The multiply-add count sum_j c_j^2 of a factorisation under an ordering (c_j the column counts), the cost
     * by which orderings are compared. O(nnz(A) + nnz(L)).
     */
    static double factorWork(SymmetricSparseMatrix a, int[] ordering) {
        int n = ordering.length;
        int[] inv = new int[n];
        for (int k = 0; k < n; k++) {
            inv[ordering[k]] = k;
        }
        int[] counts = columnCounts(a, ordering, inv, parents(a, ordering, inv));
        double work = 0;
        for (int c : counts) {
            work += (double) c * c;
        }
        return work;
    }
}
