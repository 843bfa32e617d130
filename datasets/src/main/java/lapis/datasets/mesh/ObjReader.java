package lapis.datasets.mesh;

import java.util.Set;

/**
 * Reads Wavefront OBJ geometry: "v x y z [w]" vertices (w ignored) and "f" faces whose corners are "v", "v/vt",
 * "v/vt/vn" or "v//vn"; only the vertex index (before the first '/') is used. Indices are 1-based, or negative
 * for relative to the last vertex read (-1 is the last). Polygons are fan-triangulated (see {@link MeshAssembler}).
 * Texture coordinates, normals, groups, objects, smoothing and materials (vt, vn, vp, g, o, s, usemtl, mtllib) are
 * ignored; any other statement (lines "l", points "p", free-form geometry) is an error naming it. Stateless.
 */
final class ObjReader {
    private static final Set<String> IGNORED = Set.of("vt", "vn", "vp", "g", "o", "s", "usemtl", "mtllib");

    private ObjReader() {
    }

    static MeshAssembler read(TextLines in) {
        MeshAssembler mesh = new MeshAssembler(in.source());
        for (String[] t = in.next(); t != null; t = in.next()) {
            switch (t[0]) {
                case "v" -> {
                    if (t.length != 4 && t.length != 5) {
                        throw in.error("vertex " + mesh.vertexCount() + " has " + (t.length - 1)
                                + " values; expected x y z [w]");
                    }
                    int i = mesh.vertexCount();
                    mesh.vertex(in.number(t[1], "vertex " + i + " x"), in.number(t[2], "vertex " + i + " y"),
                            in.number(t[3], "vertex " + i + " z"));
                }
                case "f" -> {
                    int[] corners = new int[t.length - 1];
                    for (int c = 0; c < corners.length; c++) {
                        String ref = t[c + 1];
                        int slash = ref.indexOf('/');
                        int index = in.integer(slash < 0 ? ref : ref.substring(0, slash),
                                "vertex index of face " + mesh.faceCount());
                        if (index == 0) {
                            throw in.error("face " + mesh.faceCount() + " has vertex index 0; OBJ indices start at 1");
                        }
                        corners[c] = index > 0 ? index - 1 : mesh.vertexCount() + index;
                    }
                    mesh.face(corners, in.line());
                }
                default -> {
                    if (!IGNORED.contains(t[0])) {
                        throw in.error("unsupported OBJ statement '" + t[0] + "'; only v and f are read (and "
                                + String.join(", ", IGNORED.stream().sorted().toList()) + " are ignored)");
                    }
                }
            }
        }
        return mesh;
    }
}
