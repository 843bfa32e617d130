package lapis.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lapis.datasets.ProgressListener;
import lapis.datasets.molecules.Molecule;
import lapis.datasets.molecules.ZincDataset;
import lapis.graph.ConnectedComponents;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.datasets.points.SphereSampler;
import lapis.graph.knn.KnnGraph;
import lapis.graph.knn.PointSet;
import lapis.spectral.EigenResult;
import lapis.spectral.dense.ParallelSymmetricEigen;
import lapis.spectral.op.LaplacianOperator;
import lapis.spectral.sparse.ThickRestartLanczos;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Single-shot timings (one solve per iteration) of the three eigensolver workloads and the kNN graph. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx8g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class SpectralBenchmarks {
    private List<Graph> zinc;
    private Laplacian grid;
    private Laplacian sphere;
    private DMatrixRMaj gridNullSpace;
    private DMatrixRMaj sphereNullSpace;
    private PointSet spherePoints;

    @Setup
    public void setUp() {
        zinc = new ArrayList<>();
        for (Molecule m : ZincDataset.load(null, ProgressListener.NONE).molecules()) {
            zinc.add(m.graph());
        }
        Graph g = gridGraph(300);
        grid = Laplacian.of(g, Normalization.COMBINATORIAL);
        gridNullSpace = grid.nullSpace(ConnectedComponents.of(g));
        spherePoints = PointSet.of(3, SphereSampler.uniform().sample(50_000, 0).coordinates());
        Graph s = new KnnGraph(KnnGraph.Options.of(10)).build(spherePoints).graph();
        sphere = Laplacian.of(s, Normalization.SYMMETRIC);
        sphereNullSpace = sphere.nullSpace(ConnectedComponents.of(s));
    }

    /** All eigenpairs of the 12,000 ZINC L_sym on one thread (peer: numpy eigh grouped by size). */
    @Benchmark
    public List<EigenResult> zincAllEigenpairs() {
        return new ParallelSymmetricEigen(ParallelSymmetricEigen.Options.defaults().withThreads(1))
                .laplacians(zinc, Normalization.SYMMETRIC);
    }

    /** 20 smallest of the 300 x 300 grid (peer: ARPACK shift-invert). */
    @Benchmark
    public EigenResult grid20() {
        return lanczos(gridNullSpace).smallest(LaplacianOperator.of(grid), null, 20);
    }

    /** 50 smallest of the 50,000-point sphere kNN L_sym (peer: ARPACK shift-invert). */
    @Benchmark
    public EigenResult sphere50() {
        return lanczos(sphereNullSpace).smallest(LaplacianOperator.of(sphere), null, 50);
    }

    /** The sphere's Gaussian kNN graph, k = 10 (peer: cKDTree + scipy.sparse). */
    @Benchmark
    public KnnGraph.Result sphereKnnGraph() {
        return new KnnGraph(KnnGraph.Options.of(10)).build(spherePoints);
    }

    private static ThickRestartLanczos lanczos(DMatrixRMaj nullSpace) {
        return new ThickRestartLanczos(ThickRestartLanczos.Options.defaults().withTolerance(1e-10)
                .withNullSpace(nullSpace));
    }

    private static Graph gridGraph(int side) {
        GraphBuilder b = new GraphBuilder(side * side, GraphOptions.defaults());
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                int v = i * side + j;
                if (j + 1 < side) {
                    b.addEdge(v, v + 1, 1);
                }
                if (i + 1 < side) {
                    b.addEdge(v, v + side, 1);
                }
            }
        }
        return b.build();
    }
}
