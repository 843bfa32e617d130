package lapis.experiments.basis;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lapis.experiments.points.PointInput;
import lapis.bases.BasisComparison;
import lapis.bases.ClusterAgreement;
import lapis.bases.CoordinateNetwork;
import lapis.bases.DiffusionProbes;
import lapis.bases.FarthestPointSampling;
import lapis.bases.FourierProbes;
import lapis.bases.KMeans;
import lapis.bases.LearnedBasis;
import lapis.bases.ProbeDistribution;
import lapis.bases.SpectralBasisTrainer;
import lapis.datasets.points.PointCloud;
import lapis.graph.knn.PointSet;
import lapis.nn.Threads;
import lapis.spectral.EigenResult;
import lapis.spectral.dense.SymmetricEigen;
import lapis.spectral.subspace.Eigenspaces;
import org.ejml.data.DMatrixRMaj;

/**
 * The experiment behind {@code lapis basis}: choose the training points, build the probes, train, read back, and
 * score against whatever reference the input has, next to the classical kNN-graph route on the same points. Returns
 * the basis, the metrics (as ordered maps for JSON) and the series the plots draw.
 */
public final class BasisRun {
    /** What was asked for. */
    public record Settings(String probes, int k, int sample, int neighbors, double kernelWidth, int diffusionSteps,
                    int probeCount, CoordinateNetwork.Options network, SpectralBasisTrainer.Options training,
                    int costPoints) {
    }

    /** What came out: the basis, metrics, and the per-index series of the plots. */
    public record Outcome(LearnedBasis basis, Map<String, Object> metrics, PointSet evalPoints, double[] evalFunctions,
                   double[] referenceValues, double[] learnedCos, double[] knnCos, double[] knnValues) {
    }

    private BasisRun() {
    }

    public static Outcome run(PointInput input, Settings s, Threads threads, SpectralBasisTrainer.Listener listener) {
        PointCloud cloud = input.cloud();
        PointSet all = PointSet.of(cloud.dimension(), cloud.coordinates());
        int[] trainIndex = cloud.size() > s.sample() ? FarthestPointSampling.sample(all, s.sample(), 0) : null;
        PointSet train = trainIndex == null ? all : rows(all, trainIndex);
        int n = train.size();
        int k = s.k();
        if (k >= n) {
            throw new IllegalArgumentException("--k " + k + " needs more training points than " + n);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", input.name());
        m.put("n_points", cloud.size());
        m.put("n_train", n);
        m.put("training_points", trainIndex == null ? "all" : "farthest-point sample");
        m.put("k", k);

        resetPeaks();
        long t0 = System.nanoTime();
        int neighbors = Math.min(s.neighbors(), n - 1);
        DiffusionProbes diffusion = s.diffusionSteps() > 0
                ? DiffusionProbes.of(train, new DiffusionProbes.Options(neighbors, s.diffusionSteps()))
                : DiffusionProbes.forFunctions(train, neighbors, k, s.kernelWidth());
        int steps = diffusion.options().steps();
        double graphSeconds = (System.nanoTime() - t0) / 1e9;
        ProbeDistribution probes = s.probes().equals("fourier")
                ? FourierProbes.of(train, FourierProbes.matchingBandwidth(diffusion)) : diffusion;
        int probeCount = s.probeCount() >= 0 ? s.probeCount() : (probes.hasExactExpectation() ? 0 : 256);
        Map<String, Object> probeInfo = new LinkedHashMap<>();
        probeInfo.put("family", probes.name());
        probeInfo.put("per_step", probeCount == 0 ? "expectation (closed form)" : probeCount);
        probeInfo.put("neighbors", neighbors);
        probeInfo.put("sigma", diffusion.sigma());
        probeInfo.put("kernel_dimension", diffusion.kernelDimension());
        probeInfo.put("nonzeros", diffusion.diffusion().nonZeroCount());
        probeInfo.put("diffusion_steps", steps);
        if (probes instanceof FourierProbes f) {
            probeInfo.put("kernel_width", f.bandwidth());
        }
        m.put("probes", probeInfo);

        LearnedBasis basis = new SpectralBasisTrainer(s.training().withProbesPerStep(probeCount))
                .train(train, probes, s.network(), threads, listener);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        long trainPeak = heapPeak();
        LearnedBasis.Training tr = basis.training();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("steps", tr.steps());
        training.put("seconds", tr.seconds());
        training.put("ms_per_step", 1000 * tr.seconds() / tr.steps());
        training.put("final_loss", tr.finalLoss());
        training.put("parameters", basisParameters(basis));
        m.put("training", training);
        m.put("eigenvalues", basis.eigenvalues());
        m.put("raw_eigenvalues", basis.rawEigenvalues());
        m.put("captured_variance", basis.capturedVariance());
        m.put("calibration", basis.calibration());

        double[] trainPsi = basis.eigenfunctions(train, threads);
        DMatrixRMaj learnedAtTrain = DMatrixRMaj.wrap(n, k, trainPsi);

        resetPeaks();
        BasisReferences.Reference knn = BasisReferences.knnRoute(diffusion, train, k,
                s.training().intrinsicDimension());
        long knnPeak = heapPeak();
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("learned_total_seconds", trainSeconds);
        cost.put("learned_peak_heap_mb", trainPeak / 1e6);
        cost.put("knn_graph_seconds", graphSeconds);
        cost.put("knn_solve_seconds", knn.seconds());
        cost.put("knn_route_seconds", graphSeconds + knn.seconds());
        cost.put("knn_solve_peak_heap_mb", knnPeak / 1e6);
        m.put("cost", cost);
        m.put("knn_route_eigenvalues", knn.values());

        PointSet evalPoints = train;
        double[] evalPsi = trainPsi;
        double[] referenceValues = null;
        double[] learnedCos = null;
        double[] knnCos = null;
        Map<String, Object> scores = new LinkedHashMap<>();
        if (input.sampler() != null) {
            BasisReferences.Reference ref = BasisReferences.sphericalHarmonics(train.toRowMajor(), k);
            BasisComparison.Result l = compare(learnedAtTrain, basis.eigenvalues(), ref, null);
            BasisComparison.Result c = compare(knn.vectors(), knn.values(), ref, null);
            scores.put("reference", ref.kind());
            scores.put("learned", scoreMap(l, k));
            scores.put("knn_route", scoreMap(c, k));
            PointCloud fresh = input.sampler().sample(n, lapis.graph.Seeds.derive(s.training().seed(), 77));
            PointSet freshPoints = PointSet.of(3, fresh.coordinates());
            BasisReferences.Reference freshRef = BasisReferences.sphericalHarmonics(fresh.coordinates(), k);
            BasisComparison.Result o = compare(DMatrixRMaj.wrap(n, k, basis.eigenfunctions(freshPoints, threads)),
                    basis.eigenvalues(), freshRef, null);
            scores.put("out_of_sample", scoreMap(o, k));
            if (input.sampler().tilt() != 0 && basis.measureInFirstFunction()) {
                scores.put("density_correlation", pearson(basis.density(train, threads), trueDensity(input, trainIndex)));
                scores.put("knn_density_correlation", pearson(reciprocal(diffusion.masses()),
                        trueDensity(input, trainIndex)));
            }
            referenceValues = ref.values();
            learnedCos = l.indexCosines();
            knnCos = c.indexCosines();
            if (s.costPoints() > 0) {
                m.put("evaluation_cost", evaluationCost(input, basis, s, threads));
            }
        } else if (input.mesh() != null) {
            BasisReferences.Reference ref = BasisReferences.cotangent(input.mesh(), k);
            double[] allPsi = basis.eigenfunctions(all, threads);
            BasisComparison.Result full = compare(DMatrixRMaj.wrap(all.size(), k, allPsi), basis.eigenvalues(), ref,
                    ref.weights());
            scores.put("reference", ref.kind());
            scores.put("reference_seconds", ref.seconds());
            scores.put("learned_all_vertices", scoreMap(full, k));
            if (trainIndex != null) {
                BasisReferences.Reference atTrain = new BasisReferences.Reference(ref.kind(), ref.values(),
                        rows(ref.vectors(), trainIndex), null, ref.seconds());
                scores.put("learned_training_points", scoreMap(compare(learnedAtTrain, basis.eigenvalues(), atTrain,
                        null), k));
                BasisComparison.Result c = compare(knn.vectors(), knn.values(), atTrain, null);
                scores.put("knn_route_training_points", scoreMap(c, k));
                knnCos = c.indexCosines();
            } else {
                BasisComparison.Result c = compare(knn.vectors(), knn.values(), ref, ref.weights());
                scores.put("knn_route", scoreMap(c, k));
                knnCos = c.indexCosines();
            }
            evalPoints = all;
            evalPsi = allPsi;
            referenceValues = ref.values();
            learnedCos = full.indexCosines();
        } else if (input.labels() != null) {
            int[] labels = input.labels();
            int[] trainLabels = trainIndex == null ? labels : java.util.Arrays.stream(trainIndex)
                    .map(i -> labels[i]).toArray();
            int classes = java.util.Arrays.stream(labels).max().orElse(0) + 1;
            long seed = s.training().seed();
            scores.put("embedding_dimension", k - 1);
            scores.put("learned", clustering(dropFirst(trainPsi, n, k), k - 1, trainLabels, classes, seed));
            scores.put("laplacian_eigenmaps", clustering(dropFirst(knn.vectors().data, n, k), k - 1, trainLabels,
                    classes, seed));
            scores.put("pca", clustering(pca(train, k - 1), k - 1, trainLabels, classes, seed));
        } else {
            BasisComparison.Result c = compare(learnedAtTrain, basis.eigenvalues(), knn, null);
            scores.put("reference", "none (a point cloud): the learned basis against the kNN route");
            scores.put("learned_vs_knn_route", scoreMap(c, k));
            learnedCos = c.indexCosines();
            referenceValues = knn.values();
        }
        m.put("scores", scores);
        return new Outcome(basis, m, evalPoints, evalPsi, referenceValues, learnedCos, knnCos, knn.values());
    }

    /**
     * The scores of functions psi (n x K, row-major) at the input's points against the reference the input has:
     * spherical harmonics for a sampled sphere, the cotangent Laplacian (mass-weighted) for a mesh, k-means of the
     * embedding (the constant dropped) beside PCA for labelled images; empty for other point files.
     */
    public static Map<String, Object> score(PointInput input, double[] psi, double[] values, long seed) {
        int n = input.cloud().size();
        int k = values.length;
        DMatrixRMaj learned = DMatrixRMaj.wrap(n, k, psi);
        Map<String, Object> scores = new LinkedHashMap<>();
        if (input.sampler() != null || input.mesh() != null) {
            BasisReferences.Reference ref = input.sampler() != null
                    ? BasisReferences.sphericalHarmonics(input.cloud().coordinates(), k)
                    : BasisReferences.cotangent(input.mesh(), k);
            scores.put("reference", ref.kind());
            scores.put("learned", scoreMap(compare(learned, values, ref, ref.weights()), k));
        } else if (input.labels() != null) {
            int[] labels = input.labels();
            int classes = java.util.Arrays.stream(labels).max().orElse(0) + 1;
            PointSet p = PointSet.of(input.cloud().dimension(), input.cloud().coordinates());
            scores.put("embedding_dimension", k - 1);
            scores.put("learned", clustering(dropFirst(psi, n, k), k - 1, labels, classes, seed));
            scores.put("pca", clustering(pca(p, k - 1), k - 1, labels, classes, seed));
        }
        return scores;
    }

    private static long basisParameters(LearnedBasis b) {
        CoordinateNetwork.Options o = b.networkOptions();
        long in = b.dimension() + 2L * o.fourierFeatures();
        long h = o.hidden();
        return o.layers() == 1 ? (in + 1) * o.outputs()
                : (in + 1) * h + (o.layers() - 2) * (h + 1) * h + (h + 1) * o.outputs();
    }

    private static BasisComparison.Result compare(DMatrixRMaj learned, double[] values,
                                                  BasisReferences.Reference ref, double[] weights) {
        return BasisComparison.compare(learned, values, ref.vectors(), ref.values(), weights,
                BasisComparison.DEFAULT_CLUSTER_TOLERANCE);
    }

    public static Map<String, Object> scoreMap(BasisComparison.Result r, int k) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int upTo : new int[] {10, 20, 50}) {
            if (upTo <= k) {
                m.put("mean_index_cos_k" + upTo, r.meanIndexCosine(upTo));
            }
        }
        m.put("mean_index_cos_all", r.meanIndexCosine(k));
        m.put("mean_eigenvalue_rel_error", r.meanEigenvalueError(k));
        List<Object> clusters = new ArrayList<>();
        double[] cc = r.clusterCosines();
        for (int g = 0; g < cc.length; g++) {
            Eigenspaces.Group grp = r.clusters().get(g);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("first", grp.first());
            c.put("multiplicity", grp.multiplicity());
            c.put("reference_eigenvalue", grp.value());
            c.put("mean_cos_principal_angles", cc[g]);
            clusters.add(c);
        }
        m.put("eigenspace_cos", clusters);
        m.put("index_cos", r.indexCosines());
        m.put("eigenvalue_rel_error", r.eigenvalueErrors());
        return m;
    }

    /** Time to evaluate the basis at M fresh sphere points against the kNN route recomputed for them. */
    private static Map<String, Object> evaluationCost(PointInput input, LearnedBasis basis, Settings s,
                                                      Threads threads) {
        int m = s.costPoints();
        PointSet fresh = PointSet.of(3, input.sampler().sample(m, lapis.graph.Seeds.derive(s.training().seed(), 78))
                .coordinates());
        basis.evaluate(PointSet.of(3, input.sampler().sample(1000, 5).coordinates()), threads);
        long t0 = System.nanoTime();
        basis.eigenfunctions(fresh, threads);
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        DiffusionProbes d = DiffusionProbes.of(fresh, new DiffusionProbes.Options(s.neighbors(), 1));
        double graph = (System.nanoTime() - t0) / 1e9;
        BasisReferences.Reference r = BasisReferences.knnRoute(d, fresh, s.k(), s.training().intrinsicDimension());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("points", m);
        out.put("learned_evaluate_seconds", evalSeconds);
        out.put("knn_graph_seconds", graph);
        out.put("knn_solve_seconds", r.seconds());
        out.put("knn_route_seconds", graph + r.seconds());
        return out;
    }

    private static Map<String, Object> clustering(double[] x, int d, int[] labels, int classes, long seed) {
        KMeans.Result r = KMeans.cluster(x, d, classes, 10, 300, seed);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nmi", ClusterAgreement.normalizedMutualInformation(r.labels(), labels));
        m.put("ari", ClusterAgreement.adjustedRandIndex(r.labels(), labels));
        return m;
    }

    /** Columns 1..k-1 (the constant first function dropped) of an n x k row-major matrix. */
    public static double[] dropFirst(double[] f, int n, int k) {
        double[] out = new double[n * (k - 1)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(f, i * k + 1, out, i * (k - 1), k - 1);
        }
        return out;
    }

    /** The first d principal components of the points (scores, n x d), from the dense eigensolver. */
    private static double[] pca(PointSet p, int d) {
        int n = p.size();
        int dim = p.dimension();
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dim; a++) {
                mean[a] += p.coordinate(i, a) / n;
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(n, dim);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dim; a++) {
                x.set(i, a, p.coordinate(i, a) - mean[a]);
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(dim, dim);
        org.ejml.dense.row.CommonOps_DDRM.multTransA(x, x, cov);
        EigenResult e = SymmetricEigen.of(cov);
        DMatrixRMaj v = e.eigenvectors(null);
        double[] out = new double[n * d];
        for (int c = 0; c < d; c++) {
            int col = dim - 1 - c;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int a = 0; a < dim; a++) {
                    s += x.get(i, a) * v.get(a, col);
                }
                out[i * d + c] = s;
            }
        }
        return out;
    }

    private static double[] trueDensity(PointInput input, int[] index) {
        double[] p = input.cloud().density();
        return index == null ? p : java.util.Arrays.stream(index).mapToDouble(i -> p[i]).toArray();
    }

    private static double[] reciprocal(double[] x) {
        return java.util.Arrays.stream(x).map(v -> 1 / v).toArray();
    }

    public static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = java.util.Arrays.stream(a).average().orElse(0);
        double mb = java.util.Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    public static PointSet rows(PointSet p, int[] index) {
        int d = p.dimension();
        double[] x = new double[index.length * d];
        for (int i = 0; i < index.length; i++) {
            for (int a = 0; a < d; a++) {
                x[i * d + a] = p.coordinate(index[i], a);
            }
        }
        return PointSet.of(d, x);
    }

    /** The rows {@code index[0], index[1], ...} of v. */
    public static DMatrixRMaj rows(DMatrixRMaj v, int[] index) {
        int k = v.numCols;
        DMatrixRMaj out = new DMatrixRMaj(index.length, k);
        for (int i = 0; i < index.length; i++) {
            System.arraycopy(v.data, index[i] * k, out.data, i * k, k);
        }
        return out;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum over heap pools of their peak use since the last reset: an upper bound on the live heap. */
    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
