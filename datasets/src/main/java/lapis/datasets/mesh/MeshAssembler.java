package lapis.datasets.mesh;

import java.util.Arrays;
import lapis.graph.io.GraphFormatException;
import lapis.graph.mesh.TriangleMesh;

/**
 * Collects vertices and polygon faces read from a file and builds a checked {@link TriangleMesh}. A polygon with
 * k &gt; 3 corners (v0, .., v(k-1)) is fan-triangulated into (v0, vi, v(i+1)), i = 1..k-2, which is exact for
 * convex planar polygons; faces with fewer than 3 corners, repeated corners, indices out of range and degenerate
 * (zero-area, see {@link TriangleMesh#isDegenerate}) triangles are errors naming the face (0-based, in file order)
 * and its line. Not thread-safe.
 */
final class MeshAssembler {
    private final String source;
    private double[] coords = new double[3 * 1024];
    private int vertexCount;
    private int[] triangles = new int[3 * 1024];
    private int[] triangleLine = new int[1024];
    private int[] triangleFace = new int[1024];
    private int triangleCount;
    private int faceCount;

    MeshAssembler(String source) {
        this.source = source;
    }

    int vertexCount() {
        return vertexCount;
    }

    int faceCount() {
        return faceCount;
    }

    void vertex(double x, double y, double z) {
        if (3 * vertexCount + 3 > coords.length) {
            coords = Arrays.copyOf(coords, 2 * coords.length);
        }
        coords[3 * vertexCount] = x;
        coords[3 * vertexCount + 1] = y;
        coords[3 * vertexCount + 2] = z;
        vertexCount++;
    }

    /** A face given by 0-based indices, read on {@code line} (0 for binary files). */
    void face(int[] corners, int line) {
        int face = faceCount++;
        if (corners.length < 3) {
            throw new GraphFormatException(source, line, "face " + face + " has " + corners.length
                    + " vertices; a face needs at least 3", null);
        }
        for (int a = 0; a < corners.length; a++) {
            for (int b = a + 1; b < corners.length; b++) {
                if (corners[a] == corners[b]) {
                    throw new GraphFormatException(source, line, "face " + face + " " + Arrays.toString(corners)
                            + " repeats vertex " + corners[a] + " (a degenerate face)", null);
                }
            }
        }
        for (int i = 1; i + 1 < corners.length; i++) {
            if (triangleCount == triangleLine.length) {
                triangles = Arrays.copyOf(triangles, 6 * triangleCount);
                triangleLine = Arrays.copyOf(triangleLine, 2 * triangleCount);
                triangleFace = Arrays.copyOf(triangleFace, 2 * triangleCount);
            }
            triangles[3 * triangleCount] = corners[0];
            triangles[3 * triangleCount + 1] = corners[i];
            triangles[3 * triangleCount + 2] = corners[i + 1];
            triangleLine[triangleCount] = line;
            triangleFace[triangleCount] = face;
            triangleCount++;
        }
    }

    /** The checked mesh. @throws GraphFormatException naming the first bad face and its line */
    TriangleMesh build() {
        for (int t = 0; t < triangleCount; t++) {
            for (int c = 0; c < 3; c++) {
                int v = triangles[3 * t + c];
                if (v < 0 || v >= vertexCount) {
                    throw new GraphFormatException(source, triangleLine[t], "face " + triangleFace[t] + " refers to"
                            + " vertex " + v + " (0-based); the file has " + vertexCount + " vertices, 0.."
                            + (vertexCount - 1), null);
                }
            }
        }
        TriangleMesh mesh = new TriangleMesh(Arrays.copyOf(coords, 3 * vertexCount),
                Arrays.copyOf(triangles, 3 * triangleCount));
        for (int t = 0; t < triangleCount; t++) {
            if (mesh.isDegenerate(t)) {
                throw new GraphFormatException(source, triangleLine[t], "face " + triangleFace[t] + " is degenerate:"
                        + " its corners " + mesh.corner(t, 0) + ", " + mesh.corner(t, 1) + ", " + mesh.corner(t, 2)
                        + " are collinear (area " + mesh.area(t) + ")", null);
            }
        }
        return mesh;
    }

    /** The vertices alone, n x 3. */
    double[] coordinates() {
        return Arrays.copyOf(coords, 3 * vertexCount);
    }
}
