package lapis.spectral.subspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * How far a perturbation moves each eigenspace: the reference eigenvalues are grouped into eigenspaces, and each
 * group's column block of a reference basis A is compared with the same block of a perturbed basis B by the
 * principal angles between their spans, next to the group's eigengap. Stateless.
 *
 * <p><b>Grouping.</b> {@link Eigenspaces#of(double[], double, double)}: consecutive reference values
 * lambda_i &lt;= lambda_{i+1} share a group when lambda_{i+1} - lambda_i &lt;= max(abs, rel max(|lambda_i|,
 * |lambda_{i+1}|)), chained (single linkage). Only the reference values group; B's columns are cut at the same
 * indices, so B must list its pairs in the same (ascending) order.
 *
 * <p><b>Angles.</b> For group g with columns first..end-1, theta_1 &lt;= ... &lt;= theta_m are the principal angles
 * between span(A[:, first:end]) and span(B[:, first:end]) ({@link Subspaces#principalAngles}, Knyazev and Argentati,
 * SIAM J. Sci. Comput. 23(6), 2002). They do not depend on the signs of the columns nor on a rotation inside the
 * eigenspace, so they measure the change of the eigenspace, not of an arbitrary basis of it. The blocks need not
 * be orthonormal (rows restricted to a subset of points are not): each is orthonormalised first.
 *
 * <p><b>Gap.</b> gap(g) = min(lambda_first - max(group g-1), min(group g+1) - lambda_{end-1}), the distance from the
 * group to the nearest reference eigenvalue outside it. The first group has only the upper side. The last group has
 * only the lower side and is marked {@link Space#truncated()}: eigenvalues beyond the K given are unknown, so its
 * upper gap, and possibly its multiplicity, are not known. A lone group has gap NaN. By the Davis-Kahan sin-theta
 * theorem (SIAM J. Numer. Anal. 7(1), 1970), for symmetric L and L + E, sin theta_max &lt;= ||E||_2 / delta with delta
 * the separation of the group's perturbed eigenvalues from the rest of the reference spectrum, which is about this
 * gap when ||E|| is small: the largest angle should grow as the gap shrinks.
 *
 * <p><b>Cost.</b> O(K) for the grouping plus O(n m_g^2) per group for the angles, O(n K max m_g) in all; no n x n
 * matrix is formed.
 */
public final class EigenspaceComparison {
    private EigenspaceComparison() {
    }

    /**
     * One eigenspace of the reference and how far it moved.
     *
     * @param first index of its first eigenpair
     * @param end one past its last eigenpair
     * @param eigenvalue the mean of its reference eigenvalues
     * @param gap distance to the nearest reference eigenvalue outside the group (lower side only when truncated);
     *     NaN when there is no other group
     * @param truncated true for the last group, whose upper neighbour lies beyond the eigenpairs given
     * @param angles the principal angles in radians, ascending, one per member
     */
    public record Space(int first, int end, double eigenvalue, double gap, boolean truncated, double[] angles) {
        /** @throws IllegalArgumentException unless 0 &lt;= first &lt; end and there is one angle per member */
        public Space {
            Objects.requireNonNull(angles, "angles");
            if (first < 0 || end <= first || angles.length != end - first) {
                throw new IllegalArgumentException("space [" + first + ", " + end + ") with " + angles.length
                        + " angles");
            }
            angles = angles.clone();
        }

        /** The number of eigenpairs in the group. */
        public int multiplicity() {
            return end - first;
        }

        /** A copy of the principal angles, ascending, in radians. */
        @Override
        public double[] angles() {
            return angles.clone();
        }

        /** The largest principal angle theta_max in radians, in [0, pi/2]. */
        public double maxAngle() {
            return angles[angles.length - 1];
        }

        /** sin theta_max, the sin-theta distance ||sin Theta||_2 between the two spans. */
        public double sinMaxAngle() {
            return Math.sin(maxAngle());
        }

        /** gap / |eigenvalue|: infinite for the null space, NaN when the gap is. */
        public double relativeGap() {
            return gap / Math.abs(eigenvalue);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Space s && first == s.first && end == s.end
                    && Double.compare(eigenvalue, s.eigenvalue) == 0 && Double.compare(gap, s.gap) == 0
                    && truncated == s.truncated && Arrays.equals(angles, s.angles);
        }

        @Override
        public int hashCode() {
            return Objects.hash(first, end, eigenvalue, gap, truncated, Arrays.hashCode(angles));
        }

        @Override
        public String toString() {
            return "Space[" + first + ".." + end + ", lambda=" + eigenvalue + ", gap=" + gap
                    + (truncated ? " (truncated)" : "") + ", angles=" + Arrays.toString(angles) + "]";
        }
    }

    /**
     * The comparison, eigenspace by eigenspace.
     *
     * @param spaces one entry per group, ascending
     * @param relativeTolerance the grouping's relative tolerance
     * @param absoluteTolerance the grouping's absolute floor
     */
    public record Result(List<Space> spaces, double relativeTolerance, double absoluteTolerance) {
        public Result {
            spaces = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(spaces, "spaces")));
        }

        /** The multiplicity of each group, ascending. */
        public int[] multiplicities() {
            return spaces.stream().mapToInt(Space::multiplicity).toArray();
        }

        /** The largest principal angle over all groups, in radians; 0 when there are none. */
        public double maxAngle() {
            return spaces.stream().mapToDouble(Space::maxAngle).max().orElse(0);
        }
    }

    /**
     * Groups the reference values with relative tolerance rel and absolute floor 1e-8 max|lambda| (so that a computed
     * null space {0, 1e-17} is one group whatever the scale), then compares a and b group by group.
     *
     * @param referenceValues K reference eigenvalues, ascending, finite; not modified
     * @param a n x K reference eigenvectors, column i for value i; not modified
     * @param b n x K perturbed eigenvectors, same rows (the same points, in the same order) and the same column
     *     order; not modified
     * @param relativeTolerance rel &gt;= 0
     * @throws IllegalArgumentException if the shapes disagree (naming both), the values are not ascending and
     *     finite, rel is negative or NaN, or a group's block is rank-deficient
     */
    public static Result compare(double[] referenceValues, DMatrixRMaj a, DMatrixRMaj b, double relativeTolerance) {
        Objects.requireNonNull(referenceValues, "referenceValues");
        if (!(relativeTolerance >= 0)) {
            throw new IllegalArgumentException("relative tolerance must be >= 0, got " + relativeTolerance);
        }
        double max = 0;
        for (double v : referenceValues) {
            max = Math.max(max, Math.abs(v));
        }
        double floor = Eigenspaces.DEFAULT_RELATIVE_TOLERANCE * max;
        return compare(Eigenspaces.of(referenceValues, relativeTolerance, Double.isFinite(floor) ? floor : 0), a, b);
    }

    /**
     * Compares a and b group by group for a grouping already made.
     *
     * @param spaces the grouping of the K reference values
     * @throws IllegalArgumentException if a and b are not both n x K with K the number of values grouped, or a
     *     group's block is rank-deficient
     */
    public static Result compare(Eigenspaces spaces, DMatrixRMaj a, DMatrixRMaj b) {
        Objects.requireNonNull(spaces, "spaces");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        double[] values = spaces.values();
        int k = values.length;
        if (a.numCols != k || b.numCols != k || a.numRows != b.numRows) {
            throw new IllegalArgumentException("bases are " + a.numRows + "x" + a.numCols + " and " + b.numRows + "x"
                    + b.numCols + "; expected the same n rows and " + k + " columns, one per reference eigenvalue");
        }
        int n = a.numRows;
        int count = spaces.count();
        List<Space> out = new ArrayList<>(count);
        for (int g = 0; g < count; g++) {
            Eigenspaces.Group grp = spaces.group(g);
            double below = g > 0 ? grp.min() - spaces.group(g - 1).max() : Double.POSITIVE_INFINITY;
            double above = g < count - 1 ? spaces.group(g + 1).min() - grp.max() : Double.POSITIVE_INFINITY;
            double gap = Math.min(below, above);
            DMatrixRMaj blockA = CommonOps_DDRM.extract(a, 0, n, grp.first(), grp.end());
            DMatrixRMaj blockB = CommonOps_DDRM.extract(b, 0, n, grp.first(), grp.end());
            double[] angles;
            try {
                angles = Subspaces.principalAngles(blockA, blockB);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("eigenspace " + g + " (columns " + grp.first() + ".."
                        + (grp.end() - 1) + ", lambda " + grp.value() + "): " + e.getMessage(), e);
            }
            out.add(new Space(grp.first(), grp.end(), grp.value(), Double.isInfinite(gap) ? Double.NaN : gap,
                    g == count - 1, angles));
        }
        return new Result(out, spaces.relativeTolerance(), spaces.absoluteTolerance());
    }
}
