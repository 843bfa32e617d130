package lapis.encodings.stability;

import java.util.Objects;
import lapis.encodings.NodeEncoding;
import lapis.encodings.Spectrum;
import lapis.encodings.fixed.LapPe;
import lapis.encodings.learned.Spe;
import lapis.graph.Graph;
import lapis.graph.Permutations;
import lapis.graph.PerturbedGraph;
import lapis.spectral.subspace.Eigenspaces;
import lapis.spectral.subspace.Subspaces;
import org.ejml.data.DMatrixRMaj;

/**
 * How much a node encoding changes when its graph is perturbed with a known node correspondence P: the distance
 * ||PE(G) - P^T PE(G')||_F against the Laplacian change ||L - P^T L' P||_F (methods.md sections 3-4).
 *
 * <p>For LapPE the change is also measured after the best sign per eigenvector and after the best orthogonal map
 * per eigenspace of G (Procrustes; groups by {@link Eigenspaces#of(double[])}), which removes what is mere
 * non-uniqueness of eigenvectors and leaves their instability (Davis-Kahan: O(||dL|| / gap)). For SPE the
 * right-hand side of its stability bound is computed from the model's weights ({@link Spe#stabilityBound}).
 * Every quantity is in evaluation mode (no random sign flips). Cost: two evaluations of the encoding, plus for
 * SPE one eigendecomposition of G' and a forward pass of rho.
 */
public final class EncodingStability {

    /**
     * One graph pair and one encoding.
     *
     * @param laplacianDistance ||L - P^T L' P||_F (the normalisation of the perturbation)
     * @param encodingDistance ||PE(G) - P^T PE(G')||_F
     * @param encodingNorm ||PE(G)||_F, the scale of round-off
     * @param signAlignedDistance LapPE: the distance after the best sign per column of PE(G'); NaN otherwise
     * @param basisAlignedDistance LapPE: after the best orthogonal map per eigenspace of G; NaN otherwise
     * @param eigengap the smallest gap between distinct eigenvalues of G among the ones the encoding reads and the
     *     next one; NaN when they are all equal
     * @param bound SPE: the right-hand side of its stability bound; NaN otherwise
     */
    public record Measurement(double laplacianDistance, double encodingDistance, double encodingNorm,
                              double signAlignedDistance, double basisAlignedDistance, double eigengap,
                              double bound) {

        /** ||dPE|| / ||dL|| (Lipschitz ratio); NaN when ||dL|| = 0. */
        public double ratio() {
            return laplacianDistance > 0 ? encodingDistance / laplacianDistance : Double.NaN;
        }

        /** ||dPE|| / sqrt(||dL||) (the Hoelder-1/2 ratio of the SPE theorem); NaN when ||dL|| = 0. */
        public double sqrtRatio() {
            return laplacianDistance > 0 ? encodingDistance / Math.sqrt(laplacianDistance) : Double.NaN;
        }

        /** ||dPE|| / ||PE(G)||; 0 for a zero encoding that stays zero. */
        public double relativeDistance() {
            return encodingNorm > 0 ? encodingDistance / encodingNorm : encodingDistance == 0 ? 0 : Double.NaN;
        }

        /**
         * Whether the measured distance is within the bound, allowing {@code roundOff} ||PE(G)|| for the precision
         * the encoding was computed in; NaN-safe: false when there is no bound.
         */
        public boolean boundHolds(double roundOff) {
            return encodingDistance <= bound + roundOff * encodingNorm;
        }
    }

    private EncodingStability() {
    }

    /**
     * Measures {@code encoding} on G and on its perturbation.
     *
     * @param spectrum all eigenpairs of L_sym(G) ({@link Spectrum#of(Graph)})
     * @param perturbedSpectrum all eigenpairs of L_sym(G')
     */
    public static Measurement measure(NodeEncoding encoding, Graph graph, Spectrum spectrum, PerturbedGraph perturbed,
                                      Spectrum perturbedSpectrum) {
        Objects.requireNonNull(encoding, "encoding");
        int n = graph.vertexCount();
        int[] p = perturbed.correspondence();
        if (p.length != n || perturbed.graph().vertexCount() != n) {
            throw new IllegalArgumentException("the perturbation has " + perturbed.graph().vertexCount()
                    + " vertices, the graph " + n);
        }
        double[][] a = encoding.evaluate(graph, spectrum);
        double[][] b = encoding.evaluate(perturbed.graph(), perturbedSpectrum);
        double distance = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < a[i].length; c++) {
                double d = a[i][c] - b[p[i]][c];
                distance += d * d;
                norm += a[i][c] * a[i][c];
            }
        }
        int used = encoding.eigenpairsUsed(n);
        double signAligned = Double.NaN;
        double basisAligned = Double.NaN;
        if (encoding instanceof LapPe) {
            DMatrixRMaj va = columns(spectrum, used, null);
            DMatrixRMaj vb = columns(perturbedSpectrum, used, p);
            signAligned = frobeniusDistance(va, Subspaces.alignSigns(vb, va, null));
            basisAligned = frobeniusDistance(va, Subspaces.alignPerEigenspace(vb, va,
                    Eigenspaces.of(firstValues(spectrum, used)), null));
        }
        double bound = Double.NaN;
        if (encoding instanceof Spe spe) {
            Graph aligned = perturbed.graph().relabel(Permutations.inverse(p));
            bound = spe.stabilityBound(graph, aligned, Spectrum.of(aligned), perturbed.laplacianDistance());
        }
        return new Measurement(perturbed.laplacianDistance(), Math.sqrt(distance), Math.sqrt(norm), signAligned,
                basisAligned, smallestGap(spectrum, Math.min(n, used + 1)), bound);
    }

    /** The smallest gap between distinct values (groups of {@link Eigenspaces#of(double[])}) among the first k. */
    static double smallestGap(Spectrum s, int k) {
        double min = Double.NaN;
        for (double g : Eigenspaces.of(firstValues(s, k)).gaps()) {
            min = Double.isNaN(min) ? g : Math.min(min, g);
        }
        return min;
    }

    private static double[] firstValues(Spectrum s, int k) {
        double[] v = new double[k];
        for (int e = 0; e < k; e++) {
            v[e] = s.value(e);
        }
        return v;
    }

    /** The first k eigenvectors as n x k, row i taken from row rows[i] of s (identity when rows is null). */
    private static DMatrixRMaj columns(Spectrum s, int k, int[] rows) {
        int n = s.size();
        DMatrixRMaj m = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            int r = rows == null ? i : rows[i];
            for (int e = 0; e < k; e++) {
                m.set(i, e, s.vector(r, e));
            }
        }
        return m;
    }

    private static double frobeniusDistance(DMatrixRMaj x, DMatrixRMaj y) {
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            double d = x.data[i] - y.data[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
