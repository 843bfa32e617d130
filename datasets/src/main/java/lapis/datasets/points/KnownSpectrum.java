package lapis.datasets.points;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The eigenvalues of -Delta (the Laplace-Beltrami operator, non-negative convention) of a manifold, in closed
 * form, as distinct levels with multiplicities. Immutable.
 *
 * <ul>
 *   <li>Sphere of radius r: l(l+1)/r^2, multiplicity 2l+1 (spherical harmonics), l = 0, 1, ...</li>
 *   <li>Circle of radius r: k^2/r^2 for k in Z: 0 once, then each value twice (cos and sin).</li>
 *   <li>Flat torus R^2 / (2 pi r1 Z x 2 pi r2 Z): m^2/r1^2 + n^2/r2^2 over (m, n) in Z^2, each pair counted.</li>
 *   <li>Rectangle [0, w] x [0, h] with Neumann boundary: pi^2 (m^2/w^2 + n^2/h^2) over m, n &gt;= 0; this is the
 *   spectrum of an isometric image of the rectangle, e.g. the Swiss roll.</li>
 * </ul>
 * Lattice levels are found by enumerating all lattice points below a bound that doubles until enough levels are
 * complete; values that agree to 1e-12 relative are one level. Cost: O(bound) lattice points, small for the first
 * hundreds of levels.
 */
public final class KnownSpectrum {
    private static final double SAME = 1e-12;

    private final String description;
    private final DoubleFunction<double[]> valuesUpTo;

    private KnownSpectrum(String description, DoubleFunction<double[]> valuesUpTo) {
        this.description = description;
        this.valuesUpTo = valuesUpTo;
    }

    /** One distinct eigenvalue and how many independent eigenfunctions it has. */
    public record Level(double eigenvalue, int multiplicity) {
    }

    /** The sphere S^2 of radius r: l(l+1)/r^2 with multiplicity 2l+1. */
    public static KnownSpectrum sphere(double radius) {
        checkPositive(radius, "radius");
        return new KnownSpectrum("sphere S^2 of radius " + radius, bound -> {
            List<Double> v = new ArrayList<>();
            for (int l = 0; l * (l + 1) / (radius * radius) <= bound; l++) {
                for (int m = 0; m < 2 * l + 1; m++) {
                    v.add(l * (l + 1) / (radius * radius));
                }
            }
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        });
    }

    /** The circle of radius r (length 2 pi r): k^2/r^2, k in Z. */
    public static KnownSpectrum circle(double radius) {
        checkPositive(radius, "radius");
        return new KnownSpectrum("circle of radius " + radius, bound -> {
            int kmax = (int) Math.floor(radius * Math.sqrt(bound));
            double[] v = new double[2 * kmax + 1];
            for (int k = -kmax; k <= kmax; k++) {
                v[k + kmax] = k * k / (radius * radius);
            }
            return v;
        });
    }

    /** The flat torus with circumferences 2 pi r1 and 2 pi r2: m^2/r1^2 + n^2/r2^2, (m, n) in Z^2. */
    public static KnownSpectrum flatTorus(double r1, double r2) {
        checkPositive(r1, "r1");
        checkPositive(r2, "r2");
        return new KnownSpectrum("flat torus with radii " + r1 + " and " + r2,
                bound -> lattice(bound, 1 / (r1 * r1), 1 / (r2 * r2), true));
    }

    /** The rectangle [0, w] x [0, h] with Neumann boundary: pi^2 (m^2/w^2 + n^2/h^2), m, n &gt;= 0. */
    public static KnownSpectrum neumannRectangle(double width, double height) {
        checkPositive(width, "width");
        checkPositive(height, "height");
        return new KnownSpectrum("Neumann rectangle " + width + " x " + height,
                bound -> lattice(bound, Math.PI * Math.PI / (width * width), Math.PI * Math.PI / (height * height),
                        false));
    }

    /** All a m^2 + b n^2 &lt;= bound, over Z^2 (signed) or N^2. */
    private static double[] lattice(double bound, double a, double b, boolean signed) {
        int mmax = (int) Math.floor(Math.sqrt(bound / a));
        int nmax = (int) Math.floor(Math.sqrt(bound / b));
        List<Double> v = new ArrayList<>();
        for (int m = signed ? -mmax : 0; m <= mmax; m++) {
            for (int n = signed ? -nmax : 0; n <= nmax; n++) {
                double lambda = a * m * m + b * n * n;
                if (lambda <= bound) {
                    v.add(lambda);
                }
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** What manifold this is. */
    public String description() {
        return description;
    }

    /** The {@code count} smallest distinct eigenvalues, ascending, with their multiplicities. */
    public List<Level> levels(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        double bound = 1;
        while (true) {
            double[] v = valuesUpTo.apply(bound);
            Arrays.sort(v);
            List<Level> levels = new ArrayList<>();
            int i = 0;
            while (i < v.length) {
                int j = i + 1;
                while (j < v.length && v[j] - v[i] <= SAME * Math.max(1, v[i])) {
                    j++;
                }
                levels.add(new Level(v[i], j - i));
                i = j;
            }
            if (levels.size() >= count) {
                return List.copyOf(levels.subList(0, count));
            }
            bound *= 2;
        }
    }

    /** The k smallest eigenvalues, ascending, each repeated by its multiplicity. */
    public double[] smallest(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        for (int count = 1; ; count *= 2) {
            List<Level> levels = levels(count);
            int total = levels.stream().mapToInt(Level::multiplicity).sum();
            if (total >= k) {
                double[] out = new double[k];
                int p = 0;
                for (Level l : levels) {
                    for (int r = 0; r < l.multiplicity() && p < k; r++) {
                        out[p++] = l.eigenvalue();
                    }
                }
                return out;
            }
        }
    }

    @Override
    public String toString() {
        return "KnownSpectrum[" + description + "]";
    }

    private static void checkPositive(double x, String name) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + x);
        }
    }
}
