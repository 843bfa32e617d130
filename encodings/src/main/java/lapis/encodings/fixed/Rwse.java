package lapis.encodings.fixed;

import java.util.Arrays;
import java.util.Objects;
import lapis.encodings.EncodingBatch;
import lapis.encodings.NodeEncoding;
import lapis.graph.Graph;
import lapis.graph.GraphBatch;
import lapis.nn.DType;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * Random-walk structural encoding (RWSE; Dwivedi et al., "Graph neural networks with learnable structural and
 * positional representations", ICLR 2022; PyG's AddRandomWalkPE): node i gets the return probabilities of the
 * simple random walk, PE[i, t - 1] = (P^t)_ii for t = 1..k, P = D^-1 A (edge weights included, a kept self-loop
 * too). An isolated vertex has a zero row of P and so zero return probabilities, as in PyG. Invariant to node
 * order and needs no spectrum: (P^t)_ii = sum_e V[i,e]^2 (1 - lambda_e)^t in terms of the normalised Laplacian,
 * but it is computed directly as M_{t+1} = M_t P with M dense per graph and P sparse. Cost O(k n nnz) per graph;
 * a constant, no parameters.
 */
public final class Rwse implements NodeEncoding {
    private final int steps;
    private final DType dtype;

    /** @throws IllegalArgumentException if steps &lt; 1 */
    public Rwse(int steps, DType dtype) {
        if (steps < 1) {
            throw new IllegalArgumentException("RWSE needs steps >= 1, got " + steps);
        }
        this.steps = steps;
        this.dtype = Objects.requireNonNull(dtype, "dtype");
    }

    @Override
    public int channels() {
        return steps;
    }

    @Override
    public Tensor encode(Tape tape, EncodingBatch batch) {
        GraphBatch gb = batch.graphs();
        Graph all = gb.graph();
        int k = steps;
        double[] out = new double[gb.nodeCount() * k];
        for (int g = 0; g < gb.graphCount(); g++) {
            int base = gb.nodeOffset(g);
            int n = gb.nodeCount(g);
            double[] inverseDegree = new double[n];
            for (int i = 0; i < n; i++) {
                double d = all.weightedDegree(base + i);
                inverseDegree[i] = d > 0 ? 1 / d : 0;
            }
            double[] m = new double[n * n];
            double[] next = new double[n * n];
            for (int i = 0; i < n; i++) {
                m[i * n + i] = 1;
            }
            for (int t = 0; t < k; t++) {
                Arrays.fill(next, 0);
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        double x = m[r * n + c];
                        if (x == 0) {
                            continue;
                        }
                        double scale = x * inverseDegree[c];
                        for (int e = all.rowStart(base + c); e < all.rowStart(base + c + 1); e++) {
                            next[r * n + all.column(e) - base] += scale * all.weight(e);
                        }
                    }
                }
                double[] swap = m;
                m = next;
                next = swap;
                for (int i = 0; i < n; i++) {
                    out[(base + i) * k + t] = m[i * n + i];
                }
            }
        }
        return Tensor.of(dtype, out, gb.nodeCount(), k);
    }
}
