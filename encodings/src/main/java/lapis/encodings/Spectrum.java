package lapis.encodings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import lapis.graph.Graph;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.EigenResult;
import lapis.spectral.Spectra;
import lapis.spectral.dense.ParallelSymmetricEigen;
import lapis.spectral.dense.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;

/**
 * Eigenpairs of a Laplacian of one graph, the input of the spectral encodings: by default all n pairs of the
 * symmetric normalised Laplacian L = I - D^-1/2 A D^-1/2, eigenvalues ascending in [0, 2] and an orthonormal n x n
 * matrix V whose column k belongs to eigenvalue k, so L = V diag(lambda) V^T. Isolated vertices have a unit row
 * (eigenvalue 1), as in {@link Laplacian}; a graph with c components has c zero eigenvalues.
 *
 * <p><b>Partial spectra.</b> {@link #of(EigenResult, Normalization)} and {@link #of(Graph, Normalization, int)} hold
 * only the k smallest pairs (V is n x k), of any {@link Normalization}, so a sparse solver can feed an encoding on a
 * large graph: memory 8 (n k + k) bytes. {@link #pairCount()} says how many pairs there are; an encoding that reads
 * more ({@link NodeEncoding#eigenpairsUsed}) refuses the spectrum through {@link #requirePairs}. For L_rw the
 * vectors are the right eigenvectors D^-1/2 v_sym of {@link Spectra}.
 *
 * <p>The spectra computed here use the sign convention of {@link SymmetricEigen} (largest-magnitude entry of each
 * column positive) and whatever basis QL gives inside a repeated eigenspace; {@link #of(double[], double[])}
 * accepts any orthonormal V, so tests can feed a sign-flipped or rotated basis. Immutable; arrays are copied in and
 * out. Memory 8 (n^2 + n) bytes.
 */
public final class Spectrum {
    private final int n;
    private final int pairs;
    private final Normalization normalization;
    private final double[] values;
    private final double[] vectors;

    private Spectrum(int n, Normalization normalization, double[] values, double[] vectors) {
        this.n = n;
        this.pairs = values.length;
        this.normalization = normalization;
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * The spectrum with eigenvalues {@code values} (ascending) and eigenvectors the columns of the n x n row-major
     * {@code vectors}. Orthonormality is the caller's promise and is not checked.
     *
     * @throws IllegalArgumentException if the lengths disagree, a value is not finite, or the values are not
     *     ascending (naming the position)
     */
    public static Spectrum of(double[] values, double[] vectors) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(vectors, "vectors");
        int n = values.length;
        if (vectors.length != n * n) {
            throw new IllegalArgumentException(n + " eigenvalues but " + vectors.length + " eigenvector entries, "
                    + "expected " + n * n);
        }
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(values[k]) || (k > 0 && values[k] < values[k - 1])) {
                throw new IllegalArgumentException("eigenvalue " + k + " is " + values[k]
                        + (k > 0 ? " after " + values[k - 1] : "") + ": values must be finite and ascending");
            }
        }
        for (double v : vectors) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("eigenvector entry " + v + " is not finite");
            }
        }
        return new Spectrum(n, Normalization.SYMMETRIC, values.clone(), vectors.clone());
    }

    /** The spectrum of an eigendecomposition of L_sym holding all n pairs with vectors. */
    public static Spectrum of(EigenResult r) {
        Objects.requireNonNull(r, "r");
        DMatrixRMaj v = r.eigenvectors(null);
        if (v.numRows != r.count()) {
            throw new IllegalArgumentException("need all eigenpairs: " + r.count() + " pairs of an n = " + v.numRows
                    + " matrix");
        }
        return of(r, Normalization.SYMMETRIC);
    }

    /**
     * The k pairs of any eigendecomposition with vectors (k = r.count(), from 1 to n) of the Laplacian of the
     * given kind, e.g. from {@link Spectra#smallest}.
     *
     * @throws IllegalArgumentException if r holds no pair
     * @throws IllegalStateException if r holds eigenvalues only
     */
    public static Spectrum of(EigenResult r, Normalization normalization) {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(normalization, "normalization");
        if (r.count() < 1) {
            throw new IllegalArgumentException("an eigendecomposition with no pair");
        }
        DMatrixRMaj v = r.eigenvectors(null);
        return new Spectrum(v.numRows, normalization, r.eigenvalues(), Arrays.copyOf(v.data, v.numRows * v.numCols));
    }

    /**
     * The k smallest pairs of g's Laplacian of the given kind by {@link Spectra#smallest} (dense for small n,
     * shift-invert Lanczos for large n; the null space in closed form).
     *
     * @throws lapis.spectral.NotConvergedException if the sparse solver does not converge
     */
    public static Spectrum of(Graph g, Normalization normalization, int k) {
        return of(Spectra.smallest(g, normalization, k).orThrow(), normalization);
    }

    /** The spectrum of g's symmetric normalised Laplacian. O(n^3). */
    public static Spectrum of(Graph g) {
        Objects.requireNonNull(g, "g");
        return of(SymmetricEigen.of(Laplacian.of(g, Normalization.SYMMETRIC).toDense()));
    }

    /**
     * The spectra of many graphs, in order, on {@code threads} threads ({@link ParallelSymmetricEigen}; the results
     * do not depend on the thread count). O(sum n^3) / threads.
     */
    public static List<Spectrum> of(List<Graph> graphs, int threads) {
        Objects.requireNonNull(graphs, "graphs");
        ParallelSymmetricEigen solver = new ParallelSymmetricEigen(ParallelSymmetricEigen.Options.defaults()
                .withThreads(threads).withResiduals(false));
        List<Spectrum> out = new ArrayList<>(graphs.size());
        for (EigenResult r : solver.laplacians(graphs, Normalization.SYMMETRIC)) {
            out.add(of(r));
        }
        return out;
    }

    /** Number of vertices n (and of eigenpairs, unless the spectrum is partial). */
    public int size() {
        return n;
    }

    /** Number of eigenpairs held: n, or k for a partial spectrum. */
    public int pairCount() {
        return pairs;
    }

    /** The Laplacian these are the eigenpairs of ({@link Normalization#SYMMETRIC} unless built otherwise). */
    public Normalization normalization() {
        return normalization;
    }

    /**
     * This spectrum, if it holds at least {@code needed} pairs.
     *
     * @throws IllegalArgumentException naming the encoding, the pairs it needs and the pairs held
     */
    public Spectrum requirePairs(int needed, String encoding) {
        if (needed > pairs) {
            throw new IllegalArgumentException(encoding + " reads " + needed + " eigenpairs of an n = " + n
                    + " graph, but the spectrum holds " + pairs);
        }
        return this;
    }

    /** Eigenvalue k (ascending), k &lt; {@link #pairCount()}. */
    public double value(int k) {
        return values[k];
    }

    /**
     * Entry i of eigenvector k: V[i, k].
     *
     * @throws IndexOutOfBoundsException if k &gt;= {@link #pairCount()}
     */
    public double vector(int i, int k) {
        if (k >= pairs) {
            throw new IndexOutOfBoundsException("eigenvector " + k + " of a spectrum holding " + pairs);
        }
        return vectors[i * pairs + k];
    }

    /** A copy of the eigenvalues. */
    public double[] values() {
        return values.clone();
    }

    /** A copy of V, n x {@link #pairCount()} row-major (column k = eigenvector k). */
    public double[] vectors() {
        return vectors.clone();
    }

    @Override
    public String toString() {
        return "Spectrum[n=" + n + (pairs < n ? ", pairs=" + pairs : "") + ", " + normalization.shortName() + "]";
    }
}
