package lapis.spectral.linalg;

import java.util.Arrays;

/**
 * The split of the supernodal elimination tree into {@link #GROUPS} groups of disjoint subtrees with balanced
 * work, plus the supernodes above them (the top), which come last: the schedule the multifrontal factorisation
 * and the solves share. The heaviest frontier subtree is split into its children until the groups (filled largest
 * first) are within 10% of balance or the top holds a third of the work. The number of groups is fixed, so the
 * arithmetic, and hence the result, does not depend on how many processors run them. O(supernodes) to build
 * (plus the sorting of the frontier). Immutable.
 */
final class SubtreeSchedule {
    /**
     * Number of subtree groups the factorisation and the solves are split into: fixed, so that the arithmetic (and
     * hence the result) does not depend on how many processors run the groups.
     */
    static final int GROUPS = 4;

    /** The group of each supernode; -1 for the top. */
    final int[] group;
    /** The supernodes of each group, in postorder. */
    final int[][] groupMembers;
    /** The top supernodes, in postorder. */
    final int[] topMembers;
    /** For each column of a top supernode, its index among the top columns; -1 elsewhere. */
    final int[] topIndex;
    /** The number of top columns. */
    final int topCount;
    /** For each supernode, the first of its rows (in its row structure) that lies in the top. */
    final int[] topFrom;

    private final int superCount;
    private final int[] superParent;
    private final int[] superStart;
    private final int[] rowStart;
    private final int[] childHead;
    private final int[] childNext;

    SubtreeSchedule(int n, int[] superStart, int[] superParent, int[] rowStart, int[] rowIndex, int[] childHead,
            int[] childNext) {
        this.superCount = superParent.length;
        this.superParent = superParent;
        this.superStart = superStart;
        this.rowStart = rowStart;
        this.childHead = childHead;
        this.childNext = childNext;
        boolean[] top = new boolean[superCount];
        group = schedule(subtreeWork(), GROUPS, top);
        for (int s = 0; s < superCount; s++) {
            if (top[s]) {
                group[s] = -1;
            }
        }
        int[] sizes = new int[GROUPS];
        int tops = 0;
        for (int t = 0; t < superCount; t++) {
            if (group[t] >= 0) {
                sizes[group[t]]++;
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
            int g = group[t];
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
        topFrom = new int[superCount];
        for (int t = 0; t < superCount; t++) {
            int r0 = rowStart[t];
            int m = rowStart[t + 1] - r0;
            int i = superStart[t + 1] - superStart[t];
            if (group[t] >= 0) {
                while (i < m && topIndex[rowIndex[r0 + i]] < 0) {
                    i++;
                }
            } else {
                i = m;
            }
            topFrom[t] = i;
        }
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
                load[lightest(load)] += work[s];
                sum += work[s];
            }
            double max = Arrays.stream(load).max().orElse(0);
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
            int best = lightest(load);
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


    /** The group of least load, the first of them on a tie. */
    private static int lightest(double[] load) {
        int best = 0;
        for (int g = 1; g < load.length; g++) {
            if (load[g] < load[best]) {
                best = g;
            }
        }
        return best;
    }
}
