package lapis.spectral.subspace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import lapis.spectral.EigenResult;

/**
 * Computed eigenvalues grouped into eigenspaces, with multiplicities and the gaps between consecutive groups.
 * Immutable.
 *
 * <p><b>Rule.</b> The values are sorted ascending; two neighbours lambda_i &lt;= lambda_{i+1} belong to the
 * same group when
 * <pre>  lambda_{i+1} - lambda_i &lt;= max(absoluteTolerance, relativeTolerance * max(|lambda_i|, |lambda_{i+1}|)),</pre>
 * and groups are the chains this links (single linkage: a long chain of small steps forms one group, whose
 * {@link Group#spread()} then shows it). The absolute floor handles values near 0, where a relative test alone
 * would split a null space computed as {0, 1e-17, -3e-16}. By default the relative tolerance is
 * {@link #DEFAULT_RELATIVE_TOLERANCE} and the floor is that tolerance times the largest |lambda| given, so the
 * grouping does not change when the matrix is scaled. Choose both above the solver's eigenvalue error (about
 * 1e-15 ||A|| for the dense solver, about the residual tolerance for iterative ones) and below the smallest gap
 * that must be seen: with the defaults, a lambda_2 below 1e-8 max|lambda| merges with 0.
 *
 * <p><b>Gaps.</b> gap(g) = min(group g+1) - max(group g), the distance between the closest members of
 * consecutive groups (always above the tolerance that separated them). Cost O(k).
 */
public final class Eigenspaces {
    /** Default relative tolerance: 1e-8. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-8;

    private final double[] values;
    private final List<Group> groups;
    private final int[] groupOf;
    private final double relativeTolerance;
    private final double absoluteTolerance;

    /**
     * One eigenspace: the values with indices first..end-1 of the sorted list.
     *
     * @param first index of the first member
     * @param end one past the last member
     * @param value the mean of the members, the best estimate of the eigenvalue
     * @param min smallest member
     * @param max largest member
     */
    public record Group(int first, int end, double value, double min, double max) {
        /** Number of members: the multiplicity. */
        public int multiplicity() {
            return end - first;
        }

        /** max - min. */
        public double spread() {
            return max - min;
        }
    }

    private Eigenspaces(double[] values, double relativeTolerance, double absoluteTolerance) {
        this.values = values;
        this.relativeTolerance = relativeTolerance;
        this.absoluteTolerance = absoluteTolerance;
        this.groupOf = new int[values.length];
        List<Group> out = new ArrayList<>();
        int first = 0;
        for (int i = 1; i <= values.length; i++) {
            if (i == values.length || !linked(values[i - 1], values[i])) {
                double sum = 0;
                for (int j = first; j < i; j++) {
                    sum += values[j];
                    groupOf[j] = out.size();
                }
                out.add(new Group(first, i, sum / (i - first), values[first], values[i - 1]));
                first = i;
            }
        }
        this.groups = Collections.unmodifiableList(out);
    }

    private boolean linked(double a, double b) {
        return b - a <= Math.max(absoluteTolerance, relativeTolerance * Math.max(Math.abs(a), Math.abs(b)));
    }

    /**
     * Groups values with the default tolerances (relative 1e-8, floor 1e-8 max|lambda|).
     *
     * @throws IllegalArgumentException if a value is not finite or the values are not ascending
     */
    public static Eigenspaces of(double[] ascending) {
        Objects.requireNonNull(ascending, "ascending");
        double max = 0;
        for (double v : ascending) {
            max = Math.max(max, Math.abs(v));
        }
        return of(ascending, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_RELATIVE_TOLERANCE * max);
    }

    /**
     * Groups values with the given tolerances.
     *
     * @throws IllegalArgumentException if a value is not finite, the values are not ascending, or a tolerance is
     *     negative or NaN
     */
    public static Eigenspaces of(double[] ascending, double relativeTolerance, double absoluteTolerance) {
        Objects.requireNonNull(ascending, "ascending");
        if (!(relativeTolerance >= 0) || !(absoluteTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0, got relative " + relativeTolerance
                    + " and absolute " + absoluteTolerance);
        }
        for (int i = 0; i < ascending.length; i++) {
            if (!Double.isFinite(ascending[i])) {
                throw new IllegalArgumentException("eigenvalue " + i + " is " + ascending[i]);
            }
            if (i > 0 && ascending[i] < ascending[i - 1]) {
                throw new IllegalArgumentException("eigenvalues not ascending at " + i + ": " + ascending[i - 1]
                        + " > " + ascending[i]);
            }
        }
        return new Eigenspaces(ascending.clone(), relativeTolerance, absoluteTolerance);
    }

    /** Groups the eigenvalues of a result with the default tolerances. */
    public static Eigenspaces of(EigenResult result) {
        return of(result.eigenvalues());
    }

    /** Number of groups (distinct eigenvalues). */
    public int count() {
        return groups.size();
    }

    /** Group g, 0 the smallest. */
    public Group group(int g) {
        return groups.get(g);
    }

    /** All groups, ascending; unmodifiable. */
    public List<Group> groups() {
        return groups;
    }

    /** The group that holds value i of the sorted list. */
    public int groupOf(int i) {
        return groupOf[i];
    }

    /** Multiplicity of each group. */
    public int[] multiplicities() {
        return groups.stream().mapToInt(Group::multiplicity).toArray();
    }

    /** gap(g) = min(group g+1) - max(group g), for g = 0..count-2. */
    public double gap(int g) {
        if (g < 0 || g >= groups.size() - 1) {
            throw new IndexOutOfBoundsException("gap " + g + " of " + (groups.size() - 1));
        }
        return groups.get(g + 1).min() - groups.get(g).max();
    }

    /** All count-1 gaps. */
    public double[] gaps() {
        double[] out = new double[Math.max(0, groups.size() - 1)];
        for (int g = 0; g < out.length; g++) {
            out[g] = gap(g);
        }
        return out;
    }

    /** A copy of the grouped values, ascending. */
    public double[] values() {
        return values.clone();
    }

    /** The relative tolerance used. */
    public double relativeTolerance() {
        return relativeTolerance;
    }

    /** The absolute floor used. */
    public double absoluteTolerance() {
        return absoluteTolerance;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Eigenspaces[");
        for (int g = 0; g < groups.size(); g++) {
            Group x = groups.get(g);
            s.append(g == 0 ? "" : ", ").append(x.value()).append(" x").append(x.multiplicity());
        }
        return s.append(']').toString();
    }
}
