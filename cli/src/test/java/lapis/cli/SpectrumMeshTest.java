package lapis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lapis.datasets.mesh.BundledMeshes;
import lapis.datasets.mesh.MeshReader;
import lapis.graph.mesh.CotangentLaplacian;
import lapis.graph.mesh.MeshLaplacian;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lapis spectrum MESH}: the cotangent Laplace-Beltrami spectrum L v = lambda M v of a triangle mesh. */
class SpectrumMeshTest {
    @TempDir
    Path dir;

    /** The regular tetrahedron (+-1, +-1, +-1) with an even number of minus signs; edge length a = 2 sqrt 2. */
    private static final String TETRAHEDRON_OFF = """
            OFF
            4 4 6
            1 1 1
            1 -1 -1
            -1 1 -1
            -1 -1 1
            3 0 1 2
            3 0 3 1
            3 0 2 3
            3 1 3 2
            """;

    private static final String TETRAHEDRON_OBJ = """
            v 1 1 1
            v 1 -1 -1
            v -1 1 -1
            v -1 -1 1
            f 1 2 3
            f 1 4 2
            f 1 3 4
            f 2 4 3
            """;

    private static final String TETRAHEDRON_PLY = """
            ply
            format ascii 1.0
            element vertex 4
            property double x
            property double y
            property double z
            element face 4
            property list uchar int vertex_indices
            end_header
            1 1 1
            1 -1 -1
            -1 1 -1
            -1 -1 1
            3 0 1 2
            3 0 3 1
            3 0 2 3
            3 1 3 2
            """;

    private static CliTest.Run spectrum(String... args) {
        return CliTest.runCommand(new SpectrumCommand(), args);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** The bundled unit sphere, copied out of the datasets jar into a file. */
    private Path unitSphere() throws IOException {
        Path p = dir.resolve("unit-sphere.off");
        try (InputStream in = BundledMeshes.class.getResourceAsStream("/lapis/datasets/meshes/unit-sphere.off")) {
            Files.copy(in, p);
        }
        return p;
    }

    /** The eigenvalue column of --format csv output. */
    private static double[] eigenvalues(CliTest.Run r) {
        List<String> rows = r.out().strip().lines().toList();
        assertEquals("index,eigenvalue,residual,group,multiplicity", rows.get(0));
        return rows.stream().skip(1).mapToDouble(row -> Double.parseDouble(row.split(",")[1])).toArray();
    }

    /** The --vectors file as an n x k matrix, checking that row i starts with the vertex index i. */
    private static DMatrixRMaj vectors(Path file, int n, int k) throws IOException {
        List<String> rows = Files.readAllLines(file);
        assertEquals(n + 1, rows.size(), "a header and one row per vertex");
        StringBuilder header = new StringBuilder("vertex");
        for (int c = 0; c < k; c++) {
            header.append(",v").append(c);
        }
        assertEquals(header.toString(), rows.get(0));
        DMatrixRMaj v = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            String[] f = rows.get(i + 1).split(",");
            assertEquals(String.valueOf(i), f[0], "row " + i + " starts with its vertex index");
            for (int c = 0; c < k; c++) {
                v.set(i, c, Double.parseDouble(f[c + 1]));
            }
        }
        return v;
    }

    /** max_c ||L v_c - lambda_c M v_c||_2 / ||L||_inf. */
    private static double relativeResidual(MeshLaplacian m, double[] lambda, DMatrixRMaj v) {
        DMatrixRMaj lv = m.stiffness().multiply(v, null);
        double worst = 0;
        for (int c = 0; c < v.numCols; c++) {
            double s = 0;
            for (int i = 0; i < v.numRows; i++) {
                double d = lv.get(i, c) - lambda[c] * m.mass(i) * v.get(i, c);
                s += d * d;
            }
            worst = Math.max(worst, Math.sqrt(s));
        }
        return worst / m.stiffness().normInf();
    }

    /** max |V^T M V - I|. */
    private static double massOrthonormalityError(MeshLaplacian m, DMatrixRMaj v) {
        double worst = 0;
        for (int a = 0; a < v.numCols; a++) {
            for (int b = 0; b < v.numCols; b++) {
                double s = 0;
                for (int i = 0; i < v.numRows; i++) {
                    s += v.get(i, a) * m.mass(i) * v.get(i, b);
                }
                worst = Math.max(worst, Math.abs(s - (a == b ? 1 : 0)));
            }
        }
        return worst;
    }

    @Test
    void unitSphereGivesLTimesLPlusOneWithHonestResidualsAndMassOrthonormalVectors() throws IOException {
        Path sphere = unitSphere();
        MeshLaplacian m = CotangentLaplacian.of(MeshReader.read(sphere));
        // The bound per level l is 1.5 times the error measured on this 812-vertex mesh with the Voronoi mass:
        // 9e-8 at l = 1, 4.5e-3 at l = 2, 1.3e-2 at l = 3. Linear elements with a lumped mass err by
        // O(h^2 lambda^2), so the discretisation error, not the solver, sets these bounds and they grow with l.
        double[] bound = {0, 1e-6, 7e-3, 2e-2};
        for (String solver : List.of("auto", "lanczos", "lobpcg")) {
            Path out = dir.resolve(solver + ".csv");
            CliTest.Run r = spectrum(sphere.toString(), "-k", "16", "--solver", solver, "--format", "csv",
                    "--vectors", out.toString());
            assertEquals(0, r.code(), solver + ": " + r.err());
            double[] lambda = eigenvalues(r);
            assertEquals(16, lambda.length);
            assertEquals(0, lambda[0], 1e-10, solver + ": lambda_0");
            int k = 1;
            for (int l = 1; l <= 3; l++) {
                double exact = l * (l + 1);
                for (int j = 0; j < 2 * l + 1; j++, k++) {
                    assertEquals(exact, lambda[k], bound[l] * exact, solver + ": eigenvalue " + k + ", l = " + l);
                }
            }
            DMatrixRMaj v = vectors(out, 812, 16);
            // dense: round-off; sparse: the solvers' test ||L v - lambda M v|| <= 1e-10 ||L||_inf
            assertTrue(relativeResidual(m, lambda, v) < (solver.equals("auto") ? 1e-13 : 1.0001e-10),
                    solver + ": residual " + relativeResidual(m, lambda, v));
            assertTrue(massOrthonormalityError(m, v) < 1e-9, solver + ": V^T M V = I");
            for (int i = 1; i < 812; i++) {
                assertEquals(v.get(0, 0), v.get(i, 0), 1e-9 * Math.abs(v.get(0, 0)), "v_0 is constant");
            }
        }
        CliTest.Run text = spectrum(sphere.toString(), "-k", "17");
        assertTrue(text.out().startsWith(sphere + ": n=812, 1620 triangles, L v = lambda M v (cotangent L, voronoi"
                + " mass M), 17 eigenpairs by " + lapis.spectral.mesh.MeshSpectrum.DENSE_SOLVER), text.out());
        assertTrue(eigenvalues(spectrum(sphere.toString(), "-k", "17", "--format", "csv"))[16] > 16,
                "l = 4 (20) starts at index 16: the level l = 3 is whole");
    }

    @Test
    void tetrahedronHasTheClosedFormSpectrumInEveryMeshFormat() throws IOException {
        // Equilateral faces: L = (4 I - J)/sqrt 3 and M = sqrt(3) a^2/4 I (a third of three faces of area
        // sqrt(3) a^2/4), so lambda = 0 once (the constant) and 16/(3 a^2) = 2/3 three times (x, y, z).
        for (String[] file : new String[][] {{"t.off", TETRAHEDRON_OFF}, {"t.obj", TETRAHEDRON_OBJ},
            {"t.ply", TETRAHEDRON_PLY}}) {
            Path mesh = write(file[0], file[1]);
            Path out = dir.resolve(file[0] + ".csv");
            CliTest.Run r = spectrum(mesh.toString(), "--format", "json", "--vectors", out.toString());
            assertEquals(0, r.code(), file[0] + ": " + r.err());
            assertTrue(r.out().contains("\"triangles\": 4, \"laplacian\": \"cotangent\", \"mass\": \"voronoi\", "
                    + "\"problem\": \"L v = lambda M v\""), r.out());
            assertTrue(r.out().contains("\"multiplicities\": [1, 3]"), file[0] + ": " + r.out());
            CliTest.Run csv = spectrum(mesh.toString(), "--format", "csv");
            double[] lambda = eigenvalues(csv);
            assertEquals(0, lambda[0], 1e-14);
            for (int i = 1; i < 4; i++) {
                assertEquals(2.0 / 3, lambda[i], 1e-14, file[0] + ": eigenvalue " + i);
            }
            DMatrixRMaj v = vectors(out, 4, 4);
            double mass = Math.sqrt(3) * 8 / 4;
            for (int i = 0; i < 4; i++) {
                assertEquals(1 / Math.sqrt(4 * mass), v.get(i, 0), 1e-14, "v_0 = 1 / sqrt(total area)");
            }
        }
    }

    @Test
    void twoComponentsGiveZeroTwiceAndTheSparseSolversDeflateBoth() throws IOException {
        StringBuilder b = new StringBuilder("OFF\n8 8 12\n");
        String[] lines = TETRAHEDRON_OFF.strip().lines().toArray(String[]::new);
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 2; i < 6; i++) {
                String[] x = lines[i].split(" ");
                b.append(Double.parseDouble(x[0]) + 10 * copy).append(' ').append(x[1]).append(' ').append(x[2])
                        .append('\n');
            }
        }
        for (int copy = 0; copy < 2; copy++) {
            for (int f = 6; f < 10; f++) {
                String[] c = lines[f].split(" ");
                b.append(3);
                for (int j = 1; j < 4; j++) {
                    b.append(' ').append(Integer.parseInt(c[j]) + 4 * copy);
                }
                b.append('\n');
            }
        }
        Path mesh = write("two.off", b.toString());
        for (String solver : List.of("dense", "lanczos", "lobpcg")) {
            CliTest.Run r = spectrum(mesh.toString(), "-k", "5", "--solver", solver, "--format", "csv");
            assertEquals(0, r.code(), solver + ": " + r.err());
            double[] lambda = eigenvalues(r);
            double[] expected = {0, 0, 2.0 / 3, 2.0 / 3, 2.0 / 3};
            for (int i = 0; i < 5; i++) {
                assertEquals(expected[i], lambda[i], 1e-10, solver + ": eigenvalue " + i);
            }
            assertTrue(r.out().strip().lines().skip(1).limit(2).allMatch(row -> row.endsWith(",0,2")),
                    solver + ": one group of two zeros: " + r.out());
        }
    }

    @Test
    void badMeshFileExitsTwoNamingFileAndLineAndWritesNoVectors() throws IOException {
        Path bad = write("bad.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 zero\n3 0 1 2\n");
        Path out = dir.resolve("v.csv");
        CliTest.Run r = spectrum(bad.toString(), "--vectors", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("lapis: " + bad + ":5: "), r.err());
        assertTrue(r.err().contains("zero"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
        assertFalse(Files.exists(out));
        Path range = write("range.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nf 1 2 9\n");
        CliTest.Run rr = spectrum(range.toString(), "--vectors", out.toString());
        assertEquals(2, rr.code());
        assertTrue(rr.err().startsWith("lapis: " + range + ":5: "), rr.err());
        Path unused = write("unused.off", "OFF\n4 1 0\n0 0 0\n1 0 0\n0 1 0\n5 5 5\n3 0 1 2\n");
        CliTest.Run ru = spectrum(unused.toString(), "--vectors", out.toString());
        assertEquals(2, ru.code());
        assertTrue(ru.err().startsWith("lapis: " + unused + ": vertex 3 belongs to no triangle"), ru.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(3, files.count(), "the three inputs and no temporary files");
        }
    }

    @Test
    void eachOptionKeepsOneMeaning() throws IOException {
        Path tet = write("t.off", TETRAHEDRON_OFF);
        CliTest.Run lap = spectrum(tet.toString(), "--laplacian", "comb");
        assertEquals(2, lap.code());
        assertTrue(lap.err().contains("--laplacian applies to graphs"), lap.err());
        assertEquals(2, spectrum(tet.toString(), "--symmetrize").code());
        CliTest.Run heat = spectrum(tet.toString(), "--mass", "heat");
        assertEquals(2, heat.code());
        assertTrue(heat.err().contains("--mass must be lumped, voronoi or barycentric, not 'heat'"), heat.err());
        assertEquals(2, spectrum(tet.toString(), "--tolerance", "0").code());
        assertEquals(2, spectrum(tet.toString(), "-k", "5").code());
        Path graph = write("c.edges", "0 1\n1 2\n2 0\n");
        CliTest.Run mass = spectrum(graph.toString(), "--mass", "voronoi");
        assertEquals(2, mass.code());
        assertTrue(mass.err().contains("--mass applies to triangle meshes"), mass.err());
        CliTest.Run bary = spectrum(tet.toString(), "--mass", "barycentric");
        assertEquals(0, bary.code(), bary.err());
        assertTrue(bary.out().contains("(cotangent L, barycentric mass M)"), bary.out());
        Path renamed = write("tetrahedron.txt", TETRAHEDRON_OFF);
        CliTest.Run named = spectrum(renamed.toString(), "--input-format", "off", "--format", "json");
        assertEquals(0, named.code(), named.err());
        assertTrue(named.out().contains("\"multiplicities\": [1, 3]"), named.out());
    }
}
