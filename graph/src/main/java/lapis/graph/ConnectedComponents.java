package lapis.graph;

/**
 * The connected components of a graph, found by breadth-first search in O(n + |E|). Component ids run
 * 0..count-1 in order of their smallest vertex. Immutable.
 */
public final class ConnectedComponents {
    private final int[] componentOf;
    private final int[] sizes;

    private ConnectedComponents(int[] componentOf, int[] sizes) {
        this.componentOf = componentOf;
        this.sizes = sizes;
    }

    /** The components of g. */
    public static ConnectedComponents of(Graph g) {
        int n = g.vertexCount();
        int[] comp = new int[n];
        java.util.Arrays.fill(comp, -1);
        int[] queue = new int[n];
        int[] offsets = g.offsetsView();
        int[] cols = g.columnsView();
        int count = 0;
        int[] sizes = new int[Math.max(1, n)];
        for (int s = 0; s < n; s++) {
            if (comp[s] >= 0) {
                continue;
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = s;
            comp[s] = count;
            while (head < tail) {
                int u = queue[head++];
                for (int k = offsets[u]; k < offsets[u + 1]; k++) {
                    int v = cols[k];
                    if (comp[v] < 0) {
                        comp[v] = count;
                        queue[tail++] = v;
                    }
                }
            }
            sizes[count++] = tail;
        }
        return new ConnectedComponents(comp, java.util.Arrays.copyOf(sizes, count));
    }

    /** Number of components; an isolated vertex is a component of its own. */
    public int count() {
        return sizes.length;
    }

    /** The component id of vertex v. */
    public int componentOf(int v) {
        return componentOf[v];
    }

    /** A copy of the vertex -&gt; component map. */
    public int[] componentMap() {
        return componentOf.clone();
    }

    /** Number of vertices of component c. */
    public int size(int c) {
        return sizes[c];
    }

    /** A copy of the component sizes, indexed by component id. */
    public int[] sizes() {
        return sizes.clone();
    }
}
