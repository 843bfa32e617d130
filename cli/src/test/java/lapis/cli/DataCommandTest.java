package lapis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lapis.graph.GraphOptions;
import lapis.graph.io.GraphReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir
    Path dir;

    @Test
    void infoOfACsvCountsAtomsAndBadSmilesNamesTheLine() throws IOException {
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, "smiles,y\nCCO,1.5\nc1ccccc1,2.0\n");
        CliTest.Run r = CliTest.run("data", "info", csv.toString(), "--target-columns", "y", "--no-cache");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("atoms       total 9;"), r.out());
        Files.writeString(csv, "smiles,y\nCCO,1.5\nC1CC(,2.0\n");
        CliTest.Run bad = CliTest.run("data", "info", csv.toString(), "--target-columns", "y", "--no-cache");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("m.csv:3:"), bad.err());
    }

    @Test
    void exportWritesOneReadableGraphPerMolecule() throws IOException {
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, "smiles,y\nCC(=O)O,1\nC1CCCCC1,2\n");
        Path out = dir.resolve("out");
        CliTest.Run r = CliTest.run("data", "export", csv.toString(), "--target-columns", "y", "--no-cache",
                "--format", "gml", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        var ring = new GraphReader(GraphOptions.defaults()).read(out.resolve("1.gml"), null).graph();
        assertEquals(6, ring.vertexCount());
        assertEquals(6, ring.edgeCount());
        assertEquals(3, Files.readAllLines(out.resolve("index.csv")).size());
    }

    @Test
    void infoDescribesSamplersMeshesAndImageSets() throws IOException {
        CliTest.Run sphere = CliTest.run("data", "info", "sphere:500", "--seed", "3");
        assertEquals(0, sphere.code(), sphere.err());
        assertTrue(sphere.out().contains("0 x1, 2 x3, 6 x5, 12 x7"), sphere.out());
        Path off = dir.resolve("tetra.off");
        Files.writeString(off, "OFF\n4 4 0\n0 0 0\n1 0 0\n0 1 0\n0 0 1\n3 0 2 1\n3 0 1 3\n3 0 3 2\n3 1 2 3\n");
        CliTest.Run mesh = CliTest.run("data", "info", off.toString());
        assertEquals(0, mesh.code(), mesh.err());
        assertTrue(mesh.out().contains("4 vertices, 4 triangles, 6 edges"), mesh.out());
        assertTrue(mesh.out().contains("V - E + F = 2"), mesh.out());
        CliTest.Run digits = CliTest.run("data", "info", "digits");
        assertTrue(digits.out().contains("1797 images of 8 x 8"), digits.out());
        assertEquals(2, CliTest.run("data", "info", "sphere:many").code());
    }
}
