package lapis.encodings.transform;

import java.util.Objects;
import java.util.SplittableRandom;
import lapis.encodings.GraphData;
import lapis.encodings.GraphTransform;
import lapis.graph.Graph;
import lapis.graph.Normalization;
import lapis.graph.Seeds;
import lapis.spectral.EigenResult;
import lapis.spectral.Spectra;
import org.ejml.data.DMatrixRMaj;

/**
 * PyG's {@code AddLaplacianEigenvectorPE(k, attr_name="laplacian_eigenvector_pe", is_undirected)}: the Laplacian
 * eigenvector positional encoding of Dwivedi et al., "Benchmarking graph neural networks" (2020, arXiv
 * 2003.00982). Node i gets PE[i, c] = s_c v_{c+1}[i], c = 0..k-1: the eigenvectors of the k + 1 smallest
 * eigenvalues of L_sym = I - D^-1/2 A D^-1/2 (by default) with the first, trivial one dropped, as PyG does. The
 * pairs come from {@link Spectra#smallest} (dense below 200 vertices, shift-invert Lanczos above), so the cost is
 * that of k + 1 eigenpairs: O(n^3) small, one sparse Cholesky factorisation plus a few hundred solves large.
 *
 * <p><b>Where this differs from PyG, and why.</b>
 * <ul>
 *   <li>Signs: PyG multiplies each column by a sign from the global torch RNG on every call. Here the default is
 *       the deterministic convention of {@link Spectra} (largest-magnitude entry positive), so a pre-transform is
 *       reproducible; {@link #withRandomSigns(long)} flips signs with a generator seeded by (seed,
 *       {@link GraphData#id()}), the same draw for a sample in any order and on any thread. Per-epoch flips
 *       during training are {@link lapis.encodings.fixed.LapPe}'s job in TRAIN mode.</li>
 *   <li>{@code is_undirected}: a {@link Graph} is always undirected, so the symmetric solvers are always used (PyG's
 *       {@code is_undirected=True}); there is no argument.</li>
 *   <li>Normalization: PyG fixes 'sym'; {@link #withNormalization} also allows the combinatorial L and L_rw (whose
 *       right eigenvectors D^-1/2 v_sym are used).</li>
 *   <li>Small graphs: with n &lt;= k, PyG's eigsh fails; here columns n-1..k-1 are zero, as in LapPE.</li>
 *   <li>Several components: PyG drops the first eigenvector assuming one component. So does this transform, but it
 *       says what remains: with c components the first c - 1 columns are the other components' null vectors
 *       (indicators, D^1/2 1 on a component, normalised; eigenvalue 0), and only then come the non-trivial ones.</li>
 *   <li>Isolated vertices and self-loops follow {@link lapis.graph.Laplacian} (an isolated vertex has a unit row of
 *       L_sym; kept loops count in the degree), not PyG's silent self-loop removal.</li>
 * </ul>
 * Immutable; safe to share between threads.
 */
public final class AddLaplacianEigenvectorPE implements GraphTransform {
    /** PyG's default attribute name. */
    public static final String DEFAULT_ATTR_NAME = "laplacian_eigenvector_pe";

    private final int k;
    private final String attrName;
    private final Normalization normalization;
    private final Spectra.Options options;
    private final boolean randomSigns;
    private final long seed;

    /**
     * k non-trivial eigenvectors into {@value #DEFAULT_ATTR_NAME}, L_sym, fixed signs, {@link Spectra.Options}
     * defaults.
     *
     * @throws IllegalArgumentException if k &lt; 1
     */
    public AddLaplacianEigenvectorPE(int k) {
        this(k, DEFAULT_ATTR_NAME, Normalization.SYMMETRIC, Spectra.Options.defaults(), false, 0);
    }

    private AddLaplacianEigenvectorPE(int k, String attrName, Normalization normalization, Spectra.Options options,
            boolean randomSigns, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("AddLaplacianEigenvectorPE needs k >= 1, got " + k);
        }
        this.k = k;
        this.attrName = attrName;
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.options = Objects.requireNonNull(options, "options");
        this.randomSigns = randomSigns;
        this.seed = seed;
    }

    /** The feature name to write, or null to append the columns to {@link GraphData#X} (PyG's attr_name=None). */
    public AddLaplacianEigenvectorPE withAttrName(String name) {
        return new AddLaplacianEigenvectorPE(k, name, normalization, options, randomSigns, seed);
    }

    /** The Laplacian whose eigenvectors are used (default {@link Normalization#SYMMETRIC}, PyG's 'sym'). */
    public AddLaplacianEigenvectorPE withNormalization(Normalization n) {
        return new AddLaplacianEigenvectorPE(k, attrName, n, options, randomSigns, seed);
    }

    /** The settings of the eigensolver route (dense limit, tolerance, seed). */
    public AddLaplacianEigenvectorPE withOptions(Spectra.Options o) {
        return new AddLaplacianEigenvectorPE(k, attrName, normalization, o, randomSigns, seed);
    }

    /** Random column signs, drawn from a generator seeded by (signSeed, the sample's id), as PyG flips them. */
    public AddLaplacianEigenvectorPE withRandomSigns(long signSeed) {
        return new AddLaplacianEigenvectorPE(k, attrName, normalization, options, true, signSeed);
    }

    /** @throws lapis.spectral.NotConvergedException if the sparse solver does not converge */
    @Override
    public GraphData apply(GraphData data) {
        Graph g = data.graph();
        int n = g.vertexCount();
        DMatrixRMaj pe = new DMatrixRMaj(n, k);
        int pairs = Math.min(n, k + 1);
        if (pairs > 1) {
            EigenResult r = Spectra.smallest(g, normalization, pairs, options).orThrow();
            DMatrixRMaj v = r.eigenvectors(null);
            double[] signs = new double[k];
            SplittableRandom rng = randomSigns ? new SplittableRandom(Seeds.derive(seed, data.id())) : null;
            for (int c = 0; c < k; c++) {
                signs[c] = rng == null || rng.nextBoolean() ? 1 : -1;
            }
            for (int i = 0; i < n; i++) {
                for (int c = 0; c + 1 < pairs; c++) {
                    pe.data[i * k + c] = signs[c] * v.data[i * pairs + c + 1];
                }
            }
        }
        return attrName == null ? data.withAppended(GraphData.X, pe) : data.with(attrName, pe);
    }
}
