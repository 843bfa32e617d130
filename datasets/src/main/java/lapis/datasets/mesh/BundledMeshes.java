package lapis.datasets.mesh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import lapis.datasets.points.PointCloud;
import lapis.graph.mesh.TriangleMesh;

/**
 * The meshes and point cloud bundled in this module (resources lapis/datasets/meshes/, origins and licences in its
 * SOURCES.md). Each call reads and checks the file again; keep the result.
 */
public final class BundledMeshes {
    private static final String DIR = "/lapis/datasets/meshes/";

    private BundledMeshes() {
    }

    /** A geodesic sphere, 812 vertices and 1,620 triangles, every vertex at distance 1 (+- 1e-15) from 0 (CGAL). */
    public static TriangleMesh unitSphere() {
        return mesh("unit-sphere.off", MeshFormat.OFF);
    }

    /** Keenan Crane's cow "spot": closed genus-0, 2,930 vertices and 5,856 triangles (public domain). */
    public static TriangleMesh spot() {
        return mesh("spot.obj", MeshFormat.OBJ);
    }

    /**
     * The remeshed Stanford bunny: closed genus-0, 37,706 vertices and 75,408 triangles (CGAL; credit the Stanford
     * Computer Graphics Laboratory). The mesh of the point-cloud benchmarks.
     */
    public static TriangleMesh bunny() {
        return mesh("bunny.off", MeshFormat.OFF);
    }

    /** The kitten point cloud, 5,210 points (CGAL; normals dropped). */
    public static PointCloud kitten() {
        try (InputStream in = open("kitten.xyz")) {
            return MeshReader.readPoints(in, "kitten.xyz", MeshFormat.XYZ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled kitten.xyz", e);
        }
    }

    private static TriangleMesh mesh(String name, MeshFormat format) {
        try (InputStream in = open(name)) {
            return MeshReader.read(in, name, format);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + name, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = BundledMeshes.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("the bundled resource " + DIR + name + " is missing from the jar");
        }
        return in;
    }
}
