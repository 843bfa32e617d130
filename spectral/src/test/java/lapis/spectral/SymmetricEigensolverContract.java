package lapis.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import lapis.graph.ConnectedComponents;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;
import lapis.graph.KnownSpectra;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.graph.SymmetricSparseMatrix;
import lapis.spectral.op.LaplacianOperator;
import lapis.spectral.op.SparseMatrixOperator;
import lapis.spectral.subspace.Eigenspaces;
import lapis.spectral.subspace.Subspaces;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every symmetric eigensolver owes, run on the dense solver and on both sparse solvers.
 *
 * <p>On the closed-form spectra of {@link KnownSpectra}: eigenvalues ascending and equal to the closed form,
 * honest residuals (the reported ||A v - lambda v|| is the true one), orthonormal eigenvectors, the null space
 * spanned by the closed-form component vectors, and the closed-form multiplicities; iterative solvers may ask for
 * fewer than n pairs ({@link #wanted}) and state their accuracy ({@link #tolerance}).
 *
 * <p>On the hand-built {@link Fixtures}, for the k smallest pairs at tolerance {@link #TOL}: closed-form spectra,
 * full multiplicities compared by subspace with a dense reference, and, for {@link #iterative} solvers,
 * null-space deflation, the generalised problem, flagged non-convergence and argument checks (skipped, and
 * reported as skipped, for a direct solver).
 */
public abstract class SymmetricEigensolverContract {
    protected static final double TOL = 1e-10;

    /** The solver under test with tolerance TOL that deflates the given null space (may be null). */
    protected abstract SymmetricEigensolver solver(DMatrixRMaj nullSpace);

    /**
     * Whether the solver is iterative: it deflates a null space exactly (eigenvalue 0, the given vectors), solves
     * A v = lambda B v, stops at {@link #limited} iterations and checks its arguments. True by default.
     */
    protected boolean iterative() {
        return true;
    }

    /** The solver under test stopped after the given number of iterations (only called when iterative). */
    protected SymmetricEigensolver limited(int maxIterations) {
        throw new UnsupportedOperationException("a direct solver has no iteration limit");
    }

    /** The operator the solver is given for a Laplacian; matrix-free y = L x by default. */
    protected SymmetricOperator operator(Laplacian l) {
        return SymmetricOperator.of(l.size(), l::multiply);
    }

    /** How many pairs to ask for on an n x n problem; all n by default. */
    protected int wanted(int n) {
        return n;
    }

    /** Accuracy relative to ||A||_2 expected of eigenvalues and residuals; 1e-10 by default. */
    protected double tolerance() {
        return 1e-10;
    }

    static Stream<KnownSpectra.Case> cases() {
        return KnownSpectra.all().stream();
    }

    private SymmetricOperator operator(KnownSpectra.Case c) {
        return operator(Laplacian.of(c.graph(), c.normalization()));
    }

    private static double norm(KnownSpectra.Case c) {
        return Math.max(1.0, Arrays.stream(c.eigenvalues()).map(Math::abs).max().orElse(0));
    }

    private EigenResult solve(KnownSpectra.Case c) {
        int k = wanted(c.graph().vertexCount());
        EigenResult r = solver(null).smallest(operator(c), null, k);
        assertEquals(k, r.count(), "number of pairs returned");
        assertTrue(r.converged(), "converged flag");
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lapis.spectral.SymmetricEigensolverContract#cases")
    void eigenvaluesAreAscendingAndMatchTheClosedForm(KnownSpectra.Case c) {
        EigenResult r = solve(c);
        double tol = tolerance() * norm(c);
        for (int i = 0; i < r.count(); i++) {
            assertEquals(c.eigenvalues()[i], r.eigenvalue(i), tol, "eigenvalue " + i);
            if (i > 0) {
                assertTrue(r.eigenvalue(i) >= r.eigenvalue(i - 1), "ascending at " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lapis.spectral.SymmetricEigensolverContract#cases")
    void reportedResidualsAreTheTrueOnesAndSmall(KnownSpectra.Case c) {
        EigenResult r = solve(c);
        DMatrixRMaj a = Laplacian.of(c.graph(), c.normalization()).toDense();
        DMatrixRMaj v = r.eigenvectors(null);
        DMatrixRMaj av = new DMatrixRMaj(v.numRows, v.numCols);
        CommonOps_DDRM.mult(a, v, av);
        double tol = tolerance() * norm(c);
        for (int k = 0; k < r.count(); k++) {
            double s = 0;
            for (int i = 0; i < v.numRows; i++) {
                double x = av.get(i, k) - r.eigenvalue(k) * v.get(i, k);
                s += x * x;
            }
            double trueResidual = Math.sqrt(s);
            assertTrue(trueResidual <= tol, "residual of pair " + k + ": " + trueResidual);
            assertEquals(trueResidual, r.residualNorm(k), 1e-3 * tol, "reported residual of pair " + k);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lapis.spectral.SymmetricEigensolverContract#cases")
    void eigenvectorsAreOrthonormal(KnownSpectra.Case c) {
        EigenResult r = solve(c);
        DMatrixRMaj v = r.eigenvectors(null);
        DMatrixRMaj g = new DMatrixRMaj(v.numCols, v.numCols);
        CommonOps_DDRM.multTransA(v, v, g);
        CommonOps_DDRM.subtractEquals(g, CommonOps_DDRM.identity(v.numCols));
        assertTrue(CommonOps_DDRM.elementMaxAbs(g) <= tolerance(), "max |V^T V - I| = "
                + CommonOps_DDRM.elementMaxAbs(g));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lapis.spectral.SymmetricEigensolverContract#cases")
    void zeroEigenvectorsSpanTheClosedFormNullSpace(KnownSpectra.Case c) {
        Laplacian l = Laplacian.of(c.graph(), c.normalization());
        DMatrixRMaj nullSpace = l.nullSpace(ConnectedComponents.of(c.graph()));
        int zeros = nullSpace.numCols;
        if (wanted(l.size()) < zeros) {
            return;
        }
        EigenResult r = solve(c);
        DMatrixRMaj v = CommonOps_DDRM.extract(r.eigenvectors(null), 0, l.size(), 0, zeros);
        double[] angles = Subspaces.principalAngles(v, nullSpace);
        assertEquals(zeros, angles.length);
        assertTrue(angles[zeros - 1] <= 1e3 * tolerance(), "largest angle to the null space " + angles[zeros - 1]);
        if (zeros < r.count()) {
            assertTrue(r.eigenvalue(zeros) > 10 * tolerance() * norm(c), "eigenvalue " + zeros
                    + " should be off zero: " + r.eigenvalue(zeros));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lapis.spectral.SymmetricEigensolverContract#cases")
    void multiplicitiesMatchTheClosedForm(KnownSpectra.Case c) {
        EigenResult r = solve(c);
        Eigenspaces exact = Eigenspaces.of(c.eigenvalues(), 1e-9, 1e-9);
        Eigenspaces computed = Eigenspaces.of(r.eigenvalues());
        int complete = 0;
        while (complete < exact.count() && exact.group(complete).end() <= r.count()) {
            complete++;
        }
        int[] expected = Arrays.copyOf(exact.multiplicities(), complete);
        int[] found = Arrays.copyOf(computed.multiplicities(), complete);
        assertArrayEquals(expected, found, "multiplicities of " + exact + " vs " + computed);
    }

    protected static LaplacianOperator op(Graph g, Normalization kind) {
        return LaplacianOperator.of(Laplacian.of(g, kind));
    }

    protected static DMatrixRMaj nullSpace(Graph g, Normalization kind) {
        return Laplacian.of(g, kind).nullSpace(ConnectedComponents.of(g));
    }

    /** Converged, k ascending pairs, every residual honest and within tol ||A||_inf, B-orthonormal vectors. */
    protected static void assertSound(EigenResult r, SymmetricSparseMatrix a, SymmetricSparseMatrix b, int k) {
        assertTrue(r.converged(), r.solver());
        assertEquals(k, r.count());
        DMatrixRMaj v = r.eigenvectors(null);
        DMatrixRMaj av = a.multiply(v, null);
        DMatrixRMaj bv = b == null ? v : b.multiply(v, null);
        double scale = a.normInf();
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int row = 0; row < v.numRows; row++) {
                double d = av.get(row, i) - r.eigenvalue(i) * bv.get(row, i);
                s += d * d;
            }
            assertEquals(Math.sqrt(s), r.residualNorm(i), 1e-12 * scale + 1e-6 * Math.sqrt(s), "reported residual");
            assertTrue(Math.sqrt(s) <= TOL * scale * 1.0001, "residual " + Math.sqrt(s) + " of pair " + i);
            if (i > 0) {
                assertTrue(r.eigenvalue(i) >= r.eigenvalue(i - 1));
            }
        }
        assertTrue(Fixtures.orthonormalityError(v, b == null ? null : b.toDense()) < 1e-9,
                "B-orthonormality " + Fixtures.orthonormalityError(v, b == null ? null : b.toDense()));
    }

    /** The computed k vectors span the dense reference's first k eigenvectors (k ends a cluster). */
    protected static void assertSameSubspace(EigenResult r, Fixtures.Dense ref, int k, DMatrixRMaj b) {
        double[] cos = Fixtures.principalCosines(r.eigenvectors(null), ref.columns(0, k), b);
        assertTrue(cos[cos.length - 1] > 1 - 1e-8, "smallest principal cosine " + cos[cos.length - 1]);
        for (int i = 0; i < k; i++) {
            assertEquals(ref.values()[i], r.eigenvalue(i), 1e-9 * Math.max(1, Math.abs(ref.values()[i])));
        }
    }

    @Test
    void pathMatchesClosedForm() {
        int n = 50;
        Graph g = Fixtures.path(n);
        EigenResult r = solver(nullSpace(g, Normalization.COMBINATORIAL)).smallest(
                op(g, Normalization.COMBINATORIAL), null, 8);
        assertSound(r, SymmetricSparseMatrix.of(Laplacian.of(g, Normalization.COMBINATORIAL)), null, 8);
        for (int j = 0; j < 8; j++) {
            assertEquals(2 - 2 * Math.cos(Math.PI * j / n), r.eigenvalue(j), 1e-12);
        }
    }

    @Test
    void cycleDoubleEigenvaluesComeOutAsWholeEigenspaces() {
        int n = 40;
        Graph g = Fixtures.cycle(n);
        Laplacian l = Laplacian.of(g, Normalization.COMBINATORIAL);
        EigenResult r = solver(nullSpace(g, Normalization.COMBINATORIAL)).smallest(LaplacianOperator.of(l), null,
                7);
        assertSound(r, SymmetricSparseMatrix.of(l), null, 7);
        for (int j = 1; j <= 3; j++) {
            double exact = 2 - 2 * Math.cos(2 * Math.PI * j / n);
            assertEquals(exact, r.eigenvalue(2 * j - 1), 1e-12);
            assertEquals(exact, r.eigenvalue(2 * j), 1e-12);
        }
        assertSameSubspace(r, Fixtures.denseReference(l.toDense(), null), 7, null);
    }

    /** Q_5 and Q_6: eigenvalues 0, 2 and 4 with multiplicities 1, d and C(d, 2). */
    @ParameterizedTest(name = "Q_{0}")
    @ValueSource(ints = {5, 6})
    void hypercubeHasBinomialMultiplicities(int d) {
        Graph g = Fixtures.hypercube(d);
        Laplacian l = Laplacian.of(g, Normalization.COMBINATORIAL);
        int k = 1 + d + d * (d - 1) / 2;
        EigenResult r = solver(nullSpace(g, Normalization.COMBINATORIAL)).smallest(LaplacianOperator.of(l), null,
                k);
        assertSound(r, SymmetricSparseMatrix.of(l), null, k);
        for (int i = 0; i < k; i++) {
            assertEquals(i == 0 ? 0 : i <= d ? 2 : 4, r.eigenvalue(i), 1e-10, "eigenvalue " + i);
        }
        assertSameSubspace(r, Fixtures.denseReference(l.toDense(), null), k, null);
    }

    @Test
    void gridMatchesClosedForm() {
        Graph g = Fixtures.grid(12, 9);
        Laplacian l = Laplacian.of(g, Normalization.COMBINATORIAL);
        EigenResult r = solver(nullSpace(g, Normalization.COMBINATORIAL)).smallest(LaplacianOperator.of(l), null,
                10);
        assertSound(r, SymmetricSparseMatrix.of(l), null, 10);
        double[] exact = Fixtures.gridSpectrum(12, 9);
        for (int i = 0; i < 10; i++) {
            assertEquals(exact[i], r.eigenvalue(i), 1e-12);
        }
    }

    @Test
    void petersenSpectrum() {
        Graph g = Fixtures.petersen();
        Laplacian l = Laplacian.of(g, Normalization.COMBINATORIAL);
        EigenResult r = solver(nullSpace(g, Normalization.COMBINATORIAL)).smallest(LaplacianOperator.of(l), null,
                6);
        assertSound(r, SymmetricSparseMatrix.of(l), null, 6);
        assertEquals(0, r.eigenvalue(0), 1e-12);
        for (int i = 1; i < 6; i++) {
            assertEquals(2, r.eigenvalue(i), 1e-10);
        }
        assertSameSubspace(r, Fixtures.denseReference(l.toDense(), null), 6, null);
    }

    @Test
    void disconnectedUnionDeflatesOneZeroPerComponent() {
        assumeTrue(iterative(), "exact zeros need deflation");
        Graph g = Fixtures.union(Fixtures.path(10), Fixtures.cycle(12), Fixtures.petersen());
        Laplacian l = Laplacian.of(g, Normalization.COMBINATORIAL);
        DMatrixRMaj z = nullSpace(g, Normalization.COMBINATORIAL);
        assertEquals(3, z.numCols);
        EigenResult r = solver(z).smallest(LaplacianOperator.of(l), null, 6);
        assertSound(r, SymmetricSparseMatrix.of(l), null, 6);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, r.eigenvalue(i), 0.0);
        }
        DMatrixRMaj first = CommonOps_DDRM.extract(r.eigenvectors(null), 0, g.vertexCount(), 0, 3);
        double[] cos = Fixtures.principalCosines(first, z, null);
        assertTrue(cos[2] > 1 - 1e-12);
        Fixtures.Dense ref = Fixtures.denseReference(l.toDense(), null);
        for (int i = 3; i < 6; i++) {
            assertEquals(ref.values()[i], r.eigenvalue(i), 1e-10);
        }
        assertEquals(2 - 2 * Math.cos(Math.PI / 10), r.eigenvalue(3), 1e-12);
    }

    @Test
    void isolatedVertexCombinatorialIsAnotherZero() {
        assumeTrue(iterative(), "exact zeros need deflation");
        Graph g = Fixtures.union(Fixtures.path(8), new GraphBuilder(1, GraphOptions.defaults()).build());
        Laplacian l = Laplacian.of(g, Normalization.COMBINATORIAL);
        DMatrixRMaj z = nullSpace(g, Normalization.COMBINATORIAL);
        assertEquals(2, z.numCols);
        EigenResult r = solver(z).smallest(LaplacianOperator.of(l), null, 4);
        assertSound(r, SymmetricSparseMatrix.of(l), null, 4);
        assertEquals(0, r.eigenvalue(1), 0.0);
        assertEquals(2 - 2 * Math.cos(Math.PI / 8), r.eigenvalue(2), 1e-12);
        assertEquals(2 - 2 * Math.cos(2 * Math.PI / 8), r.eigenvalue(3), 1e-12);
    }

    @Test
    void isolatedVertexSymmetricNormalisedHasEigenvalueOne() {
        Graph g = Fixtures.union(Fixtures.cycle(6), new GraphBuilder(1, GraphOptions.defaults()).build());
        Laplacian l = Laplacian.of(g, Normalization.SYMMETRIC);
        DMatrixRMaj z = nullSpace(g, Normalization.SYMMETRIC);
        assertEquals(1, z.numCols);
        EigenResult r = solver(z).smallest(LaplacianOperator.of(l), null, 4);
        assertSound(r, SymmetricSparseMatrix.of(l), null, 4);
        double[] expected = {0, 0.5, 0.5, 1};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], r.eigenvalue(i), 1e-10);
        }
        assertSameSubspace(r, Fixtures.denseReference(l.toDense(), null), 4, null);
    }

    @Test
    void normalisedLaplacianOfWeightedGraphAgreesWithDense() {
        Graph g = Fixtures.randomWeighted(120, 200, 7);
        Laplacian l = Laplacian.of(g, Normalization.SYMMETRIC);
        EigenResult r = solver(nullSpace(g, Normalization.SYMMETRIC)).smallest(LaplacianOperator.of(l), null, 9);
        assertSound(r, SymmetricSparseMatrix.of(l), null, 9);
        assertSameSubspace(r, Fixtures.denseReference(l.toDense(), null), 9, null);
    }

    @Test
    void withoutDeflationTheZeroIsComputed() {
        Graph g = Fixtures.path(30);
        Laplacian l = Laplacian.of(g, Normalization.COMBINATORIAL);
        EigenResult r = solver(null).smallest(LaplacianOperator.of(l), null, 4);
        assertSound(r, SymmetricSparseMatrix.of(l), null, 4);
        assertEquals(0, r.eigenvalue(0), 1e-12);
        assertEquals(2 - 2 * Math.cos(Math.PI / 30), r.eigenvalue(1), 1e-12);
    }

    @Test
    void generalisedProblemWithLumpedMassMatchesDenseReduction() {
        assumeTrue(iterative(), "A v = lambda B v");
        Graph g = Fixtures.grid(9, 7);
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(Laplacian.of(g, Normalization.COMBINATORIAL));
        double[] d = new double[g.vertexCount()];
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < d.length; i++) {
            d[i] = 0.5 + 1.5 * rnd.nextDouble();
        }
        SymmetricSparseMatrix mass = SymmetricSparseMatrix.diagonal(d);
        DMatrixRMaj z = new DMatrixRMaj(g.vertexCount(), 1);
        CommonOps_DDRM.fill(z, 1.0);
        EigenResult r = solver(z).smallest(SparseMatrixOperator.of(a), SparseMatrixOperator.of(mass), 7);
        assertSound(r, a, mass, 7);
        Fixtures.Dense ref = Fixtures.denseReference(a.toDense(), mass.toDense());
        assertSameSubspace(r, ref, 7, mass.toDense());
    }

    @Test
    void generalisedProblemWithSparseSpdMassMatchesDenseReduction() {
        assumeTrue(iterative(), "A v = lambda B v");
        Graph g = Fixtures.randomWeighted(80, 60, 11);
        SymmetricSparseMatrix a = SymmetricSparseMatrix.of(Laplacian.of(g, Normalization.COMBINATORIAL));
        SymmetricSparseMatrix adjacency = SymmetricSparseMatrix.identity(80).plus(-1,
                SymmetricSparseMatrix.of(Laplacian.of(g, Normalization.SYMMETRIC)));
        SymmetricSparseMatrix mass = SymmetricSparseMatrix.identity(80).plus(0.3, adjacency);
        EigenResult r = solver(null).smallest(SparseMatrixOperator.of(a), SparseMatrixOperator.of(mass), 6);
        assertSound(r, a, mass, 6);
        assertSameSubspace(r, Fixtures.denseReference(a.toDense(), mass.toDense()), 6, mass.toDense());
    }

    @Test
    void iterationLimitFlagsTheResultAndOrThrowCarriesIt() {
        assumeTrue(iterative(), "an iteration limit");
        Graph g = Fixtures.grid(30, 30);
        EigenResult r = limited(1).smallest(op(g, Normalization.COMBINATORIAL), null, 12);
        assertFalse(r.converged());
        assertEquals(12, r.count());
        assertTrue(r.maxResidualNorm() > TOL * 8);
        NotConvergedException e = assertThrows(NotConvergedException.class, r::orThrow);
        assertSame(r, e.partial());
        assertFalse(e.partial().converged());
    }

    @Test
    void tinyGraphsAndFullSpectraAreExact() {
        Graph single = new GraphBuilder(1, GraphOptions.defaults()).build();
        for (DMatrixRMaj z : new DMatrixRMaj[] {null, nullSpace(single, Normalization.COMBINATORIAL)}) {
            EigenResult r = solver(z).smallest(op(single, Normalization.COMBINATORIAL), null, 1);
            assertTrue(r.converged());
            assertEquals(0, r.eigenvalue(0), 0.0);
            assertEquals(0, r.residualNorm(0), 0.0);
        }
        Graph isolated = new GraphBuilder(3, GraphOptions.defaults()).build();
        EigenResult none = solver(nullSpace(isolated, Normalization.COMBINATORIAL)).smallest(
                op(isolated, Normalization.COMBINATORIAL), null, 3);
        assertArrayEqualsZero(none.eigenvalues());
        Graph p5 = Fixtures.path(5);
        EigenResult all = solver(null).smallest(op(p5, Normalization.COMBINATORIAL), null, 5);
        assertSound(all, SymmetricSparseMatrix.of(Laplacian.of(p5, Normalization.COMBINATORIAL)), null, 5);
        for (int j = 0; j < 5; j++) {
            assertEquals(2 - 2 * Math.cos(Math.PI * j / 5), all.eigenvalue(j), 1e-13);
        }
    }

    private static void assertArrayEqualsZero(double[] values) {
        for (double v : values) {
            assertEquals(0.0, v, 0.0);
        }
    }

    @Test
    void completeGraphHasOneEigenvalueOfMultiplicityNMinusOne() {
        int n = 12;
        GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                b.addEdge(i, j, 1.0);
            }
        }
        Graph g = b.build();
        Laplacian l = Laplacian.of(g, Normalization.COMBINATORIAL);
        EigenResult r = solver(nullSpace(g, Normalization.COMBINATORIAL)).smallest(LaplacianOperator.of(l), null, n);
        assertSound(r, SymmetricSparseMatrix.of(l), null, n);
        for (int i = 1; i < n; i++) {
            assertEquals(n, r.eigenvalue(i), 1e-12);
        }
    }

    @Test
    void rejectsBadArguments() {
        assumeTrue(iterative(), "the SymmetricEigensolver argument checks");
        Graph g = Fixtures.path(10);
        LaplacianOperator a = op(g, Normalization.COMBINATORIAL);
        assertThrows(IllegalArgumentException.class, () -> solver(null).smallest(a, null, 0));
        assertThrows(IllegalArgumentException.class, () -> solver(null).smallest(a, null, 11));
        DMatrixRMaj notNull = new DMatrixRMaj(10, 1);
        notNull.set(0, 0, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> solver(notNull).smallest(a, null, 3));
        assertTrue(e.getMessage().contains("not a null vector"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> solver(null).smallest(a, SparseMatrixOperator.of(SymmetricSparseMatrix.identity(9)), 3));
    }
}
