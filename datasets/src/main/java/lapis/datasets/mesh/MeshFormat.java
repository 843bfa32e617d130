package lapis.datasets.mesh;

import java.nio.file.Path;
import java.util.Locale;

/** The mesh and point file formats Lapis reads and writes, known by their file extensions. */
public enum MeshFormat {
    /** Object File Format: "OFF", counts "V F E", V lines "x y z", F lines "k i1 .. ik", 0-based. */
    OFF("off"),
    /** Wavefront OBJ: "v x y z" and "f" lines with 1-based (or negative, relative) indices. */
    OBJ("obj"),
    /** Stanford PLY, ASCII or binary little-endian, with a vertex element (x, y, z) and a face element. */
    PLY("ply"),
    /** Points, one per line: "x y z" or "x y z nx ny nz"; no faces. */
    XYZ("xyz");

    private final String extension;

    MeshFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The format of a file, by its extension (any case). @throws IllegalArgumentException naming the file */
    public static MeshFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (MeshFormat f : values()) {
            if (f.extension.equals(ext)) {
                return f;
            }
        }
        throw new IllegalArgumentException("cannot tell the format of " + file + " from its extension; expected .off,"
                + " .obj, .ply or .xyz");
    }
}
