package lapis.datasets.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import lapis.graph.io.GraphFormatException;
import lapis.datasets.points.PointCloud;
import lapis.graph.mesh.TriangleMesh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshReaderTest {
    /** A tetrahedron with irrational-looking coordinates, so that printing must be exact to round-trip. */
    private static final TriangleMesh TETRA = new TriangleMesh(
            new double[] {0.1, 0.2, 1.0 / 3, 1, 0, 1e-17, 0, Math.PI, 0, -2.5e8, 0.7, Math.sqrt(2)},
            new int[] {0, 1, 2, 0, 3, 1, 0, 2, 3, 1, 3, 2});

    @TempDir
    Path dir;

    private static TriangleMesh parse(String text, MeshFormat format) {
        return MeshReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t." + format
                .extension(), format);
    }

    private static GraphFormatException failure(String text, MeshFormat format) {
        return assertThrows(GraphFormatException.class, () -> parse(text, format));
    }

    private static GraphFormatException failure(byte[] bytes, MeshFormat format) {
        return assertThrows(GraphFormatException.class,
                () -> MeshReader.read(new ByteArrayInputStream(bytes), "t.ply", format));
    }

    @Test
    void everyFormatRoundTripsExactly() throws IOException {
        for (MeshFormat f : new MeshFormat[] {MeshFormat.OFF, MeshFormat.OBJ, MeshFormat.PLY}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MeshWriter.write(TETRA, f, out);
            Path file = dir.resolve("tetra." + f.extension());
            Files.write(file, out.toByteArray());
            assertEquals(TETRA, MeshReader.read(file), f.toString());
        }
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        MeshWriter.writeBinaryPly(TETRA, bin);
        assertEquals(TETRA, MeshReader.read(new ByteArrayInputStream(bin.toByteArray()), "b.ply", MeshFormat.PLY));
        PointCloud points = new PointCloud(3, TETRA.vertices(), null);
        ByteArrayOutputStream xyz = new ByteArrayOutputStream();
        MeshWriter.writeXyz(points, xyz);
        assertEquals(points, MeshReader.readPoints(new ByteArrayInputStream(xyz.toByteArray()), "p.xyz",
                MeshFormat.XYZ));
        TriangleMesh sphere = BundledMeshes.unitSphere();
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        MeshWriter.writeBinaryPly(sphere, big);
        assertEquals(sphere, MeshReader.read(new ByteArrayInputStream(big.toByteArray()), "s.ply", MeshFormat.PLY));
    }

    @Test
    void bundledMeshesHaveTheirCountsAndAreClosedSpheres() {
        TriangleMesh sphere = BundledMeshes.unitSphere();
        assertEquals(812, sphere.vertexCount());
        assertEquals(1620, sphere.triangleCount());
        for (int i = 0; i < sphere.vertexCount(); i++) {
            double r = Math.sqrt(sphere.coordinate(i, 0) * sphere.coordinate(i, 0)
                    + sphere.coordinate(i, 1) * sphere.coordinate(i, 1)
                    + sphere.coordinate(i, 2) * sphere.coordinate(i, 2));
            assertEquals(1, r, 1e-14);
        }
        assertEquals(2, eulerCharacteristic(sphere));
        TriangleMesh spot = BundledMeshes.spot();
        assertEquals(2930, spot.vertexCount());
        assertEquals(5856, spot.triangleCount());
        assertEquals(2, eulerCharacteristic(spot));
        TriangleMesh bunny = BundledMeshes.bunny();
        assertEquals(37_706, bunny.vertexCount());
        assertEquals(75_408, bunny.triangleCount());
        assertEquals(2, eulerCharacteristic(bunny));
        assertEquals(5210, BundledMeshes.kitten().size());
    }

    /** V - E + F, with E counted from the distinct triangle sides; 2 for a closed genus-0 surface. */
    private static int eulerCharacteristic(TriangleMesh m) {
        Set<Long> edges = new HashSet<>();
        for (int t = 0; t < m.triangleCount(); t++) {
            for (int c = 0; c < 3; c++) {
                int a = m.corner(t, c);
                int b = m.corner(t, (c + 1) % 3);
                edges.add((long) Math.min(a, b) << 32 | Math.max(a, b));
            }
        }
        assertEquals(3 * m.triangleCount(), 2 * edges.size(), "every edge in exactly two triangles");
        return m.vertexCount() - edges.size() + m.triangleCount();
    }

    @Test
    void offWithBlankLinesCommentsAndInlineCountsIsRead() {
        TriangleMesh m = parse("# c\nOFF 4 1 5\n\n0 0 0\n1 0 0 # x\n0 1 0\n1 1 0\n4 0 1 3 2 255 0 0\n\n",
                MeshFormat.OFF);
        assertEquals(4, m.vertexCount());
        assertArrayEquals(new int[] {0, 1, 3, 0, 3, 2}, m.triangles(), "quad fan-triangulated from corner 0");
        assertEquals(1.0, m.totalArea(), 1e-15);
    }

    @Test
    void brokenOffFilesAreNamedByLine() {
        String head = "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n";
        GraphFormatException range = failure(head + "3 0 1 9\n", MeshFormat.OFF);
        assertEquals(6, range.line());
        assertTrue(range.problem().contains("face 0 refers to vertex 9"), range.problem());
        GraphFormatException shortFile = failure("OFF\n3 1 0\n0 0 0\n1 0 0\n", MeshFormat.OFF);
        assertTrue(shortFile.problem().contains("ends after 2 of the 3 vertices declared on line 2"),
                shortFile.problem());
        GraphFormatException extra = failure(head + "3 0 1 2\n3 0 2 1\n", MeshFormat.OFF);
        assertEquals(7, extra.line());
        assertTrue(extra.problem().contains("after the 1 faces"), extra.problem());
        GraphFormatException nan = failure("OFF\n3 1 0\n0 0 0\n1 NaN 0\n0 1 0\n3 0 1 2\n", MeshFormat.OFF);
        assertEquals(4, nan.line());
        assertTrue(nan.problem().contains("vertex 1 y is NaN"), nan.problem());
        GraphFormatException flat = failure("OFF\n3 1 0\n0 0 0\n1 0 0\n2 0 0\n3 0 1 2\n", MeshFormat.OFF);
        assertEquals(6, flat.line());
        assertTrue(flat.problem().contains("face 0 is degenerate"), flat.problem());
        GraphFormatException repeat = failure(head + "3 0 1 1\n", MeshFormat.OFF);
        assertTrue(repeat.problem().contains("repeats vertex 1"), repeat.problem());
        GraphFormatException two = failure(head + "2 0 1\n", MeshFormat.OFF);
        assertTrue(two.problem().contains("has 2 vertices; a face needs at least 3"), two.problem());
        GraphFormatException count = failure(head + "4 0 1 2\n", MeshFormat.OFF);
        assertTrue(count.problem().contains("declares 4 vertices but the line has 3"), count.problem());
        GraphFormatException coff = failure("COFF\n", MeshFormat.OFF);
        assertEquals(1, coff.line());
        assertTrue(coff.problem().contains("only plain OFF"), coff.problem());
        GraphFormatException noFaces = failure("OFF\n3 0 0\n0 0 0\n1 0 0\n0 1 0\n", MeshFormat.OFF);
        assertTrue(noFaces.problem().contains("no faces"), noFaces.problem());
    }

    @Test
    void objCornerFormsNegativeIndicesAndPolygonsAreRead() {
        String obj = "mtllib x.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvn 0 0 1\ng quad\n"
                + "f 1/1/1 2//1 3/1 -1\n";
        TriangleMesh m = parse(obj, MeshFormat.OBJ);
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, m.triangles());
        GraphFormatException zero = failure("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n", MeshFormat.OBJ);
        assertEquals(4, zero.line());
        assertTrue(zero.problem().contains("index 0"), zero.problem());
        GraphFormatException range = failure("v 0 0 0\nv 1 0 0\nv 0 1 0\n\nf 1 2 4\n", MeshFormat.OBJ);
        assertEquals(5, range.line());
        assertTrue(range.problem().contains("refers to vertex 3 (0-based); the file has 3 vertices"),
                range.problem());
        GraphFormatException line = failure("v 0 0 0\nl 1 2\n", MeshFormat.OBJ);
        assertEquals(2, line.line());
        assertTrue(line.problem().contains("unsupported OBJ statement 'l'"), line.problem());
        GraphFormatException word = failure("v 0 zero 0\n", MeshFormat.OBJ);
        assertTrue(word.problem().contains("vertex 0 y 'zero' is not a number"), word.problem());
    }

    @Test
    void asciiPlyWithExtraPropertiesAndElementsIsRead() {
        String ply = "ply\nformat ascii 1.0\ncomment hi\nelement vertex 3\nproperty float y\nproperty float x\n"
                + "property uchar red\nproperty float z\nelement face 1\nproperty list uchar int vertex_index\n"
                + "element edge 1\nproperty int a\nproperty int b\nend_header\n0 0 7 0\n0 1 7 0\n1 0 7 0\n"
                + "3 0 1 2\n0 1\n";
        TriangleMesh m = parse(ply, MeshFormat.PLY);
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, m.vertices(), 0);
        GraphFormatException shortFace = failure(ply.replace("3 0 1 2\n", "3 0 1\n"), MeshFormat.PLY);
        assertEquals(18, shortFace.line());
        assertTrue(shortFace.problem().contains("declares 3 items but the line has 2"), shortFace.problem());
        GraphFormatException noX = failure(ply.replace("property float x\n", "property float w\n"), MeshFormat.PLY);
        assertEquals(4, noX.line());
        assertTrue(noX.problem().contains("no scalar property 'x'"), noX.problem());
        GraphFormatException big = failure(ply.replace("ascii", "binary_big_endian"), MeshFormat.PLY);
        assertEquals(2, big.line());
        assertTrue(big.problem().contains("binary_big_endian PLY is not supported"), big.problem());
        GraphFormatException magic = failure("plx\n", MeshFormat.PLY);
        assertTrue(magic.problem().contains("magic line 'ply'"), magic.problem());
    }

    @Test
    void truncatedAndOverlongBinaryPlyAreRefusedNamingTheItem() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MeshWriter.writeBinaryPly(TETRA, out);
        byte[] good = out.toByteArray();
        GraphFormatException cut = failure(Arrays.copyOf(good, good.length - 5), MeshFormat.PLY);
        assertEquals(0, cut.line());
        assertTrue(cut.problem().contains("the file ends inside face 3 of 4"), cut.problem());
        GraphFormatException longer = failure(Arrays.copyOf(good, good.length + 2), MeshFormat.PLY);
        assertTrue(longer.problem().contains("2 bytes follow the last element"), longer.problem());
        byte[] nan = good.clone();
        int body = new String(good, StandardCharsets.ISO_8859_1).indexOf("end_header\n") + 11;
        java.nio.ByteBuffer.wrap(nan, body + 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(Double.NaN);
        GraphFormatException bad = failure(nan, MeshFormat.PLY);
        assertTrue(bad.problem().contains("vertex 0 (byte 0 of the body) has y = NaN"), bad.problem());
    }

    @Test
    void xyzFilesAreCheckedLineByLine() {
        PointCloud p = MeshReader.readPoints(new ByteArrayInputStream("1 2 3 0 0 1\n4 5 6 0 1 0\n".getBytes(
                StandardCharsets.UTF_8)), "p.xyz", MeshFormat.XYZ);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, p.coordinates(), 0);
        GraphFormatException width = assertThrows(GraphFormatException.class, () -> MeshReader.readPoints(
                new ByteArrayInputStream("1 2 3\n4 5\n".getBytes(StandardCharsets.UTF_8)), "p.xyz", MeshFormat.XYZ));
        assertEquals(2, width.line());
        assertTrue(width.problem().contains("point 1 has 2 values; line 1 had 3"), width.problem());
        GraphFormatException faces = failure("1 2 3\n", MeshFormat.XYZ);
        assertTrue(faces.problem().contains("no faces"), faces.problem());
        assertThrows(IllegalArgumentException.class, () -> MeshFormat.of(Path.of("mesh.stl")));
    }
}
