package lapis.graph.mesh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test fixture: the icosahedron subdivided s times (each triangle into 4), vertices pushed onto the unit sphere. */
final class Icosphere {
    private Icosphere() {
    }

    /** 10 * 4^s + 2 vertices and 20 * 4^s triangles, every vertex at distance 1 from the origin. */
    static TriangleMesh of(int subdivisions) {
        double g = (1 + Math.sqrt(5)) / 2;
        List<double[]> v = new ArrayList<>(List.of(
                new double[] {-1, g, 0}, new double[] {1, g, 0}, new double[] {-1, -g, 0}, new double[] {1, -g, 0},
                new double[] {0, -1, g}, new double[] {0, 1, g}, new double[] {0, -1, -g}, new double[] {0, 1, -g},
                new double[] {g, 0, -1}, new double[] {g, 0, 1}, new double[] {-g, 0, -1}, new double[] {-g, 0, 1}));
        v.replaceAll(Icosphere::normalise);
        int[] t = {0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
            3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
        for (int s = 0; s < subdivisions; s++) {
            Map<Long, Integer> midpoints = new HashMap<>();
            int[] next = new int[4 * t.length];
            for (int f = 0; f < t.length / 3; f++) {
                int a = t[3 * f];
                int b = t[3 * f + 1];
                int c = t[3 * f + 2];
                int ab = midpoint(v, midpoints, a, b);
                int bc = midpoint(v, midpoints, b, c);
                int ca = midpoint(v, midpoints, c, a);
                int[] four = {a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca};
                System.arraycopy(four, 0, next, 12 * f, 12);
            }
            t = next;
        }
        double[] coords = new double[3 * v.size()];
        for (int i = 0; i < v.size(); i++) {
            System.arraycopy(v.get(i), 0, coords, 3 * i, 3);
        }
        return new TriangleMesh(coords, t);
    }

    private static int midpoint(List<double[]> v, Map<Long, Integer> cache, int a, int b) {
        long key = (long) Math.min(a, b) << 32 | Math.max(a, b);
        return cache.computeIfAbsent(key, k -> {
            double[] p = v.get(a);
            double[] q = v.get(b);
            v.add(normalise(new double[] {p[0] + q[0], p[1] + q[1], p[2] + q[2]}));
            return v.size() - 1;
        });
    }

    private static double[] normalise(double[] p) {
        double r = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
        return new double[] {p[0] / r, p[1] / r, p[2] / r};
    }
}
