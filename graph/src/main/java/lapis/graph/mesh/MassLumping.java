package lapis.graph.mesh;

/**
 * How a triangle's area is shared among its three corners to give the lumped (diagonal) mass matrix M.
 *
 * <p>Both kinds sum to the total area: sum_i M_ii = sum_t area(t).
 */
public enum MassLumping {
    /** Each corner of triangle t gets area(t)/3. */
    BARYCENTRIC,
    /**
     * The mixed Voronoi area of Meyer, Desbrun, Schroeder and Barr, "Discrete differential-geometry operators for
     * triangulated 2-manifolds" (VisMath 2002, published 2003): in a non-obtuse triangle PQR, P gets
     * (|PR|^2 cot Q + |PQ|^2 cot R)/8, the part of the triangle nearer to P than to Q and R; in an obtuse triangle
     * the obtuse corner gets area/2 and the other two area/4 each. This is libigl's default.
     */
    VORONOI
}
