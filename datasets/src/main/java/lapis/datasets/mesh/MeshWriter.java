package lapis.datasets.mesh;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import lapis.datasets.points.PointCloud;
import lapis.graph.mesh.TriangleMesh;

/**
 * Writes meshes as OFF, OBJ or PLY (ASCII or binary little-endian) and points as XYZ, so that
 * {@link MeshReader} reads back exactly what was written: coordinates are printed with {@link Double#toString}
 * (the shortest decimal that parses to the same double) or stored as binary doubles. The caller owns the stream
 * (flushed, not closed) and, for a file, writes to a temporary file and renames it so that nothing is half-written.
 * Stateless.
 */
public final class MeshWriter {
    private MeshWriter() {
    }

    /** Writes {@code mesh} in a text format: OFF, OBJ or ASCII PLY. */
    public static void write(TriangleMesh mesh, MeshFormat format, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        int n = mesh.vertexCount();
        int f = mesh.triangleCount();
        switch (format) {
            case OFF -> {
                w.write("OFF\n" + n + " " + f + " 0\n");
                writeVertices(w, mesh, "");
                writeFaces(w, mesh, "3 ", 0);
            }
            case OBJ -> {
                writeVertices(w, mesh, "v ");
                writeFaces(w, mesh, "f ", 1);
            }
            case PLY -> {
                w.write(plyHeader("ascii", n, f));
                writeVertices(w, mesh, "");
                writeFaces(w, mesh, "3 ", 0);
            }
            case XYZ -> throw new IllegalArgumentException("XYZ holds points, not meshes; use writeXyz");
        }
        w.flush();
    }

    /** Writes {@code mesh} as binary little-endian PLY with double coordinates and int indices. */
    public static void writeBinaryPly(TriangleMesh mesh, OutputStream out) throws IOException {
        int n = mesh.vertexCount();
        int f = mesh.triangleCount();
        out.write(plyHeader("binary_little_endian", n, f).getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(24 * n + 13 * f).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                b.putDouble(mesh.coordinate(i, a));
            }
        }
        for (int t = 0; t < f; t++) {
            b.put((byte) 3);
            for (int c = 0; c < 3; c++) {
                b.putInt(mesh.corner(t, c));
            }
        }
        out.write(b.array());
        out.flush();
    }

    /** Writes 3-D points as XYZ, one "x y z" line each. */
    public static void writeXyz(PointCloud points, OutputStream out) throws IOException {
        if (points.dimension() != 3) {
            throw new IllegalArgumentException("XYZ holds 3-D points; these have dimension " + points.dimension());
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        for (int i = 0; i < points.size(); i++) {
            w.write(points.coordinate(i, 0) + " " + points.coordinate(i, 1) + " " + points.coordinate(i, 2) + "\n");
        }
        w.flush();
    }

    private static String plyHeader(String format, int n, int f) {
        return "ply\nformat " + format + " 1.0\ncomment written by Lapis\nelement vertex " + n
                + "\nproperty double x\nproperty double y\nproperty double z\nelement face " + f
                + "\nproperty list uchar int vertex_indices\nend_header\n";
    }

    private static void writeVertices(Writer w, TriangleMesh mesh, String prefix) throws IOException {
        for (int i = 0; i < mesh.vertexCount(); i++) {
            w.write(prefix + mesh.coordinate(i, 0) + " " + mesh.coordinate(i, 1) + " " + mesh.coordinate(i, 2) + "\n");
        }
    }

    private static void writeFaces(Writer w, TriangleMesh mesh, String prefix, int base) throws IOException {
        for (int t = 0; t < mesh.triangleCount(); t++) {
            w.write(prefix + (mesh.corner(t, 0) + base) + " " + (mesh.corner(t, 1) + base) + " "
                    + (mesh.corner(t, 2) + base) + "\n");
        }
    }
}
