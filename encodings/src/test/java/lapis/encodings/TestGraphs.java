package lapis.encodings;

import java.util.SplittableRandom;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;
import lapis.spectral.subspace.Eigenspaces;

/** Small graphs with known, repeated spectra, random graphs, and the basis changes the invariance tests apply. */
public final class TestGraphs {
    private TestGraphs() {
    }

    /** The cycle C_n: L_sym eigenvalues 1 - cos(2 pi k / n), double except k = 0 (and k = n/2). */
    public static Graph cycle(int n) {
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        for (int i = 0; i < n; i++) {
            b.addEdge(i, (i + 1) % n, 1);
        }
        return b.build();
    }

    /** The hypercube Q_d: L_sym eigenvalues 2k/d with multiplicity C(d, k). */
    public static Graph hypercube(int d) {
        int n = 1 << d;
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        for (int i = 0; i < n; i++) {
            for (int bit = 0; bit < d; bit++) {
                int j = i ^ (1 << bit);
                if (i < j) {
                    b.addEdge(i, j, 1);
                }
            }
        }
        return b.build();
    }

    /** The Petersen graph: L_sym eigenvalues 0, 2/3 (5 times), 5/3 (4 times). */
    public static Graph petersen() {
        GraphBuilder b = new GraphBuilder(10, GraphOptions.defaults());
        for (int i = 0; i < 5; i++) {
            b.addEdge(i, (i + 1) % 5, 1);
            b.addEdge(5 + i, 5 + (i + 2) % 5, 1);
            b.addEdge(i, 5 + i, 1);
        }
        return b.build();
    }

    /** A connected random graph: a random spanning tree plus each other pair with probability p. */
    public static Graph random(int n, double p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        boolean[][] has = new boolean[n][n];
        for (int v = 1; v < n; v++) {
            int u = rng.nextInt(v);
            b.addEdge(u, v, 1);
            has[u][v] = true;
        }
        for (int u = 0; u < n; u++) {
            for (int v = u + 1; v < n; v++) {
                if (!has[u][v] && rng.nextDouble() < p) {
                    b.addEdge(u, v, 1);
                }
            }
        }
        return b.build();
    }

    /** A uniformly random permutation of 0..n-1. */
    public static int[] permutation(int n, long seed) {
        return lapis.graph.Permutations.random(n, new SplittableRandom(seed));
    }

    /** The spectrum with every eigenvector's sign flipped at random. */
    public static Spectrum flipSigns(Spectrum s, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = s.size();
        double[] v = s.vectors();
        for (int k = 0; k < n; k++) {
            if (rng.nextBoolean()) {
                for (int i = 0; i < n; i++) {
                    v[i * n + k] = -v[i * n + k];
                }
            }
        }
        return Spectrum.of(s.values(), v);
    }

    /**
     * The spectrum with V replaced by V Q, Q block-diagonal with a random orthogonal block (Gram-Schmidt of a
     * Gaussian matrix) on each group of equal eigenvalues ({@link Eigenspaces}, default tolerance), and a random
     * sign on each simple eigenvalue.
     */
    public static Spectrum rotateEigenspaces(Spectrum s, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = s.size();
        double[] v = s.vectors();
        double[] out = new double[n * n];
        for (Eigenspaces.Group grp : Eigenspaces.of(s.values()).groups()) {
            int m = grp.multiplicity();
            double[][] q = randomOrthogonal(m, rng);
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < m; a++) {
                    double x = 0;
                    for (int b = 0; b < m; b++) {
                        x += v[i * n + grp.first() + b] * q[b][a];
                    }
                    out[i * n + grp.first() + a] = x;
                }
            }
        }
        return Spectrum.of(s.values(), out);
    }

    /** Largest multiplicity among the eigenvalues. */
    public static int largestMultiplicity(Spectrum s) {
        int best = 0;
        for (int m : Eigenspaces.of(s.values()).multiplicities()) {
            best = Math.max(best, m);
        }
        return best;
    }

    static double[][] randomOrthogonal(int m, SplittableRandom rng) {
        double[][] q = new double[m][m];
        for (int a = 0; a < m; a++) {
            double[] col = new double[m];
            for (int i = 0; i < m; i++) {
                col[i] = rng.nextGaussian();
            }
            for (int b = 0; b < a; b++) {
                double dot = 0;
                for (int i = 0; i < m; i++) {
                    dot += col[i] * q[i][b];
                }
                for (int i = 0; i < m; i++) {
                    col[i] -= dot * q[i][b];
                }
            }
            double norm = 0;
            for (double x : col) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) {
                q[i][a] = col[i] / norm;
            }
        }
        return q;
    }

    /**
     * The closed-form t-step return probability of the simple random walk on C_n: a walk of k right and t - k left
     * steps returns when 2k - t is a multiple of n, so (P^t)_ii = 2^-t sum of C(t, k) over those k.
     */
    public static double cycleReturnProbability(int n, int t) {
        double p = 0;
        double binomial = 1;
        for (int k = 0; k <= t; k++) {
            if (Math.floorMod(2 * k - t, n) == 0) {
                p += binomial / Math.pow(2, t);
            }
            binomial = binomial * (t - k) / (k + 1);
        }
        return p;
    }
}
