package lapis.graph;

/**
 * Which graph Laplacian to build, as in PyTorch Geometric's {@code get_laplacian(normalization=None|"sym"|"rw")}.
 * With adjacency A (w_ij &gt; 0) and degrees D = diag(A 1):
 * <ul>
 *   <li>{@link #COMBINATORIAL}: L = D - A, spectrum in [0, 2 max deg], null space the component indicators;</li>
 *   <li>{@link #SYMMETRIC}: L = I - D^-1/2 A D^-1/2, spectrum in [0, 2], null space D^1/2 1 per component;</li>
 *   <li>{@link #RANDOM_WALK}: L = I - D^-1 A, not symmetric, same eigenvalues as {@link #SYMMETRIC}.</li>
 * </ul>
 * An isolated vertex has deg^-1/2 = deg^-1 = 0 in the normalised forms, so its row is the unit row (eigenvalue 1).
 */
public enum Normalization {
    COMBINATORIAL("comb"),
    SYMMETRIC("sym"),
    RANDOM_WALK("rw");

    private final String shortName;

    Normalization(String shortName) {
        this.shortName = shortName;
    }

    /** The name used on the command line: comb, sym or rw. */
    public String shortName() {
        return shortName;
    }

    /** True when the matrix is symmetric (combinatorial and symmetric normalised). */
    public boolean isSymmetric() {
        return this != RANDOM_WALK;
    }

    /**
     * This normalization, for a caller that needs a symmetric matrix.
     *
     * @throws IllegalArgumentException for {@link #RANDOM_WALK}, naming {@link #SYMMETRIC} (same eigenvalues,
     *     eigenvectors v_rw = D^-1/2 v_sym) and {@link #COMBINATORIAL} as the symmetric choices
     */
    public Normalization requireSymmetric() {
        if (!isSymmetric()) {
            throw new IllegalArgumentException("the random-walk Laplacian I - D^-1 A is not symmetric; use sym "
                    + "(same eigenvalues, eigenvectors v_rw = D^-1/2 v_sym) or comb");
        }
        return this;
    }

    /**
     * The normalization called {@code name}: a short name (comb, sym, rw) or the constant's name, any case.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Normalization parse(String name) {
        for (Normalization n : values()) {
            if (n.shortName.equalsIgnoreCase(name) || n.name().equalsIgnoreCase(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown Laplacian kind '" + name + "'; expected comb, sym or rw");
    }
}
