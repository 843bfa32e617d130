package lapis.spectral.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import lapis.graph.SymmetricSparseMatrix;

/** Test oracle: nnz(L) (diagonal included) of the Cholesky factor under an ordering, by the elimination game. */
final class SymbolicFill {
    private SymbolicFill() {
    }

    static long fill(SymmetricSparseMatrix a, int[] ordering) {
        int n = a.size();
        int[] position = new int[n];
        for (int k = 0; k < n; k++) {
            position[ordering[k]] = k;
        }
        List<TreeSet<Integer>> higher = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            higher.add(new TreeSet<>());
        }
        for (int i = 0; i < n; i++) {
            for (int t = a.rowStart(i); t < a.rowStart(i + 1); t++) {
                int pi = position[i];
                int pj = position[a.column(t)];
                if (pj > pi) {
                    higher.get(pi).add(pj);
                }
            }
        }
        long total = 0;
        for (int k = 0; k < n; k++) {
            TreeSet<Integer> s = higher.get(k);
            total += 1 + s.size();
            if (!s.isEmpty()) {
                int parent = s.first();
                for (int j : s) {
                    if (j != parent) {
                        higher.get(parent).add(j);
                    }
                }
            }
        }
        return total;
    }
}
