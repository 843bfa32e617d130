package lapis.nn.optim;

/**
 * First and second moments of Adam for one parameter, with bias correction (Kingma and Ba 2015), and the number of
 * updates this parameter has had (PyTorch counts per parameter too, so a parameter that first gets a gradient late
 * is corrected as a new one).
 */
final class AdamMoments {
    final double[] m;
    final double[] v;
    long steps;

    AdamMoments(int size) {
        this.m = new double[size];
        this.v = new double[size];
    }

    /** Updates the moments with g and writes the step direction mhat / (sqrt(vhat) + eps) into {@code out}. */
    void direction(double[] g, double beta1, double beta2, double eps, double[] out) {
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        for (int i = 0; i < g.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            out[i] = (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        }
    }
}
