package lapis.experiments.basis;

import java.util.Arrays;
import lapis.bases.DiffusionProbes;
import lapis.bases.SpectrumReadout;
import lapis.datasets.points.KnownSpectrum;
import lapis.datasets.points.SphericalHarmonics;
import lapis.graph.SymmetricSparseMatrix;
import lapis.graph.knn.PointSet;
import lapis.graph.mesh.CotangentLaplacian;
import lapis.graph.mesh.MeshLaplacian;
import lapis.graph.mesh.TriangleMesh;
import lapis.spectral.EigenResult;
import lapis.spectral.op.SparseMatrixOperator;
import lapis.spectral.sparse.ThickRestartLanczos;
import org.ejml.data.DMatrixRMaj;

/**
 * The eigenbases a learned basis is scored against, each with the inner product it is orthonormal in: the spherical
 * harmonics (closed form), the cotangent Laplace-Beltrami operator of a mesh with lumped mass (L v = lambda M v by
 * shift-invert Lanczos), and the classical point-cloud route, the eigenvectors of the same alpha = 1 kNN operator
 * I - S the diffusion probes smooth with, by the same sparse solver.
 */
public final class BasisReferences {
    public static final double SOLVER_TOLERANCE = 1e-9;

    /**
     * A reference basis at some points.
     *
     * @param values eigenvalues ascending, in Laplace-Beltrami units
     * @param vectors n x K eigenfunctions
     * @param weights the inner product's point weights, null for uniform
     * @param seconds the time it took
     */
    public record Reference(String kind, double[] values, DMatrixRMaj vectors, double[] weights, double seconds) {
    }

    private BasisReferences() {
    }

    /** The first k real spherical harmonics at points of the unit sphere, eigenvalues l(l+1). */
    public static Reference sphericalHarmonics(double[] xyz, int k) {
        long t0 = System.nanoTime();
        int degree = 0;
        while (SphericalHarmonics.count(degree) < k) {
            degree++;
        }
        int n = xyz.length / 3;
        int c = SphericalHarmonics.count(degree);
        double[] all = SphericalHarmonics.evaluate(xyz, degree);
        DMatrixRMaj v = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            System.arraycopy(all, i * c, v.data, i * k, k);
        }
        return new Reference("spherical harmonics", KnownSpectrum.sphere(1).smallest(k), v, null,
                (System.nanoTime() - t0) / 1e9);
    }

    /** The k smallest pairs of the cotangent Laplacian with lumped mass of the mesh, at its vertices. */
    public static Reference cotangent(TriangleMesh mesh, int k) {
        long t0 = System.nanoTime();
        MeshLaplacian l = CotangentLaplacian.of(mesh);
        EigenResult r = new ThickRestartLanczos(ThickRestartLanczos.Options.defaults()
                .withTolerance(SOLVER_TOLERANCE)).smallest(SparseMatrixOperator.of(l.stiffness()),
                SparseMatrixOperator.of(SymmetricSparseMatrix.diagonal(l.mass())), k).orThrow();
        double[] values = r.eigenvalues();
        values[0] = Math.max(0, values[0]);
        return new Reference("cotangent Laplacian, lumped mass", values, r.eigenvectors(null), l.mass(),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The classical route on the probes' points: the k smallest eigenpairs of I - S, mapped to functions
     * psi = D1^-1/2 v (the measure taken out as the learned basis does) and their eigenvalues calibrated to
     * Laplace-Beltrami units by the same coordinate identity ({@link SpectrumReadout}). The time is the solve's
     * alone; the kNN graph it shares with the probes is timed by the caller.
     */
    public static Reference knnRoute(DiffusionProbes probes, PointSet points, int k, int intrinsicDimension) {
        long t0 = System.nanoTime();
        SymmetricSparseMatrix s = probes.diffusion();
        int n = s.size();
        SymmetricSparseMatrix laplacian = SymmetricSparseMatrix.identity(n).plus(-1, s);
        EigenResult r = new ThickRestartLanczos(ThickRestartLanczos.Options.defaults()
                .withTolerance(SOLVER_TOLERANCE)).smallest(SparseMatrixOperator.of(laplacian), null, k).orThrow();
        double seconds = (System.nanoTime() - t0) / 1e9;
        DMatrixRMaj v = r.eigenvectors(null);
        double[] q = new double[n * k];
        double sign = 0;
        for (int i = 0; i < n; i++) {
            sign += v.get(i, 0);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                q[i * k + j] = Math.sqrt(n) * v.get(i, j) * (j == 0 && sign < 0 ? -1 : 1);
            }
        }
        double[] raw = r.eigenvalues();
        raw[0] = 0;
        double c = SpectrumReadout.calibration(points, q, raw, true, intrinsicDimension);
        double[] masses = probes.masses();
        DMatrixRMaj psi = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            double s1 = 1 / Math.sqrt(masses[i]);
            for (int j = 0; j < k; j++) {
                psi.set(i, j, v.get(i, j) * s1);
            }
        }
        double[] values = Arrays.stream(raw).map(x -> c * x).toArray();
        return new Reference("kNN graph eigenvectors (alpha = 1 operator of the probes)", values, psi, masses,
                seconds);
    }
}
