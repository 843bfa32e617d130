package lapis.graph.mesh;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable triangle mesh: n vertices in R^3 and f triangles given by vertex indices.
 *
 * <p>{@code vertices} is n x 3 row-major (x0, y0, z0, x1, ...); {@code triangles} is f x 3 row-major, each row three
 * distinct indices in 0..n-1. The orientation of a triangle is kept as given but nothing here depends on it. The
 * constructor checks what can be checked without geometry (lengths, finite coordinates, index range, a vertex
 * repeated in a triangle); zero-area triangles are refused by {@link CotangentLaplacian}, and by the file readers
 * with the file line. Both arrays are copied in and out, so a mesh cannot change after it is built.
 *
 * @param vertices n x 3 coordinates, row-major
 * @param triangles f x 3 vertex indices, row-major
 */
public record TriangleMesh(double[] vertices, int[] triangles) {

    /**
     * A triangle is degenerate when twice its area is at most this times its longest edge squared, i.e. when its
     * smallest angle is below about 1e-12 radians: its cotangents are then infinite or round-off.
     */
    public static final double DEGENERACY_TOLERANCE = 1e-12;

    /**
     * @throws IllegalArgumentException naming the vertex or triangle: lengths not multiples of 3, a coordinate not
     *     finite, an index out of range or a vertex repeated within a triangle
     */
    public TriangleMesh {
        Objects.requireNonNull(vertices, "vertices");
        Objects.requireNonNull(triangles, "triangles");
        if (vertices.length % 3 != 0) {
            throw new IllegalArgumentException("vertex array has length " + vertices.length
                    + ", not a multiple of 3");
        }
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangle array has length " + triangles.length
                    + ", not a multiple of 3");
        }
        vertices = vertices.clone();
        triangles = triangles.clone();
        for (int k = 0; k < vertices.length; k++) {
            if (!Double.isFinite(vertices[k])) {
                throw new IllegalArgumentException("vertex " + k / 3 + " has coordinate " + "xyz".charAt(k % 3)
                        + " = " + vertices[k] + "; coordinates must be finite");
            }
        }
        int n = vertices.length / 3;
        for (int t = 0; t < triangles.length / 3; t++) {
            int a = triangles[3 * t];
            int b = triangles[3 * t + 1];
            int c = triangles[3 * t + 2];
            for (int v : new int[] {a, b, c}) {
                if (v < 0 || v >= n) {
                    throw new IllegalArgumentException("triangle " + t + " (" + a + ", " + b + ", " + c
                            + ") has vertex " + v + " out of range 0.." + (n - 1));
                }
            }
            if (a == b || b == c || a == c) {
                throw new IllegalArgumentException("triangle " + t + " (" + a + ", " + b + ", " + c
                        + ") repeats a vertex");
            }
        }
    }

    /** Number of vertices n. */
    public int vertexCount() {
        return vertices.length / 3;
    }

    /** Number of triangles f. */
    public int triangleCount() {
        return triangles.length / 3;
    }

    /** Coordinate {@code axis} (0 = x, 1 = y, 2 = z) of vertex i. */
    public double coordinate(int i, int axis) {
        return vertices[3 * i + axis];
    }

    /** Vertex index at corner {@code corner} (0, 1, 2) of triangle t. */
    public int corner(int t, int corner) {
        return triangles[3 * t + corner];
    }

    /** A copy of the n x 3 coordinates, row-major. */
    @Override
    public double[] vertices() {
        return vertices.clone();
    }

    /** A copy of the f x 3 indices, row-major. */
    @Override
    public int[] triangles() {
        return triangles.clone();
    }

    /** Area of triangle t, |(b - a) x (c - a)| / 2. */
    public double area(int t) {
        return 0.5 * Math.sqrt(crossNormSquared(t));
    }

    /** True when triangle t is degenerate in the sense of {@link #DEGENERACY_TOLERANCE} (collinear corners). */
    public boolean isDegenerate(int t) {
        double longest = 0;
        for (int c = 0; c < 3; c++) {
            int p = 3 * triangles[3 * t + c];
            int q = 3 * triangles[3 * t + (c + 1) % 3];
            double dx = vertices[q] - vertices[p];
            double dy = vertices[q + 1] - vertices[p + 1];
            double dz = vertices[q + 2] - vertices[p + 2];
            longest = Math.max(longest, dx * dx + dy * dy + dz * dz);
        }
        return Math.sqrt(crossNormSquared(t)) <= DEGENERACY_TOLERANCE * longest;
    }

    /** The sum of the triangle areas. O(f). */
    public double totalArea() {
        double s = 0;
        for (int t = 0; t < triangleCount(); t++) {
            s += area(t);
        }
        return s;
    }

    /** The mesh with every coordinate multiplied by {@code factor} (areas scale by factor^2). */
    public TriangleMesh scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("scale factor must be finite and > 0, got " + factor);
        }
        double[] v = vertices.clone();
        for (int k = 0; k < v.length; k++) {
            v[k] *= factor;
        }
        return new TriangleMesh(v, triangles);
    }

    private double crossNormSquared(int t) {
        int a = 3 * triangles[3 * t];
        int b = 3 * triangles[3 * t + 1];
        int c = 3 * triangles[3 * t + 2];
        double ux = vertices[b] - vertices[a];
        double uy = vertices[b + 1] - vertices[a + 1];
        double uz = vertices[b + 2] - vertices[a + 2];
        double vx = vertices[c] - vertices[a];
        double vy = vertices[c + 1] - vertices[a + 1];
        double vz = vertices[c + 2] - vertices[a + 2];
        double cx = uy * vz - uz * vy;
        double cy = uz * vx - ux * vz;
        double cz = ux * vy - uy * vx;
        return cx * cx + cy * cy + cz * cz;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TriangleMesh m && Arrays.equals(vertices, m.vertices)
                && Arrays.equals(triangles, m.triangles);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(vertices) + Arrays.hashCode(triangles);
    }

    @Override
    public String toString() {
        return "TriangleMesh[vertices=" + vertexCount() + ", triangles=" + triangleCount() + "]";
    }
}
