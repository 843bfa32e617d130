package lapis.spectral.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import lapis.graph.Graph;
import lapis.graph.MoleculeLikeGraphs;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.spectral.EigenResult;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

class ParallelSymmetricEigenTest {
    private static final List<Graph> GRAPHS = MoleculeLikeGraphs.generate(150, 3);

    private static ParallelSymmetricEigen solver(int threads, int chunk) {
        return new ParallelSymmetricEigen(ParallelSymmetricEigen.Options.defaults().withThreads(threads)
                .withChunkSize(chunk));
    }

    private static void assertIdentical(EigenResult a, EigenResult b, String what) {
        assertArrayEquals(a.eigenvalues(), b.eigenvalues(), 0.0, what);
        assertArrayEquals(a.eigenvectors(null).data, b.eigenvectors(null).data, 0.0, what);
        assertArrayEquals(a.residualNorms(), b.residualNorms(), 0.0, what);
        assertEquals(a.iterations(), b.iterations(), what);
    }

    @Test
    void resultsAreBitIdenticalForEveryThreadCountAndChunkSize() {
        List<EigenResult> reference = solver(1, 64).laplacians(GRAPHS, Normalization.SYMMETRIC);
        assertEquals(GRAPHS.size(), reference.size());
        for (int[] setting : new int[][] {{2, 1}, {2, 7}, {3, 64}, {4, 200}}) {
            List<EigenResult> other = solver(setting[0], setting[1]).laplacians(GRAPHS, Normalization.SYMMETRIC);
            for (int i = 0; i < GRAPHS.size(); i++) {
                assertIdentical(reference.get(i), other.get(i), "graph " + i + " with " + setting[0] + " threads");
            }
        }
    }

    @Test
    void batchResultsAreTheSingleMatrixResults() {
        List<DMatrixRMaj> dense = new ArrayList<>();
        for (Graph g : GRAPHS) {
            dense.add(Laplacian.of(g, Normalization.COMBINATORIAL).toDense());
        }
        List<EigenResult> batch = solver(2, 16).decompose(dense);
        List<EigenResult> fromGraphs = solver(2, 16).laplacians(GRAPHS, Normalization.COMBINATORIAL);
        for (int i = 0; i < dense.size(); i++) {
            EigenResult single = SymmetricEigen.of(dense.get(i));
            assertIdentical(single, batch.get(i), "matrix " + i);
            assertIdentical(single, fromGraphs.get(i), "graph " + i);
            assertTrue(single.maxResidualNorm() < 1e-13, "graph " + i);
        }
    }

    @Test
    void theInputIsReadLazilyInBoundedChunks() {
        AtomicInteger pulled = new AtomicInteger();
        Iterator<Graph> source = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pulled.get() < 10_000;
            }

            @Override
            public Graph next() {
                return GRAPHS.get(pulled.getAndIncrement() % GRAPHS.size());
            }
        };
        Iterator<EigenResult> results = solver(2, 8).laplacians(source, Normalization.SYMMETRIC);
        for (int i = 0; i < 20; i++) {
            EigenResult r = results.next();
            assertEquals(GRAPHS.get(i).vertexCount(), r.count(), "result " + i + " in input order");
        }
        assertTrue(pulled.get() <= 20 + 2 * 2 * 8 + 8, "read " + pulled.get() + " items for 20 results");
    }

    @Test
    void optionsChooseWhatIsComputed() {
        List<EigenResult> valuesOnly = new ParallelSymmetricEigen(ParallelSymmetricEigen.Options.defaults()
                .withThreads(2).withVectors(false)).laplacians(GRAPHS.subList(0, 5), Normalization.SYMMETRIC);
        assertFalse(valuesOnly.get(0).hasVectors());
        assertTrue(Double.isNaN(valuesOnly.get(0).residualNorm(0)));
        List<EigenResult> noResiduals = new ParallelSymmetricEigen(ParallelSymmetricEigen.Options.defaults()
                .withThreads(1).withResiduals(false)).laplacians(GRAPHS.subList(0, 5), Normalization.SYMMETRIC);
        assertTrue(noResiduals.get(0).hasVectors());
        assertArrayEquals(noResiduals.get(3).eigenvalues(), valuesOnly.get(3).eigenvalues(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new ParallelSymmetricEigen.Options(0, true, true, 4));
        assertThrows(IllegalArgumentException.class, () -> new ParallelSymmetricEigen.Options(1, false, true, 4));
        assertThrows(IllegalArgumentException.class, () -> new ParallelSymmetricEigen.Options(1, true, true, 0));
    }

    @Test
    void aBadItemStopsTheBatchNamingItsIndex() {
        Random random = new Random(5);
        List<DMatrixRMaj> matrices = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            matrices.add(RandomMatrices_DDRM.symmetric(6, -1, 1, random));
        }
        matrices.get(23).set(0, 5, 10.0);
        for (int threads : new int[] {1, 2}) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> solver(threads, 4).decompose(matrices));
            assertTrue(ex.getMessage().startsWith("item 23: "), ex.getMessage());
        }
    }

    @Test
    void theRandomWalkLaplacianIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> solver(1, 4).laplacians(GRAPHS, Normalization.RANDOM_WALK));
    }
}
