package lapis.datasets.points;

/**
 * Real spherical harmonics, the Laplace-Beltrami eigenfunctions of the unit sphere (eigenvalue l(l+1), 2l+1 of
 * them for each degree l), normalised to mean square 1 over the sphere (the uniform probability measure), so that
 * at n uniform points (1/n) sum Y_a Y_b -&gt; delta_ab. Column order: l = 0, 1, ...; within l, m = -l..l, with
 * Y_lm ~ P_l^|m|(cos theta) sin(|m| phi) for m &lt; 0 and cos(m phi) for m &gt; 0. The associated Legendre functions
 * come from the stable three-term recurrence in l. Stateless; O(n L^2).
 */
public final class SphericalHarmonics {
    private SphericalHarmonics() {
    }

    /** The number of functions of degree at most L: (L + 1)^2. */
    public static int count(int maxDegree) {
        return (maxDegree + 1) * (maxDegree + 1);
    }

    /**
     * The n x (L+1)^2 values at the points (x, y, z rows, row-major, projected onto the sphere), row-major.
     *
     * @throws IllegalArgumentException if the coordinates are not of 3-D points, L &lt; 0, or a point is the origin
     */
    public static double[] evaluate(double[] xyz, int maxDegree) {
        if (xyz.length % 3 != 0 || maxDegree < 0) {
            throw new IllegalArgumentException("need 3-D points and degree >= 0; got " + xyz.length
                    + " coordinates and degree " + maxDegree);
        }
        int n = xyz.length / 3;
        int c = count(maxDegree);
        double[] out = new double[n * c];
        double[][] p = new double[maxDegree + 1][maxDegree + 1];
        for (int i = 0; i < n; i++) {
            double x = xyz[3 * i];
            double y = xyz[3 * i + 1];
            double z = xyz[3 * i + 2];
            double r = Math.sqrt(x * x + y * y + z * z);
            if (!(r > 0)) {
                throw new IllegalArgumentException("point " + i + " is the origin");
            }
            double ct = z / r;
            double st = Math.sqrt(Math.max(0, 1 - ct * ct));
            double phi = Math.atan2(y, x);
            normalisedLegendre(maxDegree, ct, st, p);
            int row = i * c;
            for (int l = 0; l <= maxDegree; l++) {
                int base = l * l + l;
                out[row + base] = p[l][0];
                for (int m = 1; m <= l; m++) {
                    double v = Math.sqrt(2) * p[l][m];
                    out[row + base + m] = v * Math.cos(m * phi);
                    out[row + base - m] = v * Math.sin(m * phi);
                }
            }
        }
        return out;
    }

    /**
     * p[l][m] = sqrt((2l+1) (l-m)! / (l+m)!) P_l^m(cos theta), no Condon-Shortley phase: mean square 1/2 ... 1 over
     * the sphere before the sqrt(2) of m &gt; 0. Recurrences in the normalised form, so no factorial overflows.
     */
    private static void normalisedLegendre(int maxDegree, double ct, double st, double[][] p) {
        p[0][0] = 1;
        for (int m = 1; m <= maxDegree; m++) {
            p[m][m] = Math.sqrt((2.0 * m + 1) / (2.0 * m)) * st * p[m - 1][m - 1];
        }
        for (int m = 0; m < maxDegree; m++) {
            p[m + 1][m] = Math.sqrt(2.0 * m + 3) * ct * p[m][m];
        }
        for (int m = 0; m <= maxDegree; m++) {
            for (int l = m + 2; l <= maxDegree; l++) {
                double a = Math.sqrt((4.0 * l * l - 1) / ((double) l * l - (double) m * m));
                double b = Math.sqrt(((2.0 * l + 1) * ((l - 1.0) * (l - 1.0) - (double) m * m))
                        / ((2.0 * l - 3) * ((double) l * l - (double) m * m)));
                p[l][m] = a * ct * p[l - 1][m] - b * p[l - 2][m];
            }
        }
    }
}
