package lapis.datasets.mesh;

import java.util.Arrays;
import lapis.datasets.points.PointCloud;

/**
 * Reads XYZ point files: one point per line, "x y z" or "x y z nx ny nz" (normals read, checked and dropped),
 * the same number of values on every line; comments (#) and blank lines are skipped. Stateless.
 */
final class XyzReader {
    private XyzReader() {
    }

    static PointCloud read(TextLines in) {
        double[] xyz = new double[3 * 1024];
        int n = 0;
        int width = -1;
        int firstLine = 0;
        for (String[] t = in.next(); t != null; t = in.next()) {
            if (width < 0) {
                if (t.length != 3 && t.length != 6) {
                    throw in.error("point 0 has " + t.length + " values; expected x y z or x y z nx ny nz");
                }
                width = t.length;
                firstLine = in.line();
            } else if (t.length != width) {
                throw in.error("point " + n + " has " + t.length + " values; line " + firstLine + " had " + width);
            }
            if (3 * n + 3 > xyz.length) {
                xyz = Arrays.copyOf(xyz, 2 * xyz.length);
            }
            for (int k = 0; k < width; k++) {
                double v = in.number(t[k], "point " + n + " value " + (k + 1));
                if (k < 3) {
                    xyz[3 * n + k] = v;
                }
            }
            n++;
        }
        if (n == 0) {
            throw in.error("the file has no points");
        }
        return new PointCloud(3, Arrays.copyOf(xyz, 3 * n), null);
    }
}
