package lapis.encodings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import lapis.graph.Graph;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.EigenResult;
import lapis.spectral.dense.ParallelSymmetricEigen;
import lapis.spectral.dense.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;

/**
 * All eigenpairs of the symmetric normalised Laplacian L = I - D^-1/2 A D^-1/2 of one graph, the input of the
 * spectral encodings: eigenvalues ascending in [0, 2] and an orthonormal n x n matrix V whose column k belongs to
 * eigenvalue k, so L = V diag(lambda) V^T. Isolated vertices have a unit row (eigenvalue 1), as in
 * {@link Laplacian}; a graph with c components has c zero eigenvalues.
 *
 * <p>The spectra computed here use the sign convention of {@link SymmetricEigen} (largest-magnitude entry of each
 * column positive) and whatever basis QL gives inside a repeated eigenspace; {@link #of(double[], double[])}
 * accepts any orthonormal V, so tests can feed a sign-flipped or rotated basis. Immutable; arrays are copied in and
 * out. Memory 8 (n^2 + n) bytes.
 */
public final class Spectrum {
    private final int n;
    private final double[] values;
    private final double[] vectors;

    private Spectrum(double[] values, double[] vectors) {
        this.n = values.length;
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
        return new Spectrum(values.clone(), vectors.clone());
    }

    /** The spectrum of an eigendecomposition holding all n pairs with vectors. */
    public static Spectrum of(EigenResult r) {
        Objects.requireNonNull(r, "r");
        DMatrixRMaj v = r.eigenvectors(null);
        if (v.numRows != r.count()) {
            throw new IllegalArgumentException("need all eigenpairs: " + r.count() + " pairs of an n = " + v.numRows
                    + " matrix");
        }
        return new Spectrum(r.eigenvalues(), Arrays.copyOf(v.data, v.numRows * v.numCols));
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

    /** Number of vertices n (and of eigenpairs). */
    public int size() {
        return n;
    }

    /** Eigenvalue k (ascending). */
    public double value(int k) {
        return values[k];
    }

    /** Entry i of eigenvector k: V[i, k]. */
    public double vector(int i, int k) {
        return vectors[i * n + k];
    }

    /** A copy of the eigenvalues. */
    public double[] values() {
        return values.clone();
    }

    /** A copy of V, n x n row-major (column k = eigenvector k). */
    public double[] vectors() {
        return vectors.clone();
    }

    @Override
    public String toString() {
        return "Spectrum[n=" + n + "]";
    }
}
