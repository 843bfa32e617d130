package lapis.spectral.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ColumnBlockTest {

    private static double[] random(int len, Random r) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    /** Shapes: narrow and wide column ranges with an offset, p below, at and above four, serial and parallel n. */
    @Test
    void kernelsMatchNaiveProducts() {
        Random r = new Random(1);
        for (int n : new int[] {37, 20000}) {
            for (int p : new int[] {1, 3, 4, 7, 9}) {
                for (int[] range : new int[][] {{0, 1}, {5, 13}, {2, 40}}) {
                    int cap = 45;
                    ColumnBlock v = new ColumnBlock(n, cap);
                    System.arraycopy(random(n * cap, r), 0, v.data, 0, n * cap);
                    int from = range[0];
                    int j = range[1] - from;
                    double[] x = random(n * p, r);
                    double[] out = new double[j * p];
                    v.transposeTimes(from, from + j, x, p, out);
                    for (int a = 0; a < j; a++) {
                        for (int b = 0; b < p; b++) {
                            double s = 0;
                            for (int i = 0; i < n; i++) {
                                s += v.data[i * cap + from + a] * x[i * p + b];
                            }
                            assertEquals(s, out[a * p + b], 1e-10 * Math.sqrt(n), "V^T X " + n + " " + p + " " + j);
                        }
                    }
                    double[] coef = random(j * p, r);
                    double[] y = x.clone();
                    v.subtractTimes(from, from + j, coef, y, p);
                    for (int i = 0; i < n; i += 97) {
                        for (int b = 0; b < p; b++) {
                            double s = x[i * p + b];
                            for (int a = 0; a < j; a++) {
                                s -= v.data[i * cap + from + a] * coef[a * p + b];
                            }
                            assertEquals(s, y[i * p + b], 1e-12 * j, "X - V C");
                        }
                    }
                }
            }
        }
    }

    @Test
    void rotateAndTimesMatchNaiveProducts() {
        Random r = new Random(2);
        int n = 3000;
        int cap = 20;
        for (int l : new int[] {1, 4, 6, 12}) {
            ColumnBlock v = new ColumnBlock(n, cap);
            System.arraycopy(random(n * cap, r), 0, v.data, 0, n * cap);
            double[] before = v.data.clone();
            int from = 3;
            int m = 14;
            double[] y = random(m * l, r);
            v.rotate(from, m, y, l);
            for (int i = 0; i < n; i += 7) {
                for (int t = 0; t < l; t++) {
                    double s = 0;
                    for (int a = 0; a < m; a++) {
                        s += before[i * cap + from + a] * y[a * l + t];
                    }
                    assertEquals(s, v.data[i * cap + from + t], 1e-12 * m);
                }
                assertEquals(before[i * cap], v.data[i * cap], 0.0, "columns before the range stay");
            }
            DMatrixRMaj x = DMatrixRMaj.wrap(n, 5, random(n * 5, r));
            DMatrixRMaj mm = DMatrixRMaj.wrap(5, l, random(5 * l, r));
            DMatrixRMaj prod = ColumnBlock.times(x, mm);
            DMatrixRMaj g = ColumnBlock.gram(x, prod);
            for (int i = 0; i < n; i += 11) {
                for (int t = 0; t < l; t++) {
                    double s = 0;
                    for (int a = 0; a < 5; a++) {
                        s += x.get(i, a) * mm.get(a, t);
                    }
                    assertEquals(s, prod.get(i, t), 1e-12);
                }
            }
            for (int a = 0; a < 5; a++) {
                for (int t = 0; t < l; t++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += x.get(i, a) * prod.get(i, t);
                    }
                    assertEquals(s, g.get(a, t), 1e-9);
                }
            }
        }
    }
}
