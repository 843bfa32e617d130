package lapis.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import lapis.datasets.images.ImageSet;
import lapis.datasets.images.ImageSets;
import lapis.datasets.mesh.MeshReader;
import lapis.datasets.points.CircleSampler;
import lapis.datasets.points.FlatTorusSampler;
import lapis.datasets.points.KnownSpectrum;
import lapis.datasets.points.ManifoldSampler;
import lapis.datasets.points.PointCloud;
import lapis.datasets.points.SphereSampler;
import lapis.datasets.points.SwissRollSampler;
import lapis.datasets.points.TorusSampler;
import lapis.graph.mesh.TriangleMesh;

/** The non-molecule sources of {@code lapis data info}: image sets, point samplers, meshes and point files. */
final class DatasetInfo {
    private static final Set<String> IMAGE_SETS = Set.of("digits", "mnist", "fashion-mnist");
    private static final Set<String> SAMPLERS = Set.of("sphere", "sphere-tilted", "circle", "flat-torus", "torus",
            "swiss-roll");

    private DatasetInfo() {
    }

    static boolean isImageSet(String name) {
        return IMAGE_SETS.contains(name);
    }

    static boolean isSampler(String spec) {
        int colon = spec.indexOf(':');
        return colon > 0 && SAMPLERS.contains(spec.substring(0, colon));
    }

    static boolean isMeshFile(String name) {
        return name.endsWith(".off") || name.endsWith(".obj") || name.endsWith(".ply") || name.endsWith(".xyz");
    }

    static void printImages(PrintWriter out, String name) {
        ImageSet set = switch (name) {
            case "digits" -> ImageSets.digits();
            case "mnist" -> ImageSets.mnistTest();
            default -> ImageSets.fashionMnistTest();
        };
        int[] counts = new int[Arrays.stream(set.labels()).max().orElse(-1) + 1];
        for (int label : set.labels()) {
            counts[label]++;
        }
        out.printf(Locale.ROOT, "image set   %s: %d images of %d x %d (points in R^%d), intensities 0..%s%n",
                set.name(), set.size(), set.rows(), set.columns(), set.dimension(),
                Numbers.compact(set.maxIntensity(), 6));
        out.printf(Locale.ROOT, "labels      %s%n", Arrays.toString(counts));
    }

    /** sphere:N, sphere-tilted:A:N, circle:N, flat-torus:N, torus:N or swiss-roll:N. */
    static void printSample(PrintWriter out, String spec, long seed) {
        String[] parts = spec.split(":");
        String kind = parts[0].toLowerCase(Locale.ROOT);
        try {
            boolean tilted = kind.equals("sphere-tilted");
            if (parts.length != (tilted ? 3 : 2)) {
                throw new NumberFormatException();
            }
            int n = Integer.parseInt(parts[parts.length - 1]);
            ManifoldSampler sampler = switch (kind) {
                case "sphere" -> SphereSampler.uniform();
                case "sphere-tilted" -> SphereSampler.tilted(Double.parseDouble(parts[1]));
                case "circle" -> new CircleSampler(1);
                case "flat-torus" -> new FlatTorusSampler(1, 1);
                case "torus" -> new TorusSampler(1, 0.4);
                default -> SwissRollSampler.standard();
            };
            PointCloud points = sampler.sample(n, seed);
            out.printf(Locale.ROOT, "sample      %s: %d points in R^%d on a %d-manifold, seed %d%n", spec,
                    points.size(), sampler.ambientDimension(), sampler.intrinsicDimension(), seed);
            printBox(out, points.dimension(), points.coordinates());
            if (points.hasDensity()) {
                double[] density = points.density();
                out.printf(Locale.ROOT, "density     min %s, max %s (relative to the manifold's measure)%n",
                        Numbers.compact(Arrays.stream(density).min().orElse(0), 6),
                        Numbers.compact(Arrays.stream(density).max().orElse(0), 6));
            }
            sampler.spectrum().ifPresentOrElse(s -> printSpectrum(out, s),
                    () -> out.println("spectrum    no closed form"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad sampler '" + spec + "'; expected KIND:N (sphere, circle, "
                    + "flat-torus, torus, swiss-roll) or sphere-tilted:A:N");
        }
    }

    private static void printSpectrum(PrintWriter out, KnownSpectrum s) {
        StringBuilder b = new StringBuilder();
        for (KnownSpectrum.Level level : s.levels(6)) {
            b.append(b.length() == 0 ? "" : ", ").append(Numbers.compact(level.eigenvalue(), 6)).append(" x")
                    .append(level.multiplicity());
        }
        out.printf(Locale.ROOT, "spectrum    %s: %s, ...%n", s.description(), b);
    }

    static void printMesh(PrintWriter out, Path file) {
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".xyz")) {
            PointCloud points = MeshReader.readPoints(file);
            out.printf(Locale.ROOT, "points      %s: %d points in R^%d%n", file, points.size(), points.dimension());
            printBox(out, points.dimension(), points.coordinates());
            return;
        }
        TriangleMesh mesh = MeshReader.read(file);
        long edges = countEdges(mesh);
        long euler = mesh.vertexCount() - edges + mesh.triangleCount();
        out.printf(Locale.ROOT, "mesh        %s: %d vertices, %d triangles, %d edges%n", file, mesh.vertexCount(),
                mesh.triangleCount(), edges);
        out.printf(Locale.ROOT, "topology    Euler characteristic V - E + F = %d%s%n", euler,
                euler == 2 ? " (a closed genus-0 surface if connected)" : "");
        out.printf(Locale.ROOT, "area        %s%n", Numbers.compact(mesh.totalArea(), 8));
        printBox(out, 3, mesh.vertices());
    }

    private static long countEdges(TriangleMesh mesh) {
        long[] keys = new long[3 * mesh.triangleCount()];
        int k = 0;
        long n = mesh.vertexCount();
        for (int t = 0; t < mesh.triangleCount(); t++) {
            for (int c = 0; c < 3; c++) {
                long a = mesh.corner(t, c);
                long b = mesh.corner(t, (c + 1) % 3);
                keys[k++] = Math.min(a, b) * n + Math.max(a, b);
            }
        }
        return Arrays.stream(keys).sorted().distinct().count();
    }

    private static void printBox(PrintWriter out, int dim, double[] coordinates) {
        StringBuilder b = new StringBuilder();
        int count = coordinates.length / Math.max(1, dim);
        for (int axis = 0; axis < dim; axis++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                min = Math.min(min, coordinates[i * dim + axis]);
                max = Math.max(max, coordinates[i * dim + axis]);
            }
            b.append(axis == 0 ? "" : " x ").append('[').append(Numbers.compact(min, 4)).append(", ")
                    .append(Numbers.compact(max, 4)).append(']');
        }
        out.printf(Locale.ROOT, "box         %s%n", b);
    }
}
