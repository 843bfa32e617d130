package lapis.graph.knn;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable set of n points in R^dim, stored row-major in one array: coordinate c of point i is at
 * {@code i * dim + c}. Every coordinate is finite; points may repeat.
 *
 * <p>Memory: 8 n dim bytes. The factories copy their input, so later changes to the caller's arrays do not show.
 */
public final class PointSet {
    private final int n;
    private final int dim;
    private final double[] coords;

    private PointSet(int n, int dim, double[] coords) {
        this.n = n;
        this.dim = dim;
        this.coords = coords;
    }

    /**
     * The points given as rows: point i is {@code rows[i]}. The dimension is the length of the first row.
     *
     * @throws IllegalArgumentException if there are no rows, a row is empty or null, a row's length differs from
     *     the first row's (naming the row and both lengths), or a coordinate is NaN or infinite (naming the point
     *     and the coordinate)
     */
    public static PointSet of(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows: the dimension of an empty point set is unknown;"
                    + " use of(dim, new double[0])");
        }
        if (rows[0] == null || rows[0].length == 0) {
            throw new IllegalArgumentException("row 0 is " + (rows[0] == null ? "null" : "empty")
                    + "; points need at least one coordinate");
        }
        int dim = rows[0].length;
        double[] coords = new double[Math.multiplyExact(rows.length, dim)];
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row == null || row.length != dim) {
                throw new IllegalArgumentException("row " + i + " has " + (row == null ? "no array (null)"
                        : row.length + " coordinates") + "; row 0 has " + dim);
            }
            System.arraycopy(row, 0, coords, i * dim, dim);
        }
        return checked(dim, coords);
    }

    /**
     * The points stored row-major: point i is {@code rowMajor[i * dim .. (i + 1) * dim)}.
     *
     * @throws IllegalArgumentException if dim &lt; 1, the array length is not a multiple of dim, or a coordinate is
     *     NaN or infinite (naming the point and the coordinate)
     */
    public static PointSet of(int dim, double[] rowMajor) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dim);
        }
        if (rowMajor.length % dim != 0) {
            throw new IllegalArgumentException("array length " + rowMajor.length + " is not a multiple of the"
                    + " dimension " + dim);
        }
        return checked(dim, rowMajor.clone());
    }

    private static PointSet checked(int dim, double[] coords) {
        for (int k = 0; k < coords.length; k++) {
            if (!Double.isFinite(coords[k])) {
                throw new IllegalArgumentException("point " + (k / dim) + ", coordinate " + (k % dim) + " is "
                        + coords[k] + "; coordinates must be finite");
            }
        }
        return new PointSet(coords.length / dim, dim, coords);
    }

    /** Number of points n. */
    public int size() {
        return n;
    }

    /** Dimension of the space, at least 1. */
    public int dimension() {
        return dim;
    }

    /** Coordinate c of point i. */
    public double coordinate(int i, int c) {
        return coords[i * dim + c];
    }

    /** A copy of point i's coordinates. */
    public double[] point(int i) {
        return Arrays.copyOfRange(coords, i * dim, (i + 1) * dim);
    }

    /** A copy of all coordinates, row-major, length n dim. */
    public double[] toRowMajor() {
        return coords.clone();
    }

    /**
     * The squared Euclidean distance sum_c (x_ic - x_jc)^2, summed in coordinate order. Every search in this
     * package computes its reported distances with exactly this formula, so they agree to the last bit.
     */
    public double squaredDistance(int i, int j) {
        return squaredDistance(coords, i * dim, coords, j * dim, dim);
    }

    /** The array itself, for the searches of this package, which never write to it. */
    double[] view() {
        return coords;
    }

    static double squaredDistance(double[] a, int aOffset, double[] b, int bOffset, int dim) {
        double s = 0;
        for (int c = 0; c < dim; c++) {
            double t = a[aOffset + c] - b[bOffset + c];
            s += t * t;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointSet p && dim == p.dim && Arrays.equals(coords, p.coords);
    }

    @Override
    public int hashCode() {
        return 31 * dim + Arrays.hashCode(coords);
    }

    @Override
    public String toString() {
        return "PointSet[n=" + n + ", dim=" + dim + "]";
    }
}
