package lapis.bases;

/**
 * Agreement of a clustering with reference labels: normalised mutual information, NMI = I(U; V) / ((H(U) + H(V)) / 2)
 * (the arithmetic normalisation, scikit-learn's default), and the adjusted Rand index of Hubert and Arabie (J. Classif.
 * 2, 1985), ARI = (RI - E[RI]) / (max RI - E[RI]) over pairs. Both are 1 for identical partitions up to renaming;
 * ARI is about 0 for a random one. O(n + |U| |V|).
 */
public final class ClusterAgreement {
    private ClusterAgreement() {
    }

    /** NMI of two labelings of the same points (labels are any non-negative ints). */
    public static double normalizedMutualInformation(int[] a, int[] b) {
        long[][] t = table(a, b);
        int n = a.length;
        double[] ra = rows(t);
        double[] cb = cols(t);
        double mi = 0;
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t[i].length; j++) {
                if (t[i][j] > 0) {
                    double p = (double) t[i][j] / n;
                    mi += p * Math.log(p / (ra[i] / n * cb[j] / n));
                }
            }
        }
        double h = (entropy(ra, n) + entropy(cb, n)) / 2;
        return h == 0 ? 1 : mi / h;
    }

    /** The adjusted Rand index of two labelings of the same points. */
    public static double adjustedRandIndex(int[] a, int[] b) {
        long[][] t = table(a, b);
        double index = 0;
        for (long[] row : t) {
            for (long v : row) {
                index += pairs(v);
            }
        }
        double sa = 0;
        for (double v : rows(t)) {
            sa += pairs(v);
        }
        double sb = 0;
        for (double v : cols(t)) {
            sb += pairs(v);
        }
        double expected = sa * sb / pairs(a.length);
        double max = (sa + sb) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    private static double pairs(double v) {
        return v * (v - 1) / 2;
    }

    private static long[][] table(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("two labelings of the same non-empty point set, got " + a.length
                    + " and " + b.length + " labels");
        }
        int ka = 0;
        int kb = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] < 0 || b[i] < 0) {
                throw new IllegalArgumentException("label of point " + i + " is negative");
            }
            ka = Math.max(ka, a[i] + 1);
            kb = Math.max(kb, b[i] + 1);
        }
        long[][] t = new long[ka][kb];
        for (int i = 0; i < a.length; i++) {
            t[a[i]][b[i]]++;
        }
        return t;
    }

    private static double[] rows(long[][] t) {
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            for (long v : t[i]) {
                r[i] += v;
            }
        }
        return r;
    }

    private static double[] cols(long[][] t) {
        double[] c = new double[t[0].length];
        for (long[] row : t) {
            for (int j = 0; j < row.length; j++) {
                c[j] += row[j];
            }
        }
        return c;
    }

    private static double entropy(double[] counts, int n) {
        double h = 0;
        for (double v : counts) {
            if (v > 0) {
                h -= v / n * Math.log(v / n);
            }
        }
        return h;
    }
}
