package lapis.experiments.points;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lapis.datasets.images.ImageSet;
import lapis.datasets.images.ImageSets;
import lapis.datasets.mesh.BundledMeshes;
import lapis.datasets.mesh.MeshReader;
import lapis.datasets.points.PointCloud;
import lapis.datasets.points.SphereSampler;
import lapis.graph.mesh.TriangleMesh;

/**
 * A point set named on the command line, as the point commands ({@code basis}, {@code stability}) take it:
 * {@code sphere:N} (uniform on the unit sphere), {@code sphere-nonuniform:N} (density (1 + a z) / (4 pi), a =
 * {@value #NONUNIFORM_TILT}), the bundled {@code sphere-mesh}, {@code spot}, {@code bunny} and {@code kitten}, the
 * image sets {@code digits} and {@code mnist:N} (the first N test images, pixels scaled to [0, 1]), or a mesh or
 * point file (.off, .obj, .ply, .xyz) read with the readers' line-numbered errors.
 *
 * @param name the spec as given
 * @param cloud the points (with the true density for sampled spheres)
 * @param mesh the triangles when the input is a mesh, else null
 * @param sampler the sampler of a sampled sphere (for fresh points), else null
 * @param labels the class of each image, else null
 */
public record PointInput(String name, PointCloud cloud, TriangleMesh mesh, SphereSampler sampler, int[] labels) {
    public static final double NONUNIFORM_TILT = 0.8;
    public static final List<String> EXTENSIONS = List.of(".off", ".obj", ".ply", ".xyz");
    public static final String SPECS = "sphere:N, sphere-nonuniform:N, sphere-mesh, spot, bunny, kitten, digits, mnist:N "
            + "or a .off, .obj, .ply or .xyz file";

    /** Whether the spec names a point set (a prefix or bundled name, or a file with a point extension). */
    public static boolean isPointSpec(String spec) {
        String lower = spec.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("sphere:") || lower.startsWith("sphere-nonuniform:") || lower.startsWith("mnist:")
                || List.of("sphere-mesh", "spot", "bunny", "kitten", "digits").contains(lower)
                || EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /**
     * Reads or samples the point set; {@code seed} draws sampled spheres.
     *
     * @throws IllegalArgumentException naming the spec when it is not one of the forms, or a file is missing
     */
    public static PointInput load(String spec, long seed) {
        String s = spec.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sphere:")) {
            SphereSampler u = SphereSampler.uniform();
            return new PointInput(s, u.sample(count(s, "sphere:"), seed), null, u, null);
        }
        if (lower.startsWith("sphere-nonuniform:")) {
            SphereSampler t = SphereSampler.tilted(NONUNIFORM_TILT);
            return new PointInput(s, t.sample(count(s, "sphere-nonuniform:"), seed), null, t, null);
        }
        if (lower.startsWith("mnist:")) {
            return images(s, ImageSets.mnistTest(), count(s, "mnist:"));
        }
        return switch (lower) {
            case "sphere-mesh" -> mesh(s, BundledMeshes.unitSphere());
            case "spot" -> mesh(s, BundledMeshes.spot());
            case "bunny" -> mesh(s, BundledMeshes.bunny());
            case "kitten" -> new PointInput(s, BundledMeshes.kitten(), null, null, null);
            case "digits" -> images(s, ImageSets.digits(), Integer.MAX_VALUE);
            default -> {
                if (EXTENSIONS.stream().noneMatch(lower::endsWith)) {
                    throw new IllegalArgumentException("points '" + spec + "': use " + SPECS);
                }
                Path file = Path.of(s);
                if (Files.isDirectory(file)) {
                    throw new IllegalArgumentException(s + ": is a directory, not a mesh or point file");
                }
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException(s + ": no such file");
                }
                yield lower.endsWith(".xyz") ? new PointInput(s, MeshReader.readPoints(file), null, null, null)
                        : mesh(s, MeshReader.read(file));
            }
        };
    }

    private static PointInput mesh(String name, TriangleMesh mesh) {
        return new PointInput(name, new PointCloud(3, mesh.vertices(), null), mesh, null, null);
    }

    private static PointInput images(String name, ImageSet set, int n) {
        int m = Math.min(n, set.size());
        int d = set.dimension();
        double[] pixels = set.pixels();
        double[] x = new double[m * d];
        for (int i = 0; i < m * d; i++) {
            x[i] = pixels[i] / set.maxIntensity();
        }
        return new PointInput(name, new PointCloud(d, x, null), null, null,
                java.util.Arrays.copyOf(set.labels(), m));
    }

    private static int count(String spec, String prefix) {
        String text = spec.substring(prefix.length());
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("points " + spec + ": N in " + prefix + "N must be a whole number, got '"
                    + text + "'", e);
        }
        if (n < 1) {
            throw new IllegalArgumentException("points " + spec + ": N must be >= 1, got " + n);
        }
        return n;
    }
}
