package lapis.spectral.sparse;

import java.util.SplittableRandom;
import lapis.spectral.SymmetricOperator;
import org.ejml.data.DMatrixRMaj;

/** The vector kernels the sparse solvers share: dot products, norms (plain and in the B inner product), scaling. */
final class Vectors {
    private Vectors() {
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }

    /** B x, or x itself when b is null. */
    static DMatrixRMaj times(SymmetricOperator b, DMatrixRMaj x, DMatrixRMaj out) {
        return b == null ? x : b.applyBlock(x, out);
    }

    static double bNorm(SymmetricOperator b, double[] v, double[] tmp) {
        if (b == null) {
            return norm(v);
        }
        b.apply(v, tmp);
        return Math.sqrt(Math.max(dot(v, tmp), 0));
    }

    /** A seeded n x p Gaussian block, row-major. */
    static double[] randomBlock(int n, int p, SplittableRandom rnd) {
        double[] x = new double[n * p];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }
}
