package lapis.datasets.images;

import java.util.Arrays;
import java.util.Objects;
import lapis.datasets.points.PointCloud;

/**
 * n labelled grey-scale images of rows x columns pixels, as points in R^(rows columns): image i is row i of the
 * n x d row-major matrix {@code pixels}, its pixels in row-major order, with the raw intensities of the source in
 * [0, maxIntensity] (16 for the 8x8 digits, 255 for MNIST). Arrays are copied in and out; use {@link #pixel} and
 * {@link #image} to avoid copying everything.
 *
 * @param name the set, e.g. "digits"
 * @param rows image height
 * @param columns image width
 * @param pixels n x (rows columns), row-major
 * @param labels n class labels
 * @param maxIntensity the largest possible pixel value
 */
public record ImageSet(String name, int rows, int columns, double[] pixels, int[] labels, double maxIntensity) {

    public ImageSet {
        Objects.requireNonNull(name, "name");
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("images of " + rows + "x" + columns + " pixels");
        }
        if (pixels.length != labels.length * rows * columns) {
            throw new IllegalArgumentException(pixels.length + " pixels for " + labels.length + " images of " + rows
                    + "x" + columns);
        }
        pixels = pixels.clone();
        labels = labels.clone();
    }

    /** Number of images n. */
    public int size() {
        return labels.length;
    }

    /** The dimension d = rows columns of the points. */
    public int dimension() {
        return rows * columns;
    }

    /** Pixel k (row-major) of image i. */
    public double pixel(int i, int k) {
        return pixels[i * dimension() + k];
    }

    /** A copy of image i. */
    public double[] image(int i) {
        return Arrays.copyOfRange(pixels, i * dimension(), (i + 1) * dimension());
    }

    /** The label of image i. */
    public int label(int i) {
        return labels[i];
    }

    /** The images as a point cloud in R^d, density unknown. */
    public PointCloud points() {
        return new PointCloud(dimension(), pixels, null);
    }

    @Override
    public double[] pixels() {
        return pixels.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageSet s && name.equals(s.name) && rows == s.rows && columns == s.columns
                && maxIntensity == s.maxIntensity && Arrays.equals(pixels, s.pixels) && Arrays.equals(labels, s.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, rows, columns, Arrays.hashCode(labels));
    }

    @Override
    public String toString() {
        return "ImageSet[" + name + ", n=" + size() + ", " + rows + "x" + columns + "]";
    }
}
