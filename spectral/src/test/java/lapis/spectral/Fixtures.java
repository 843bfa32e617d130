package lapis.spectral;

import java.util.Arrays;
import java.util.Random;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/** Graphs with known spectra, a dense reference eigensolver and subspace comparison, for the solver tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Graph path(int n) {
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        for (int i = 0; i + 1 < n; i++) {
            b.addEdge(i, i + 1, 1.0);
        }
        return b.build();
    }

    public static Graph cycle(int n) {
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        for (int i = 0; i < n; i++) {
            b.addEdge(i, (i + 1) % n, 1.0);
        }
        return b.build();
    }

    /** The d-dimensional hypercube Q_d: Laplacian eigenvalues 2i with multiplicity C(d, i). */
    public static Graph hypercube(int d) {
        int n = 1 << d;
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        for (int v = 0; v < n; v++) {
            for (int bit = 0; bit < d; bit++) {
                int u = v ^ (1 << bit);
                if (v < u) {
                    b.addEdge(v, u, 1.0);
                }
            }
        }
        return b.build();
    }

    /** The rows x cols grid (4-neighbour), vertex r * cols + c. */
    public static Graph grid(int rows, int cols) {
        GraphBuilder b = new GraphBuilder(rows * cols, GraphOptions.defaults());
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int v = r * cols + c;
                if (c + 1 < cols) {
                    b.addEdge(v, v + 1, 1.0);
                }
                if (r + 1 < rows) {
                    b.addEdge(v, v + cols, 1.0);
                }
            }
        }
        return b.build();
    }

    /** The Petersen graph: Laplacian eigenvalues 0, 2 (x5), 5 (x4). */
    public static Graph petersen() {
        GraphBuilder b = new GraphBuilder(10, GraphOptions.defaults());
        for (int i = 0; i < 5; i++) {
            b.addEdge(i, (i + 1) % 5, 1.0);
            b.addEdge(i, i + 5, 1.0);
            b.addEdge(5 + i, 5 + (i + 2) % 5, 1.0);
        }
        return b.build();
    }

    /** The disjoint union of the graphs, vertices numbered in order. */
    public static Graph union(Graph... parts) {
        int n = Arrays.stream(parts).mapToInt(Graph::vertexCount).sum();
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        int offset = 0;
        for (Graph g : parts) {
            int off = offset;
            g.forEachEdge((u, v, w) -> b.addEdge(u + off, v + off, w));
            offset += g.vertexCount();
        }
        return b.build();
    }

    /** A connected graph with random positive weights: a path plus random chords. */
    public static Graph randomWeighted(int n, int chords, long seed) {
        Random r = new Random(seed);
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        for (int i = 0; i + 1 < n; i++) {
            b.addEdge(i, i + 1, 0.5 + r.nextDouble());
        }
        for (int t = 0; t < chords; t++) {
            int u = r.nextInt(n);
            int v = r.nextInt(n);
            if (u != v) {
                b.addEdge(u, v, 0.1 + r.nextDouble());
            }
        }
        return b.build();
    }

    /** Sorted closed-form grid eigenvalues 4 sin^2(pi i / 2r) + 4 sin^2(pi j / 2c). */
    public static double[] gridSpectrum(int rows, int cols) {
        double[] out = new double[rows * cols];
        int t = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[t++] = 4 * Math.pow(Math.sin(Math.PI * i / (2.0 * rows)), 2)
                        + 4 * Math.pow(Math.sin(Math.PI * j / (2.0 * cols)), 2);
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Dense reference: all eigenpairs of A v = lambda B v (B null for I), ascending, B-orthonormal vectors. */
    public static Dense denseReference(DMatrixRMaj a, DMatrixRMaj b) {
        int n = a.numRows;
        DMatrixRMaj reduced = a.copy();
        DMatrixRMaj linv = null;
        if (b != null) {
            CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
            if (!chol.decompose(b.copy())) {
                throw new IllegalStateException("B not positive definite");
            }
            DMatrixRMaj l = chol.getT(null);
            linv = l.copy();
            CommonOps_DDRM.invert(linv);
            DMatrixRMaj tmp = new DMatrixRMaj(n, n);
            CommonOps_DDRM.mult(linv, a, tmp);
            CommonOps_DDRM.multTransB(tmp, linv, reduced);
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(reduced)) {
            throw new IllegalStateException("dense eigen failed");
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(eig.getEigenvalue(x).real, eig.getEigenvalue(y).real));
        double[] values = new double[n];
        DMatrixRMaj vectors = new DMatrixRMaj(n, n);
        for (int t = 0; t < n; t++) {
            values[t] = eig.getEigenvalue(idx[t]).real;
            DMatrixRMaj v = eig.getEigenVector(idx[t]);
            if (linv != null) {
                DMatrixRMaj w = new DMatrixRMaj(n, 1);
                CommonOps_DDRM.multTransA(linv, v, w);
                v = w;
            }
            double nrm = 0;
            for (int i = 0; i < n; i++) {
                nrm += v.data[i] * v.data[i];
            }
            for (int i = 0; i < n; i++) {
                vectors.set(i, t, v.data[i]);
            }
            if (linv == null) {
                for (int i = 0; i < n; i++) {
                    vectors.set(i, t, v.data[i] / Math.sqrt(nrm));
                }
            }
        }
        return new Dense(values, vectors);
    }

    /** All eigenpairs of a dense problem, eigenvalues ascending. */
    public record Dense(double[] values, DMatrixRMaj vectors) {
        public DMatrixRMaj columns(int from, int to) {
            return CommonOps_DDRM.extract(vectors, 0, vectors.numRows, from, to);
        }
    }

    /**
     * Cosines of the principal angles between span(u) and span(v), both B-orthonormal (b null for I), descending.
     * The smallest one is 1 exactly when the subspaces coincide.
     */
    public static double[] principalCosines(DMatrixRMaj u, DMatrixRMaj v, DMatrixRMaj b) {
        DMatrixRMaj bv = v;
        if (b != null) {
            bv = new DMatrixRMaj(v.numRows, v.numCols);
            CommonOps_DDRM.mult(b, v, bv);
        }
        DMatrixRMaj m = new DMatrixRMaj(u.numCols, v.numCols);
        CommonOps_DDRM.multTransA(u, bv, m);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false,
                false, true);
        if (!svd.decompose(m)) {
            throw new IllegalStateException("svd failed");
        }
        double[] s = svd.getSingularValues().clone();
        Arrays.sort(s);
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[s.length - 1 - i];
        }
        return out;
    }

    /** max_ij |(V^T B V - I)_ij|. */
    public static double orthonormalityError(DMatrixRMaj v, DMatrixRMaj b) {
        DMatrixRMaj bv = v;
        if (b != null) {
            bv = new DMatrixRMaj(v.numRows, v.numCols);
            CommonOps_DDRM.mult(b, v, bv);
        }
        DMatrixRMaj g = new DMatrixRMaj(v.numCols, v.numCols);
        CommonOps_DDRM.multTransA(v, bv, g);
        double worst = 0;
        for (int i = 0; i < g.numRows; i++) {
            for (int j = 0; j < g.numCols; j++) {
                worst = Math.max(worst, Math.abs(g.get(i, j) - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }
}
