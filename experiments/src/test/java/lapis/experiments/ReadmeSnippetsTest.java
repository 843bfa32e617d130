package lapis.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lapis.encodings.GraphData;
import lapis.encodings.GraphTransform;
import lapis.encodings.transform.AddLaplacianEigenvectorPE;
import lapis.encodings.transform.AddRandomWalkPE;
import lapis.graph.ConnectedComponents;
import lapis.graph.Graph;
import lapis.graph.GraphOptions;
import lapis.graph.IndexedGraph;
import lapis.graph.JGraphTGraphs;
import lapis.graph.Laplacian;
import lapis.graph.MoleculeLikeGraphs;
import lapis.graph.Normalization;
import lapis.graph.io.GraphReader;
import lapis.spectral.EigenResult;
import lapis.spectral.Spectra;
import lapis.spectral.dense.ParallelSymmetricEigen;
import lapis.spectral.dense.SymmetricEigen;
import lapis.spectral.op.LaplacianOperator;
import lapis.spectral.sparse.ThickRestartLanczos;
import lapis.spectral.subspace.Eigenspaces;
import lapis.spectral.subspace.Subspaces;
import org.ejml.data.DMatrixRMaj;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets, compiled and run here so that a renamed method breaks the build, not the reader: each
 * {@code java} block of README.md must equal one region between a "snippet" and an "end snippet" comment of this
 * file (indentation removed), and every region runs on a small graph with answers checked.
 */
class ReadmeSnippetsTest {
    /** The module's tests run in the repository root (see its pom), where the README's paths hold. */
    private static final Path README = Path.of("README.md");
    private static final Path SELF = Path.of("experiments", "src", "test", "java", "lapis", "experiments",
            "ReadmeSnippetsTest.java");

    @Test
    void everyJavaBlockOfTheReadmeIsASnippetOfThisFile() throws IOException {
        List<String> readme = blocks(Files.readAllLines(README), "```java", "```");
        List<String> regions = blocks(Files.readAllLines(SELF), "// snippet", "// end snippet");
        assertTrue(readme.size() >= 2, "README java blocks: " + readme.size());
        for (String block : readme) {
            assertTrue(regions.contains(block), "README block not compiled by ReadmeSnippetsTest:\n" + block);
        }
    }

    @Test
    void graphsAndLaplacians() throws IOException {
        org.jgrapht.Graph<String, DefaultEdge> jgraphtGraph = new SimpleGraph<>(DefaultEdge.class);
        for (String v : List.of("a", "b", "c", "d")) {
            jgraphtGraph.addVertex(v);
        }
        jgraphtGraph.addEdge("a", "b");
        jgraphtGraph.addEdge("c", "d");
        double[] x = {1, 1, 1, 1};
        double[] y = new double[4];
        // snippet
        IndexedGraph<String> g = JGraphTGraphs.fromJGraphT(jgraphtGraph, GraphOptions.defaults());
        Graph h = Graph.fromEdges(4, new int[] {0, 1, 2}, new int[] {1, 2, 3}, null, GraphOptions.defaults());
        IndexedGraph<String> f = new GraphReader(GraphOptions.defaults()).read(Path.of("examples/karate.edges"), null);

        Laplacian l = Laplacian.of(g.graph(), Normalization.SYMMETRIC);   // COMBINATORIAL, SYMMETRIC, RANDOM_WALK
        l.multiply(x, y);                                                  // y = L x, O(nnz); blocks: multiply(X, Y)
        DMatrixRMaj dense = l.toDense();                                   // small graphs
        DMatrixRMaj nullSpace = l.nullSpace(ConnectedComponents.of(g.graph()));   // closed form, one column per component
        // end snippet
        assertEquals(3, h.edgeCount());
        assertEquals(34, f.graph().vertexCount(), "Zachary's karate club");
        assertEquals(2, nullSpace.numCols, "two components, two null vectors");
        for (int i = 0; i < 4; i++) {
            assertEquals(0, y[i], 1e-15, "L_sym 1 = 0 on a graph whose components are regular");
            assertEquals(1.0, dense.get(i, i), 1e-15);
        }
    }

    @Test
    void eigensolvers() {
        int n = 60;
        int[] from = new int[n];
        int[] to = new int[n];
        for (int i = 0; i < n; i++) {
            from[i] = i;
            to[i] = (i + 1) % n;
        }
        Graph g = Graph.fromEdges(n, from, to, null, GraphOptions.defaults());
        Laplacian laplacian = Laplacian.of(g, Normalization.COMBINATORIAL);
        List<Graph> graphs = MoleculeLikeGraphs.generate(20, 1);
        DMatrixRMaj v1 = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {0, 0}});
        DMatrixRMaj v2 = new DMatrixRMaj(new double[][] {{0.6, 0.8}, {-0.8, 0.6}, {0, 0}});
        // snippet
        EigenResult all = SymmetricEigen.of(laplacian.toDense());                  // dense: all pairs, n up to ~1000s
        List<EigenResult> batch = new ParallelSymmetricEigen(ParallelSymmetricEigen.Options.defaults())
                .laplacians(graphs, Normalization.SYMMETRIC);                      // thousands of molecules, streaming
        EigenResult low = new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withTolerance(1e-10)
                .withNullSpace(laplacian.nullSpace(ConnectedComponents.of(g))))
                .smallest(LaplacianOperator.of(laplacian), null, 20).orThrow();     // k smallest, sparse
        Eigenspaces spaces = Eigenspaces.of(low);                                  // multiplicities and gaps
        double[] angles = Subspaces.principalAngles(v1, v2);                       // compare by subspace, never by vector
        // end snippet
        for (int k = 0; k < 20; k++) {
            double exact = 2 - 2 * Math.cos(2 * Math.PI * ((k + 1) / 2) / n);   // the cycle: 0, then pairs
            assertEquals(exact, low.eigenvalue(k), 1e-9, "eigenvalue " + k);
            assertEquals(exact, all.eigenvalue(k), 1e-12, "eigenvalue " + k);
        }
        assertEquals(1, spaces.group(0).multiplicity());
        assertEquals(2, spaces.group(1).multiplicity(), "the cycle's eigenvalues are double");
        assertEquals(20, batch.size());
        assertEquals(0, angles[angles.length - 1], 1e-12, "a rotation inside the plane is the same plane");
    }

    @Test
    void fromAGraphToAnEncoding() {
        int side = 12;
        int n = side * side;
        java.util.List<Integer> us = new ArrayList<>();
        java.util.List<Integer> vs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % side + 1 < side) {
                us.add(i);
                vs.add(i + 1);
            }
            if (i + side < n) {
                us.add(i);
                vs.add(i + side);
            }
        }
        int[] u = us.stream().mapToInt(Integer::intValue).toArray();
        int[] v = vs.stream().mapToInt(Integer::intValue).toArray();
        // snippet
        Graph g = Graph.fromEdges(n, u, v, null, GraphOptions.defaults());            // a 316 x 316 grid: n = 99,856
        EigenResult r = Spectra.smallest(g, Normalization.SYMMETRIC, 8).orThrow();      // eigenvalues, vectors, residuals
        GraphTransform pe = new AddLaplacianEigenvectorPE(8).then(new AddRandomWalkPE(16));
        GraphData out = pe.apply(GraphData.of(g));                                       // n x 8 and n x 16 node features
        DMatrixRMaj lap = out.feature("laplacian_eigenvector_pe");
        // end snippet
        assertEquals(0, r.eigenvalue(0), 1e-12);
        assertEquals(r.eigenvalue(1), r.eigenvalue(2), 1e-9, "the square grid's first nonzero eigenvalue is double");
        assertEquals(n, lap.numRows);
        assertEquals(8, lap.numCols);
        assertEquals(16, out.feature("random_walk_pe").numCols);
    }

    @Test
    void aProgramThatReadsAGraphFile() {
        // snippet
        IndexedGraph<String> file = new GraphReader(GraphOptions.defaults()).read(Path.of("examples/karate.edges"), null);
        EigenResult pairs = Spectra.smallest(file.graph(), Normalization.SYMMETRIC, 4).orThrow();
        for (int i = 0; i < 4; i++) {
            System.out.printf("lambda_%d = %.6f, residual %.1e%n", i, pairs.eigenvalue(i), pairs.residualNorm(i));
        }
        DMatrixRMaj pe = new AddLaplacianEigenvectorPE(3).apply(GraphData.of(file.graph()))
                .feature("laplacian_eigenvector_pe");
        System.out.println("LapPE of vertex " + file.order().vertex(0) + ": "
                + Arrays.toString(Arrays.copyOfRange(pe.data, 0, pe.numCols)));
        // end snippet
        assertEquals(0, pairs.eigenvalue(0), 1e-12, "the karate club is connected");
        assertTrue(pairs.eigenvalue(1) > 0 && pairs.maxResidualNorm() < 1e-8);
        assertEquals(34, pe.numRows);
        assertEquals(3, pe.numCols);
    }

    /** The text between each start line and the next end line, with the first line's indentation removed. */
    private static List<String> blocks(List<String> lines, String start, String end) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals(start)) {
                continue;
            }
            List<String> body = new ArrayList<>();
            int j = i + 1;
            while (!lines.get(j).strip().equals(end)) {
                body.add(lines.get(j++));
            }
            int indent = body.stream().filter(s -> !s.isBlank()).mapToInt(s -> s.length() - s.stripLeading().length())
                    .min().orElse(0);
            out.add(String.join("\n", body.stream().map(s -> s.isBlank() ? "" : s.substring(indent)).toList()));
            i = j;
        }
        return out;
    }
}
