package lapis.graph;

/**
 * How a {@link Graph} is built from raw edges.
 *
 * <p>Parallel edges are always merged by summing their weights (the adjacency matrix of a multigraph).
 * Self-loops are refused unless {@code keepSelfLoops}: in most data a loop is an error, and PyTorch Geometric's
 * silent dropping of them hides it. A kept loop of weight w adds w to A_ii and to deg_i, so it cancels in
 * L = D - A and shows only in the normalised Laplacians. Directed input is refused unless {@code symmetrize}, in
 * which case each arc u -&gt; v of weight w contributes the undirected edge {u, v} of weight w (arcs both ways sum).
 *
 * @param keepSelfLoops keep loops u-u instead of rejecting them
 * @param symmetrize accept directed input and read each arc as an undirected edge
 */
public record GraphOptions(boolean keepSelfLoops, boolean symmetrize) {

    /** Reject self-loops and directed input. */
    public static GraphOptions defaults() {
        return new GraphOptions(false, false);
    }

    public GraphOptions withKeepSelfLoops(boolean keep) {
        return new GraphOptions(keep, symmetrize);
    }

    public GraphOptions withSymmetrize(boolean sym) {
        return new GraphOptions(keepSelfLoops, sym);
    }
}
