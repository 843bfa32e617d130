package lapis.spectral.subspace;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * How two sets of eigenvectors compare: principal angles between the subspaces they span, the projector distance,
 * and alignment of one set to the other by signs, by an orthogonal Procrustes rotation, or eigenspace by
 * eigenspace. Eigenvectors are defined only up to sign, and a repeated eigenvalue's vectors only up to a rotation
 * of its eigenspace, so every test and benchmark compares eigenvectors through these. Stateless; no method
 * modifies its inputs, and none forms an n x n matrix.
 *
 * <p>Bases are n x k matrices, one vector per column. The angle and distance methods orthonormalise each basis
 * first (thin SVD, O(n k^2)) and refuse rank-deficient ones (smallest singular value below 1e-12 times the
 * largest).
 */
public final class Subspaces {
    private static final double RANK_TOLERANCE = 1e-12;

    private Subspaces() {
    }

    /**
     * The principal angles 0 &lt;= theta_1 &lt;= ... &lt;= theta_q &lt;= pi/2 between span(a) and span(b), q the
     * smaller dimension. With Q1, Q2 orthonormal bases (Q2 of the smaller span) and M = Q1^T Q2, the cosines are
     * the singular values of M and the sines those of Q2 - Q1 M; angles below pi/4 come from the sines, the rest
     * from the cosines, so small angles keep full relative accuracy (Knyazev and Argentati, SIAM J. Sci. Comput.
     * 23(6), 2002). O(n k^2).
     *
     * @throws IllegalArgumentException if the row counts differ or a basis is rank-deficient
     */
    public static double[] principalAngles(DMatrixRMaj a, DMatrixRMaj b) {
        double[][] cs = cosinesAndSines(a, b);
        double[] cos = cs[0];
        double[] sin = cs[1];
        double[] angles = new double[cos.length];
        for (int k = 0; k < angles.length; k++) {
            angles[k] = sin[k] * sin[k] < 0.5 ? Math.asin(sin[k]) : Math.acos(cos[k]);
        }
        return angles;
    }

    /**
     * ||P_a - P_b||_F, P the orthogonal projector onto a span, computed from the principal angles as
     * sqrt(|p - q| + 2 sum_k sin^2 theta_k) (p, q the dimensions), which is accurate for nearly equal subspaces.
     * O(n k^2).
     *
     * @throws IllegalArgumentException if the row counts differ or a basis is rank-deficient
     */
    public static double projectorDistance(DMatrixRMaj a, DMatrixRMaj b) {
        double[] sin = cosinesAndSines(a, b)[1];
        double s = Math.abs(a.numCols - b.numCols);
        for (double x : sin) {
            s += 2 * x * x;
        }
        return Math.sqrt(s);
    }

    /** [cosines descending, sines ascending], paired: entry k belongs to the k-th smallest angle. */
    private static double[][] cosinesAndSines(DMatrixRMaj a, DMatrixRMaj b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.numRows != b.numRows) {
            throw new IllegalArgumentException("bases have " + a.numRows + " and " + b.numRows + " rows");
        }
        DMatrixRMaj q1 = orthonormalBasis(a, "a");
        DMatrixRMaj q2 = orthonormalBasis(b, "b");
        if (q1.numCols < q2.numCols) {
            DMatrixRMaj t = q1;
            q1 = q2;
            q2 = t;
        }
        int q = q2.numCols;
        DMatrixRMaj m = new DMatrixRMaj(q1.numCols, q);
        CommonOps_DDRM.multTransA(q1, q2, m);
        double[] cos = singularValues(m, q);
        DMatrixRMaj s = q2.copy();
        CommonOps_DDRM.multAdd(-1.0, q1, m, s);
        double[] sin = singularValues(s, q);
        Arrays.sort(cos);
        Arrays.sort(sin);
        double[] cosDescending = new double[q];
        for (int k = 0; k < q; k++) {
            cosDescending[k] = Math.min(1.0, cos[q - 1 - k]);
            sin[k] = Math.min(1.0, sin[k]);
        }
        return new double[][] {cosDescending, sin};
    }

    /** The q singular values of m (q = number of columns, m has at least q rows), unordered. */
    private static double[] singularValues(DMatrixRMaj m, int q) {
        if (q == 0) {
            return new double[0];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, false, true);
        if (!svd.decompose(m.copy())) {
            throw new IllegalStateException("SVD failed on a " + m.numRows + "x" + m.numCols + " matrix");
        }
        return Arrays.copyOf(svd.getSingularValues(), q);
    }

    /**
     * An n x k matrix with orthonormal columns spanning the same space as the k columns of a (the left singular
     * vectors of a). O(n k^2). a: not modified.
     *
     * @throws IllegalArgumentException if a has more columns than rows, a non-finite entry, or rank below k
     */
    public static DMatrixRMaj orthonormalBasis(DMatrixRMaj a) {
        Objects.requireNonNull(a, "a");
        return orthonormalBasis(a, "basis");
    }

    private static DMatrixRMaj orthonormalBasis(DMatrixRMaj a, String name) {
        int n = a.numRows;
        int k = a.numCols;
        if (k > n) {
            throw new IllegalArgumentException(name + " is " + n + "x" + k + ": more columns than rows, so rank-"
                    + "deficient");
        }
        for (int i = 0; i < a.data.length && i < n * k; i++) {
            if (!Double.isFinite(a.data[i])) {
                throw new IllegalArgumentException(name + " entry (" + i / k + ", " + i % k + ") is " + a.data[i]);
            }
        }
        if (k == 0) {
            return new DMatrixRMaj(n, 0);
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, k, true, false, true);
        if (!svd.decompose(a.copy())) {
            throw new IllegalStateException("SVD failed on " + name + ", " + n + "x" + k);
        }
        double[] sv = svd.getSingularValues();
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, sv[i]);
            min = Math.min(min, sv[i]);
        }
        if (!(min > RANK_TOLERANCE * max)) {
            throw new IllegalArgumentException(name + " (" + n + "x" + k + ") is rank-deficient: singular values"
                    + " from " + max + " down to " + min);
        }
        return svd.getU(null, false);
    }

    /**
     * v with each column's sign chosen so that v_k . reference_k &gt;= 0 (a column orthogonal to its reference
     * keeps its sign). O(n k). Nothing is modified but out.
     *
     * @param out reshaped to v's shape and returned; null allocates
     * @throws IllegalArgumentException if the shapes differ
     */
    public static DMatrixRMaj alignSigns(DMatrixRMaj v, DMatrixRMaj reference, DMatrixRMaj out) {
        requireSameShape(v, reference);
        int n = v.numRows;
        int k = v.numCols;
        double[] dots = new double[k];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                dots[c] += v.data[r * k + c] * reference.data[r * k + c];
            }
        }
        out = prepare(out, v);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                out.data[r * k + c] = dots[c] < 0 ? -v.data[r * k + c] : v.data[r * k + c];
            }
        }
        return out;
    }

    /**
     * The orthogonal k x k matrix R minimising ||v R - reference||_F: R = U W^T from the SVD
     * v^T reference = U Sigma W^T (orthogonal Procrustes; Schoenemann, Psychometrika 31, 1966). O(n k^2).
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public static DMatrixRMaj procrustesRotation(DMatrixRMaj v, DMatrixRMaj reference) {
        requireSameShape(v, reference);
        int k = v.numCols;
        if (k == 0) {
            return new DMatrixRMaj(0, 0);
        }
        DMatrixRMaj m = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransA(v, reference, m);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(k, k, true, true, false);
        if (!svd.decompose(m)) {
            throw new IllegalStateException("SVD failed on the " + k + "x" + k + " Procrustes matrix");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getV(null, false);
        DMatrixRMaj r = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransB(u, w, r);
        return r;
    }

    /**
     * v R with R the {@link #procrustesRotation}: v rotated onto reference as closely as an orthogonal map
     * allows. O(n k^2). Nothing is modified but out.
     *
     * @param out reshaped and returned; null allocates
     */
    public static DMatrixRMaj alignProcrustes(DMatrixRMaj v, DMatrixRMaj reference, DMatrixRMaj out) {
        DMatrixRMaj r = procrustesRotation(v, reference);
        out = prepare(out, v);
        CommonOps_DDRM.mult(v, r, out);
        return out;
    }

    /**
     * v aligned to reference eigenspace by eigenspace: column blocks of the groups of {@code spaces} (computed
     * from either set's eigenvalues) are rotated by their own Procrustes rotation; a block of one column is
     * sign-aligned, which is the same thing. The result spans, group by group, the same spaces as v. O(n sum
     * m_g^2). Nothing is modified but out.
     *
     * @param out reshaped and returned; null allocates
     * @throws IllegalArgumentException if the shapes differ or spaces does not group exactly k values
     */
    public static DMatrixRMaj alignPerEigenspace(DMatrixRMaj v, DMatrixRMaj reference, Eigenspaces spaces,
            DMatrixRMaj out) {
        requireSameShape(v, reference);
        Objects.requireNonNull(spaces, "spaces");
        int n = v.numRows;
        int k = v.numCols;
        int grouped = spaces.count() == 0 ? 0 : spaces.group(spaces.count() - 1).end();
        if (grouped != k) {
            throw new IllegalArgumentException("the eigenspaces group " + grouped + " values but the bases have "
                    + k + " columns");
        }
        out = prepare(out, v);
        for (Eigenspaces.Group g : spaces.groups()) {
            DMatrixRMaj block = CommonOps_DDRM.extract(v, 0, n, g.first(), g.end());
            DMatrixRMaj target = CommonOps_DDRM.extract(reference, 0, n, g.first(), g.end());
            DMatrixRMaj aligned = g.multiplicity() == 1 ? alignSigns(block, target, null)
                    : alignProcrustes(block, target, null);
            CommonOps_DDRM.insert(aligned, out, 0, g.first());
        }
        return out;
    }

    private static void requireSameShape(DMatrixRMaj v, DMatrixRMaj reference) {
        Objects.requireNonNull(v, "v");
        Objects.requireNonNull(reference, "reference");
        if (v.numRows != reference.numRows || v.numCols != reference.numCols) {
            throw new IllegalArgumentException("shapes differ: " + v.numRows + "x" + v.numCols + " vs "
                    + reference.numRows + "x" + reference.numCols);
        }
    }

    private static DMatrixRMaj prepare(DMatrixRMaj out, DMatrixRMaj like) {
        if (out == null) {
            return new DMatrixRMaj(like.numRows, like.numCols);
        }
        if (out == like) {
            throw new IllegalArgumentException("out must not be the input matrix");
        }
        out.reshape(like.numRows, like.numCols);
        return out;
    }
}
