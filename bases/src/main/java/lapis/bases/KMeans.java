package lapis.bases;

import java.util.SplittableRandom;

/**
 * k-means clustering by Lloyd's iterations from k-means++ seeds (Arthur and Vassilvitskii, SODA 2007), the best of
 * several seeded restarts by within-cluster sum of squares, as scikit-learn's KMeans (n_init restarts). Used to
 * score embeddings against labels. Deterministic for a seed; O(restarts iterations n k D).
 */
public final class KMeans {
    /** The labels (0..k-1 per point), the within-cluster sum of squares and the iterations of the best run. */
    public record Result(int[] labels, double inertia, int iterations) {
        public Result {
            labels = labels.clone();
        }

        @Override
        public int[] labels() {
            return labels.clone();
        }
    }

    private KMeans() {
    }

    /**
     * Clusters n points of dimension d (row-major) into k clusters.
     *
     * @throws IllegalArgumentException unless 1 &lt;= k &lt;= n and restarts &gt;= 1
     */
    public static Result cluster(double[] x, int d, int k, int restarts, int maxIterations, long seed) {
        int n = x.length / d;
        if (k < 1 || k > n || restarts < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("k-means of " + n + " points into " + k + " clusters with " + restarts
                    + " restarts and " + maxIterations + " iterations");
        }
        Result best = null;
        for (int r = 0; r < restarts; r++) {
            Result run = lloyd(x, n, d, k, maxIterations, new SplittableRandom(lapis.graph.Seeds.derive(seed, r)));
            if (best == null || run.inertia() < best.inertia()) {
                best = run;
            }
        }
        return best;
    }

    private static Result lloyd(double[] x, int n, int d, int k, int maxIterations, SplittableRandom rng) {
        double[] c = seeds(x, n, d, k, rng);
        int[] label = new int[n];
        java.util.Arrays.fill(label, -1);
        int it = 0;
        double inertia = 0;
        for (; it < maxIterations; it++) {
            boolean changed = false;
            inertia = 0;
            for (int i = 0; i < n; i++) {
                int arg = 0;
                double min = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double s = distance(x, i, c, j, d);
                    if (s < min) {
                        min = s;
                        arg = j;
                    }
                }
                inertia += min;
                if (label[i] != arg) {
                    label[i] = arg;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[] sum = new double[k * d];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                count[label[i]]++;
                for (int a = 0; a < d; a++) {
                    sum[label[i] * d + a] += x[i * d + a];
                }
            }
            for (int j = 0; j < k; j++) {
                if (count[j] > 0) {
                    for (int a = 0; a < d; a++) {
                        c[j * d + a] = sum[j * d + a] / count[j];
                    }
                }
            }
        }
        return new Result(label, inertia, it);
    }

    /** k-means++: the first centre uniformly, each next with probability proportional to D(x)^2. */
    private static double[] seeds(double[] x, int n, int d, int k, SplittableRandom rng) {
        double[] c = new double[k * d];
        int first = rng.nextInt(n);
        System.arraycopy(x, first * d, c, 0, d);
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            dist[i] = distance(x, i, c, 0, d);
        }
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double v : dist) {
                total += v;
            }
            double u = rng.nextDouble() * total;
            int pick = n - 1;
            for (int i = 0; i < n; i++) {
                u -= dist[i];
                if (u <= 0) {
                    pick = i;
                    break;
                }
            }
            System.arraycopy(x, pick * d, c, j * d, d);
            for (int i = 0; i < n; i++) {
                dist[i] = Math.min(dist[i], distance(x, i, c, j, d));
            }
        }
        return c;
    }

    private static double distance(double[] x, int i, double[] c, int j, int d) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            double z = x[i * d + a] - c[j * d + a];
            s += z * z;
        }
        return s;
    }
}
