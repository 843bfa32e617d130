package lapis.experiments.stability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import lapis.bases.CoordinateNetwork;
import lapis.bases.DiffusionProbes;
import lapis.bases.LearnedBasis;
import lapis.bases.SpectralBasisTrainer;
import lapis.datasets.ProgressListener;
import lapis.datasets.points.PointCloud;
import lapis.experiments.basis.BasisRun;
import lapis.experiments.points.PointInput;
import lapis.graph.Seeds;
import lapis.graph.ConnectedComponents;
import lapis.graph.Graph;
import lapis.graph.Laplacian;
import lapis.graph.Normalization;
import lapis.graph.knn.KdTree;
import lapis.graph.knn.KnnGraph;
import lapis.graph.knn.KnnResult;
import lapis.graph.knn.PointSet;
import lapis.graph.mesh.CotangentLaplacian;
import lapis.graph.mesh.MeshLaplacian;
import lapis.graph.mesh.TriangleMesh;
import lapis.nn.Threads;
import lapis.spectral.EigenResult;
import lapis.spectral.mesh.MeshSpectrum;
import lapis.spectral.op.SparseMatrixOperator;
import lapis.spectral.op.LaplacianOperator;
import lapis.spectral.sparse.SparseEigensolvers;
import lapis.spectral.subspace.EigenspaceComparison;
import org.ejml.data.DMatrixRMaj;

/**
 * The point-cloud part of {@code lapis stability}: how far the first K functions of a basis move
 * when the points are perturbed, eigenspace by eigenspace, against the eigengap. The basis is the eigenvectors of a
 * kNN-graph Laplacian (knn, described next), a learned spectral basis retrained on each cloud with the same seed
 * (learned: {@link SpectralBasisTrainer}; no residual), or the cotangent Laplacian of a mesh with lumped mass
 * (cotangent: the triangles kept, the vertices moved; compared as M^1/2 v).
 *
 * <p>knn, for the original cloud and each perturbed one: the Gaussian kNN graph ({@link KnnGraph.Options#of}: k
 * neighbours, sigma the mean kNN distance, union), its symmetric normalised Laplacian I - D^-1/2 W D^-1/2, and its
 * K smallest eigenpairs by {@link SparseEigensolvers#recommended} (shift-invert Lanczos, relative residual
 * tolerance {@link #SOLVER_TOLERANCE}, the null space deflated). The reference eigenvalues are grouped into
 * eigenspaces by a relative tolerance, and each group is compared by principal angles
 * ({@link EigenspaceComparison}). Perturbations, each one seeded draw per level with the seed derived from
 * (--seed, perturbation, level):
 * <ul>
 *   <li>{@code noise}: x + N(0, s^2 I), s = level x the RMS distance of the points to their centroid;</li>
 *   <li>{@code drop}: a uniformly random subset of round(level n) points is removed; the reference eigenvectors'
 *       rows of the kept points are compared with the eigenvectors of the kept cloud's own graph;</li>
 *   <li>{@code resample} (sphere:N only; levels ignored): a fresh sample of the same sampler; row i of the new
 *       eigenvectors is taken at original point i's nearest neighbour in the new cloud (KD-tree).</li>
 * </ul>
 * <p>By Davis-Kahan, sin of the largest angle of an eigenspace V is at most ||dL V|| / gap: the scatter of
 * sin(max angle) against the gap should fall as the gap grows. Because L approximates a differential operator,
 * ||dL V|| grows with the eigenvalue (about eps lambda for a relative change eps of the metric), so the trend shows
 * more clearly against the relative gap gap / lambda, which is plotted as well. The last group is truncated (its
 * upper neighbour lies beyond K): it is in the CSV, marked, but left out of the summary and the plots. The
 * eigenvectors of L_sym are D^1/2 times the random-walk eigenfunctions, so noise in the degrees moves every
 * eigenspace, the null space D^1/2 1 included, whose angle measures that effect alone.
 */
public final class PointStability {
    /**
     * Relative grouping tolerance for sphere:N: 0.2. The sampling splits each spherical-harmonic eigenvalue l(l+1)
     * into a cluster; with k = 10, over seeds 0..9 (measured 2026-11-23) the largest relative step inside the
     * clusters l = 1, 2, 3 was 0.13 at N = 2,000 and 0.11 at N = 4,000, the smallest between them 0.32 and 0.37, so
     * 0.2 finds the multiplicities 1, 3, 5, 7. Below N of about 2,000 the clusters widen (0.19 inside against 0.24
     * between at N = 1,500) and no tolerance separates them reliably.
     */
    public static final double SAMPLED_GROUP_TOLERANCE = 0.2;
    /**
     * Relative grouping tolerance for fixed point sets (meshes, files): 0.02. The kNN graph of the bundled geodesic
     * sphere splits its icosahedral multiplicities by about 0.1% (ties among neighbours break the symmetry), and 0.02
     * groups them into 1, 3, 5, 3, 4 (l = 3 splits into 3 + 4 under the icosahedral group, 13% apart); on bunny,
     * spot and kitten the smallest relative step between the first 16 eigenvalues is 6%, so their pairs stay apart
     * unless they repeat (measured 2026-11-23). 0.2 would chain ten of the bunny's first 16 pairs into one group.
     */
    public static final double FIXED_GROUP_TOLERANCE = 0.02;
    public static final int DEFAULT_NEIGHBOURS = 10;
    public static final int DEFAULT_EIGENPAIRS = 16;
    public static final double[] DEFAULT_NOISE_LEVELS = {0.001, 0.003, 0.01, 0.03};
    public static final double DEFAULT_DROP_LEVEL = 0.05;
    /** Relative residual tolerance of the eigensolver. */
    public static final double SOLVER_TOLERANCE = 1e-10;

    public static final int DEFAULT_BASIS_STEPS = 1000;

    private static final List<String> PERTURBATIONS = List.of("noise", "drop", "resample");
    private static final List<String> BASES = List.of("knn", "learned", "cotangent");
    private static final String SPHERE = "sphere:";

    private PointStability() {
    }

    /**
     * The inputs of one run.
     *
     * @param dataset a point spec of {@link PointInput}
     * @param perturb noise, drop or resample
     * @param levels the perturbation levels (noise: std relative to the RMS radius; drop: fraction of points);
     *     null for the defaults; ignored by resample
     * @param neighbours k of the kNN graph
     * @param eigenpairs K, the number of smallest eigenpairs compared
     * @param groupTolerance relative tolerance of the eigenvalue grouping
     * @param seed the seed of the sample (sphere) and of every perturbation
     * @param out the directory for the CSV files and plots
     * @param threads worker threads
     * @param basis the basis measured: knn, learned or cotangent (meshes), or a comma list of them (run only)
     * @param basisSteps training steps of each learned basis
     */
    public record Options(String dataset, String perturb, double[] levels, int neighbours, int eigenpairs,
            double groupTolerance, long seed, Path out, int threads, String basis, int basisSteps) {
        public Options {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(perturb, "perturb");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(basis, "basis");
            basis = basis.toLowerCase(Locale.ROOT).replace(" ", "");
            for (String b : basis.split(",", -1)) {
                if (!BASES.contains(b)) {
                    throw new IllegalArgumentException("--basis must be knn, learned or cotangent (or a comma list of "
                            + "them), not '" + b + "'");
                }
            }
            if (basis.contains("cotangent") && !perturb.equalsIgnoreCase("noise")) {
                throw new IllegalArgumentException("--basis cotangent keeps the mesh's triangles, so only --perturb "
                        + "noise moves it (drop and resample need a new mesh)");
            }
            if (basisSteps < 1) {
                throw new IllegalArgumentException("--basis-steps must be >= 1, got " + basisSteps);
            }
            perturb = perturb.toLowerCase(Locale.ROOT);
            if (!PERTURBATIONS.contains(perturb)) {
                throw new IllegalArgumentException("--perturb for point clouds must be noise, drop or resample, not '"
                        + perturb + "'");
            }
            levels = levels == null ? null : levels.clone();
            if (levels != null) {
                if (levels.length == 0) {
                    throw new IllegalArgumentException("--levels is empty");
                }
                for (double l : levels) {
                    boolean ok = perturb.equals("drop") ? l >= 0 && l < 1 : l >= 0 && l < Double.POSITIVE_INFINITY;
                    if (!ok) {
                        throw new IllegalArgumentException("--perturb " + perturb + ": level " + l + " is out of range"
                                + (perturb.equals("drop") ? " [0, 1)" : "; it must be finite and >= 0"));
                    }
                }
            }
            if (neighbours < 1) {
                throw new IllegalArgumentException("--neighbours must be >= 1, got " + neighbours);
            }
            if (eigenpairs < 2) {
                throw new IllegalArgumentException("--eigenpairs must be >= 2, got " + eigenpairs);
            }
            if (!(groupTolerance >= 0)) {
                throw new IllegalArgumentException("--group-tolerance must be >= 0, got " + groupTolerance);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
        }

        /**
         * The defaults: k = 10, K = 16, {@link #defaultGroupTolerance}, seed 42, the perturbation's default levels,
         * 2 threads, the kNN basis ({@value #DEFAULT_BASIS_STEPS} steps when learned).
         */
        public static Options defaults(String dataset, String perturb, Path out) {
            return new Options(dataset, perturb, null, DEFAULT_NEIGHBOURS, DEFAULT_EIGENPAIRS,
                    defaultGroupTolerance(dataset), 42, out, 2, "knn", DEFAULT_BASIS_STEPS);
        }

        public Options withGroupTolerance(double tolerance) {
            return new Options(dataset, perturb, levels, neighbours, eigenpairs, tolerance, seed, out, threads, basis,
                    basisSteps);
        }

        public Options withLevels(double... newLevels) {
            return new Options(dataset, perturb, newLevels, neighbours, eigenpairs, groupTolerance, seed, out,
                    threads, basis, basisSteps);
        }

        /** The bases named, in order. */
        public List<String> bases() {
            return List.of(basis.split(","));
        }

        public Options withBasis(String newBasis, int steps) {
            return new Options(dataset, perturb, levels, neighbours, eigenpairs, groupTolerance, seed, out, threads,
                    newBasis, steps);
        }

        @Override
        public double[] levels() {
            return levels == null ? null : levels.clone();
        }

        /** The levels run: the given ones, or the perturbation's defaults; {NaN} for resample. */
        public double[] effectiveLevels() {
            return switch (perturb) {
                case "resample" -> new double[] {Double.NaN};
                case "drop" -> levels != null ? levels.clone() : new double[] {DEFAULT_DROP_LEVEL};
                default -> levels != null ? levels.clone() : DEFAULT_NOISE_LEVELS.clone();
            };
        }
    }

    /**
     * One level's comparison.
     *
     * @param level the perturbation level; NaN for resample
     * @param points the number of points compared (the kept points for drop)
     * @param maxResidual the largest ||L v - lambda v|| of the reference and the perturbed solve
     * @param comparison the eigenspaces of the reference and their principal angles
     */
    public record Level(double level, int points, double maxResidual, EigenspaceComparison.Result comparison) {
    }

    /**
     * The measurement.
     *
     * @param dataset as given
     * @param perturbation noise, drop or resample
     * @param basis knn, learned or cotangent
     * @param points the size of the original cloud
     * @param reference the original cloud's eigenvalues, ascending
     * @param levels one entry per level, in the order given
     * @param wallTime the time of the whole measurement
     */
    public record Report(String dataset, String perturbation, String basis, int points, double[] reference,
            List<Level> levels, Duration wallTime) {
        public Report {
            reference = reference.clone();
            levels = List.copyOf(levels);
        }

        @Override
        public double[] reference() {
            return reference.clone();
        }
    }

    /**
     * The default relative tolerance of the eigenvalue grouping: {@link #SAMPLED_GROUP_TOLERANCE} for sphere:N,
     * whose sampling splits degenerate eigenvalues by up to about 13%, {@link #FIXED_GROUP_TOLERANCE} otherwise.
     */
    public static double defaultGroupTolerance(String dataset) {
        Objects.requireNonNull(dataset, "dataset");
        return dataset.strip().toLowerCase(Locale.ROOT).startsWith(SPHERE) ? SAMPLED_GROUP_TOLERANCE
                : FIXED_GROUP_TOLERANCE;
    }

    /** True when {@code spec} names a point dataset: see {@link PointInput#isPointSpec}. */
    public static boolean isPointDataset(String spec) {
        return spec != null && PointInput.isPointSpec(spec);
    }

    /**
     * The measurement without output: the reference spectrum, then every level (in parallel on o.threads()
     * threads). Progress: one call per finished level, task "stability", unit "levels".
     */
    public static Report measure(Options o, ProgressListener progress) {
        Objects.requireNonNull(o, "o");
        Objects.requireNonNull(progress, "progress");
        if (o.bases().size() != 1) {
            throw new IllegalArgumentException("measure takes one basis, not " + o.basis());
        }
        long start = System.nanoTime();
        PointInput data = PointInput.load(o.dataset(), o.seed());
        PointCloud cloud = data.cloud();
        int n = cloud.size();
        if (n < o.eigenpairs() + 2 || n <= o.neighbours()) {
            throw new IllegalArgumentException(o.dataset() + " has " + n + " points: too few for " + o.neighbours()
                    + " neighbours and " + o.eigenpairs() + " eigenpairs");
        }
        if (o.perturb().equals("resample") && data.sampler() == null) {
            throw new IllegalArgumentException("--perturb resample needs a sampler, so only sphere:N; " + o.dataset()
                    + " is a fixed point set (use noise or drop)");
        }
        if (o.basis().equals("cotangent") && data.mesh() == null) {
            throw new IllegalArgumentException("--basis cotangent needs a mesh (sphere-mesh, spot, bunny, or a .off, "
                    + ".obj or .ply file); " + o.dataset() + " has no triangles");
        }
        double[] levels = o.effectiveLevels();
        ForkJoinPool pool = new ForkJoinPool(o.threads());
        try {
            Spectrum ref = pool.submit(() -> spectrum(cloud.coordinates(), o, data)).get();
            DMatrixRMaj a = ref.vectors();
            Object lock = new Object();
            int[] done = {0};
            progress.progress("stability", 0, levels.length, "levels");
            IntStream each = IntStream.range(0, levels.length);
            IntStream order = o.basis().equals("learned") ? each : each.parallel();
            List<Level> results = pool.submit(() -> order.mapToObj(i -> {
                Level l = level(o, data, ref, a, levels[i]);
                synchronized (lock) {
                    done[0]++;
                    progress.progress("stability", done[0], levels.length, "levels");
                }
                return l;
            }).toList()).get();
            return new Report(o.dataset(), o.perturb(), o.basis(), n, ref.values(), results,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + o.dataset(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private static Level level(Options o, PointInput data, Spectrum ref, DMatrixRMaj a, double level) {
        PointCloud cloud = data.cloud();
        int n = cloud.size();
        int d = cloud.dimension();
        double[] x = cloud.coordinates();
        long seed = Seeds.derive(o.seed(), PERTURBATIONS.indexOf(o.perturb()), Double.doubleToLongBits(level));
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj reference;
        DMatrixRMaj perturbed;
        Spectrum p;
        switch (o.perturb()) {
            case "noise" -> {
                double s = level * rmsRadius(x, d);
                double[] y = x.clone();
                for (int i = 0; i < y.length; i++) {
                    y[i] += s * random.nextGaussian();
                }
                p = spectrum(y, o, data);
                reference = a;
                perturbed = p.vectors();
            }
            case "drop" -> {
                int[] kept = keep(n, (int) Math.round(level * n), random);
                if (kept.length < o.eigenpairs() + 2 || kept.length <= o.neighbours()) {
                    throw new IllegalArgumentException("--perturb drop at level " + level + " keeps " + kept.length
                            + " of " + n + " points: too few");
                }
                double[] y = new double[kept.length * d];
                for (int i = 0; i < kept.length; i++) {
                    System.arraycopy(x, kept[i] * d, y, i * d, d);
                }
                p = spectrum(y, o, data);
                reference = BasisRun.rows(a, kept);
                perturbed = p.vectors();
            }
            default -> {
                PointCloud fresh = data.sampler().sample(n, seed);
                p = spectrum(fresh.coordinates(), o, data);
                reference = a;
                perturbed = BasisRun.rows(p.vectors(), nearestIn(x, fresh.coordinates(), d));
            }
        }
        EigenspaceComparison.Result c = EigenspaceComparison.compare(ref.values(), reference, perturbed,
                o.groupTolerance());
        return new Level(level, reference.numRows, Math.max(ref.residual(), p.residual()), c);
    }

    /**
     * A basis of the points and its eigenvalues, ascending; its vectors span the same spaces as orthonormal
     * eigenvectors (the comparison orthonormalises them). residual: the largest eigenpair residual norm, NaN for a
     * learned basis, which has none.
     */
    private record Spectrum(double[] values, DMatrixRMaj vectors, double residual) {
    }

    /** The basis of the row-major points (of the input's dimension) that o.basis() names. */
    private static Spectrum spectrum(double[] rowMajor, Options o, PointInput input) {
        PointSet points = PointSet.of(input.cloud().dimension(), rowMajor);
        return switch (o.basis()) {
            case "learned" -> learned(points, o);
            case "cotangent" -> cotangent(new TriangleMesh(rowMajor, input.mesh().triangles()), o);
            default -> knn(points, o);
        };
    }

    /** The K smallest eigenpairs of L_sym of the Gaussian kNN graph of the points. */
    private static Spectrum knn(PointSet points, Options o) {
        Graph g = new KnnGraph(KnnGraph.Options.of(o.neighbours()), new KdTree()).build(points).graph();
        Laplacian l = Laplacian.of(g, Normalization.SYMMETRIC);
        DMatrixRMaj nullSpace = l.nullSpace(ConnectedComponents.of(g));
        LaplacianOperator op = LaplacianOperator.of(l);
        EigenResult r = SparseEigensolvers.recommended(op, null, SOLVER_TOLERANCE, nullSpace).smallest(op, null,
                o.eigenpairs()).orThrow();
        return new Spectrum(r.eigenvalues(), r.eigenvectors(null), r.maxResidualNorm());
    }

    /**
     * A basis learned from the points ({@link SpectralBasisTrainer}: lapis basis's default diffusion probes, network
     * and T, o.basisSteps() steps), as its orthonormal functions q, which span what the
     * eigenvectors of its operator span. Every training uses the same seed, so the basis moves with the points only.
     */
    private static Spectrum learned(PointSet points, Options o) {
        int k = o.eigenpairs();
        DiffusionProbes probes = DiffusionProbes.forFunctions(points, k);
        SpectralBasisTrainer.Options training = SpectralBasisTrainer.Options.defaults().withSteps(o.basisSteps())
                .withSeed(o.seed());
        try (Threads threads = Threads.of(o.threads())) {
            LearnedBasis b = new SpectralBasisTrainer(training).train(points, probes,
                    CoordinateNetwork.Options.defaults(k), threads, null);
            return ascending(b.eigenvalues(), DMatrixRMaj.wrap(points.size(), k, b.evaluate(points, threads)));
        }
    }

    /**
     * The learned pairs sorted by eigenvalue, as the comparison needs: inside a degenerate eigenspace the read-back
     * values of the nested functions are not always monotone (11.4813 before 11.4789 on the sphere mesh).
     */
    private static Spectrum ascending(double[] values, DMatrixRMaj vectors) {
        int[] order = IntStream.range(0, values.length).boxed().sorted((i, j) -> Double.compare(values[i], values[j]))
                .mapToInt(Integer::intValue).toArray();
        DMatrixRMaj sorted = new DMatrixRMaj(vectors.numRows, vectors.numCols);
        for (int i = 0; i < vectors.numRows; i++) {
            for (int j = 0; j < order.length; j++) {
                sorted.set(i, j, vectors.get(i, order[j]));
            }
        }
        return new Spectrum(Arrays.stream(order).mapToDouble(i -> values[i]).toArray(), sorted, Double.NaN);
    }

    /**
     * The K smallest pairs of the mesh's cotangent Laplacian with lumped mass, L v = lambda M v, as M^1/2 v
     * (orthonormal in the Euclidean inner product the comparison uses).
     */
    private static Spectrum cotangent(TriangleMesh mesh, Options o) {
        MeshLaplacian m = CotangentLaplacian.of(mesh);
        SparseMatrixOperator stiffness = MeshSpectrum.stiffness(m);
        SparseMatrixOperator mass = MeshSpectrum.mass(m);
        EigenResult r = SparseEigensolvers.recommended(stiffness, mass, SOLVER_TOLERANCE,
                MeshSpectrum.nullSpace(mesh, m)).smallest(stiffness, mass, o.eigenpairs()).orThrow();
        DMatrixRMaj v = r.eigenvectors(null);
        double[] lumped = m.mass();
        for (int i = 0; i < v.numRows; i++) {
            double s = Math.sqrt(lumped[i]);
            for (int j = 0; j < v.numCols; j++) {
                v.set(i, j, s * v.get(i, j));
            }
        }
        return new Spectrum(r.eigenvalues(), v, r.maxResidualNorm());
    }

    /** sqrt(mean_i ||x_i - c||^2), c the centroid. */
    private static double rmsRadius(double[] x, int d) {
        int n = x.length / d;
        double[] c = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                c[j] += x[i * d + j] / n;
            }
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double t = x[i * d + j] - c[j];
                s += t * t;
            }
        }
        return Math.sqrt(s / n);
    }

    /** The indices of n points minus a uniformly random subset of {@code drop} of them, ascending. */
    private static int[] keep(int n, int drop, SplittableRandom random) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = 0; i < drop; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] kept = Arrays.copyOfRange(order, drop, n);
        Arrays.sort(kept);
        return kept;
    }

    /**
     * For each point of {@code from}, the index of its nearest point in {@code to} (both row-major, dimension d):
     * a KD-tree search of the union for the nearest few, the first of which that lies in {@code to} is the answer;
     * a point whose few nearest all lie in {@code from} is searched by brute force (rare: for two samples of one
     * density each neighbour is in either with probability 1/2).
     */
    private static int[] nearestIn(double[] from, double[] to, int d) {
        int n = from.length / d;
        int m = to.length / d;
        double[] union = Arrays.copyOf(from, from.length + to.length);
        System.arraycopy(to, 0, union, from.length, to.length);
        PointSet all = PointSet.of(d, union);
        KnnResult knn = new KdTree().search(all, Math.min(n + m - 1, 24));
        int[] nearest = new int[n];
        for (int i = 0; i < n; i++) {
            nearest[i] = -1;
            for (int r = 0; r < knn.k() && nearest[i] < 0; r++) {
                if (knn.neighbor(i, r) >= n) {
                    nearest[i] = knn.neighbor(i, r) - n;
                }
            }
            if (nearest[i] < 0) {
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < m; j++) {
                    double dist = all.squaredDistance(i, n + j);
                    if (dist < best) {
                        best = dist;
                        nearest[i] = j;
                    }
                }
            }
        }
        return nearest;
    }
}
