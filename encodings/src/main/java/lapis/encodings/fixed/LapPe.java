package lapis.encodings.fixed;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import lapis.encodings.EncodingBatch;
import lapis.encodings.NodeEncoding;
import lapis.graph.Seeds;
import lapis.encodings.Spectrum;
import lapis.graph.GraphBatch;
import lapis.nn.DType;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * Laplacian eigenvector positional encoding (LapPE; Dwivedi et al., "Benchmarking graph neural networks", 2020):
 * node i of a graph gets row i of the first d eigenvectors of its symmetric normalised Laplacian,
 * PE[i, k] = s_k V[i, k] for k = 0..d-1.
 *
 * <p><b>Input.</b> The {@link Spectrum} of each graph needs only its min(n, d) smallest pairs, of any
 * normalization: a full dense spectrum ({@link Spectrum#of(Graph)}) or the k pairs of a sparse solve
 * ({@link Spectrum#of(Graph, lapis.graph.Normalization, int)}), which give the same encoding up to the sign of each
 * column and the basis inside a repeated eigenvalue. A spectrum with fewer pairs is refused.
 *
 * <p><b>Which eigenvectors.</b> The d eigenvectors of the d smallest eigenvalues, the first one included: nothing
 * is dropped (PyG's AddLaplacianEigenvectorPE drops the first, assuming one component; the SPE peer keeps it, as
 * here). For a connected graph column 0 is the trivial D^1/2 1 / ||D^1/2 1|| (eigenvalue 0); a graph with c
 * components has c zero eigenvalues and the first c columns are some orthonormal basis of its null space. Graphs
 * with n &lt; d vertices get zeros in columns n..d-1.
 *
 * <p><b>Signs.</b> Eigenvectors are only defined up to sign (and up to a basis of a repeated eigenspace, which
 * LapPE does not address: its output changes under a rotation inside an eigenspace). In {@link Tape.Mode#TRAIN}
 * every column of every graph is multiplied by a random sign s_k = +-1 drawn from a generator seeded by
 * (seed, epoch, sample id), so the network learns to be sign-invariant and a run is reproducible; in EVAL s_k = 1
 * (the {@link Spectrum}'s sign convention). Cost O(N d) per batch; a constant, no parameters.
 */
public final class LapPe implements NodeEncoding {
    private final int dimension;
    private final DType dtype;
    private final long seed;

    /** @throws IllegalArgumentException if dimension &lt; 1 */
    public LapPe(int dimension, DType dtype, long seed) {
        if (dimension < 1) {
            throw new IllegalArgumentException("LapPE needs dimension >= 1, got " + dimension);
        }
        this.dimension = dimension;
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.seed = seed;
    }

    @Override
    public int channels() {
        return dimension;
    }

    @Override
    public int eigenpairsUsed(int n) {
        return Math.min(n, dimension);
    }

    @Override
    public Tensor encode(Tape tape, EncodingBatch batch) {
        GraphBatch gb = batch.graphs();
        int d = dimension;
        double[] out = new double[gb.nodeCount() * d];
        double[] signs = new double[d];
        for (int g = 0; g < gb.graphCount(); g++) {
            Spectrum s = batch.spectrum(g);
            int n = s.size();
            int k = Math.min(n, d);
            s.requirePairs(k, "LapPE(" + d + ")");
            if (tape.training()) {
                SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, batch.epoch(), batch.sampleId(g)));
                for (int e = 0; e < d; e++) {
                    signs[e] = rng.nextBoolean() ? 1 : -1;
                }
            } else {
                Arrays.fill(signs, 1);
            }
            int base = gb.nodeOffset(g);
            for (int i = 0; i < n; i++) {
                for (int e = 0; e < k; e++) {
                    out[(base + i) * d + e] = signs[e] * s.vector(i, e);
                }
            }
        }
        return Tensor.of(dtype, out, gb.nodeCount(), d);
    }
}
