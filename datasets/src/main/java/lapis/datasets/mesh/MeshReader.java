package lapis.datasets.mesh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import lapis.graph.io.GraphFormatException;
import lapis.datasets.points.PointCloud;
import lapis.graph.mesh.TriangleMesh;

/**
 * Reads triangle meshes (OFF, OBJ, PLY) and point sets (XYZ, or the vertices of a mesh file), checking them.
 *
 * <p>Each format is described on its {@link MeshFormat} constant; polygons with more than three corners are
 * fan-triangulated. Every error is a {@link GraphFormatException} naming the file, the line (0 in a binary PLY body)
 * and the problem: a count that does not match the lines, an index out of range (naming the face), a face that
 * repeats a vertex or is degenerate (zero area), a coordinate that is not a finite number, an unknown statement.
 * Vertices that no face uses are allowed here (a point set); {@link lapis.graph.mesh.CotangentLaplacian} refuses
 * them. Text is read as UTF-8 (ASCII in practice). Cost: linear in the file size. Stateless.
 */
public final class MeshReader {
    private MeshReader() {
    }

    /**
     * The mesh in {@code file}, its format known by the extension.
     *
     * @throws GraphFormatException for a malformed file, or one without faces (XYZ, or a mesh file of points only)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static TriangleMesh read(Path file) {
        MeshFormat format = MeshFormat.of(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), format);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The mesh in a stream (not closed here), named {@code source} in errors.
     *
     * @throws GraphFormatException for a malformed file, or one without faces
     */
    public static TriangleMesh read(InputStream in, String source, MeshFormat format) {
        Objects.requireNonNull(format, "format");
        if (format == MeshFormat.XYZ) {
            throw new GraphFormatException(source, 0, "an XYZ file has points but no faces; read it with readPoints",
                    null);
        }
        MeshAssembler mesh = assemble(in, source, format);
        if (mesh.faceCount() == 0) {
            throw new GraphFormatException(source, 0, "the file has " + mesh.vertexCount() + " vertices and no faces;"
                    + " read it with readPoints", null);
        }
        return mesh.build();
    }

    /**
     * The points of {@code file}: the points of an XYZ file, or the vertices of a mesh file (its faces checked and
     * dropped). The density is unknown.
     *
     * @throws GraphFormatException for a malformed file
     */
    public static PointCloud readPoints(Path file) {
        MeshFormat format = MeshFormat.of(file);
        try (InputStream in = Files.newInputStream(file)) {
            return readPoints(in, file.toString(), format);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The points of a stream (not closed here); see {@link #readPoints(Path)}. */
    public static PointCloud readPoints(InputStream in, String source, MeshFormat format) {
        Objects.requireNonNull(format, "format");
        if (format == MeshFormat.XYZ) {
            return XyzReader.read(lines(in, source));
        }
        MeshAssembler mesh = assemble(in, source, format);
        if (mesh.faceCount() > 0) {
            mesh.build();
        }
        if (mesh.vertexCount() == 0) {
            throw new GraphFormatException(source, 0, "the file has no vertices", null);
        }
        return new PointCloud(3, mesh.coordinates(), null);
    }

    private static MeshAssembler assemble(InputStream in, String source, MeshFormat format) {
        return switch (format) {
            case OFF -> OffReader.read(lines(in, source));
            case OBJ -> ObjReader.read(lines(in, source));
            case PLY -> {
                try {
                    yield PlyReader.read(in.readAllBytes(), source);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + source, e);
                }
            }
            case XYZ -> throw new IllegalStateException("XYZ has no faces");
        };
    }

    private static TextLines lines(InputStream in, String source) {
        return new TextLines(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16), source);
    }
}
