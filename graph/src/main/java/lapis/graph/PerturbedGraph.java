package lapis.graph;

/**
 * The result of perturbing a graph: the new graph, which vertex of it each original vertex became, and
 * ||L - P^T L' P||_F, the Laplacian change after aligning the new graph back through the known correspondence
 * (the quantity of the stability theorems; 0 for a pure relabelling).
 *
 * @param graph the perturbed graph
 * @param correspondence original vertex i is vertex {@code correspondence[i]} of {@code graph}
 * @param laplacianDistance ||L(G) - P^T L(G') P||_F in the normalization the perturbation was asked for
 */
public record PerturbedGraph(Graph graph, int[] correspondence, double laplacianDistance) {
    public PerturbedGraph {
        correspondence = correspondence.clone();
    }

    @Override
    public int[] correspondence() {
        return correspondence.clone();
    }
}
