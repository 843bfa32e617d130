package lapis.datasets.images;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import lapis.graph.io.Csv;
import lapis.graph.io.GraphFormatException;

/**
 * The bundled image manifolds (resources lapis/datasets/images/, origins and licences in its SOURCES.md) and
 * readers for their formats. Each call reads the files again; keep the result. Cost: linear in the pixels
 * (MNIST: 7.8 million pixels, 63 MB as doubles). Stateless.
 */
public final class ImageSets {
    private static final String DIR = "/lapis/datasets/images/";
    private static final int IMAGES_MAGIC = 0x803;
    private static final int LABELS_MAGIC = 0x801;

    private ImageSets() {
    }

    /**
     * The 1,797 8x8 handwritten digits of scikit-learn (UCI optical digits; Alpaydin and Kaynak 1998), pixels
     * 0..16, labels 0..9 (BSD-3-Clause).
     */
    public static ImageSet digits() {
        try (InputStream in = open("digits.csv.gz")) {
            return readDigitsCsv(in, "digits.csv.gz");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled digits.csv.gz", e);
        }
    }

    /** The 10,000 MNIST test images, 28x28, pixels 0..255, labels 0..9 (LeCun and Cortes; see mnist/SOURCES.md). */
    public static ImageSet mnistTest() {
        return idxPair("mnist", "mnist/mnist-t10k-images-idx3-ubyte.gz", "mnist/mnist-t10k-labels-idx1-ubyte.gz");
    }

    /** The 10,000 Fashion-MNIST test images, 28x28, pixels 0..255, 1,000 per class 0..9 (Zalando, MIT). */
    public static ImageSet fashionMnistTest() {
        return idxPair("fashion-mnist", "fashion-mnist-t10k-images-idx3-ubyte.gz",
                "fashion-mnist-t10k-labels-idx1-ubyte.gz");
    }

    /**
     * Reads scikit-learn's digits.csv.gz: gzip, no header, each line 64 pixels 0..16 then the label 0..9.
     *
     * @throws GraphFormatException naming the line of a bad value or field count
     */
    public static ImageSet readDigitsCsv(InputStream gzip, String source) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(gzip), StandardCharsets.UTF_8));
        double[] pixels = new double[64 * 2048];
        int[] labels = new int[2048];
        int n = 0;
        int line = 0;
        for (String text = r.readLine(); text != null; text = r.readLine()) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            List<String> f = Csv.fields(source, line, text);
            if (f.size() != 65) {
                throw new GraphFormatException(source, line, "the line has " + f.size() + " fields; expected 64 pixels"
                        + " and a label", null);
            }
            if (n == labels.length) {
                labels = Arrays.copyOf(labels, 2 * n);
                pixels = Arrays.copyOf(pixels, 2 * 64 * n);
            }
            for (int k = 0; k < 65; k++) {
                double v;
                try {
                    v = Double.parseDouble(f.get(k).strip());
                } catch (NumberFormatException e) {
                    throw new GraphFormatException(source, line, "field " + (k + 1) + " '" + f.get(k)
                            + "' is not a number", e);
                }
                int max = k < 64 ? 16 : 9;
                if (!(v >= 0 && v <= max) || v != Math.rint(v)) {
                    throw new GraphFormatException(source, line, (k < 64 ? "pixel " + k : "the label") + " is "
                            + f.get(k) + "; expected an integer in 0.." + max, null);
                }
                if (k < 64) {
                    pixels[64 * n + k] = v;
                } else {
                    labels[n] = (int) v;
                }
            }
            n++;
        }
        if (n == 0) {
            throw new GraphFormatException(source, line, "no images", null);
        }
        return new ImageSet("digits", 8, 8, Arrays.copyOf(pixels, 64 * n), Arrays.copyOf(labels, n), 16);
    }

    /**
     * Reads an IDX image file (magic 0x803: count, rows, columns, then unsigned bytes) and its IDX label file
     * (magic 0x801: count, then unsigned bytes), each gzip-compressed or not (detected). Streams are not closed.
     *
     * @throws GraphFormatException (line 0) for a wrong magic number, a short file, extra bytes or counts that
     *     differ between the two files
     */
    public static ImageSet readIdx(String name, InputStream images, String imagesSource, InputStream labels,
            String labelsSource) throws IOException {
        DataInputStream img = new DataInputStream(new BufferedInputStream(maybeGunzip(images), 1 << 16));
        DataInputStream lab = new DataInputStream(new BufferedInputStream(maybeGunzip(labels), 1 << 16));
        int magic = readHeaderInt(img, imagesSource, "magic number");
        if (magic != IMAGES_MAGIC) {
            throw new GraphFormatException(imagesSource, 0, String.format("magic number 0x%x; an IDX image file has"
                    + " 0x803 (unsigned bytes, 3 dimensions)", magic), null);
        }
        int n = readHeaderInt(img, imagesSource, "image count");
        int rows = readHeaderInt(img, imagesSource, "row count");
        int cols = readHeaderInt(img, imagesSource, "column count");
        if (n < 0 || rows < 1 || cols < 1 || (long) n * rows * cols > Integer.MAX_VALUE) {
            throw new GraphFormatException(imagesSource, 0, "unusable dimensions " + n + " x " + rows + " x " + cols,
                    null);
        }
        int labelMagic = readHeaderInt(lab, labelsSource, "magic number");
        if (labelMagic != LABELS_MAGIC) {
            throw new GraphFormatException(labelsSource, 0, String.format("magic number 0x%x; an IDX label file has"
                    + " 0x801", labelMagic), null);
        }
        int m = readHeaderInt(lab, labelsSource, "label count");
        if (m != n) {
            throw new GraphFormatException(labelsSource, 0, m + " labels for the " + n + " images of " + imagesSource,
                    null);
        }
        byte[] raw = new byte[n * rows * cols];
        readFully(img, raw, imagesSource, "pixels");
        byte[] rawLabels = new byte[n];
        readFully(lab, rawLabels, labelsSource, "labels");
        if (img.read() != -1) {
            throw new GraphFormatException(imagesSource, 0, "bytes follow the " + n + " images", null);
        }
        if (lab.read() != -1) {
            throw new GraphFormatException(labelsSource, 0, "bytes follow the " + n + " labels", null);
        }
        double[] pixels = new double[raw.length];
        for (int k = 0; k < raw.length; k++) {
            pixels[k] = Byte.toUnsignedInt(raw[k]);
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = Byte.toUnsignedInt(rawLabels[i]);
        }
        return new ImageSet(name, rows, cols, pixels, y, 255);
    }

    private static ImageSet idxPair(String name, String images, String labels) {
        try (InputStream img = open(images); InputStream lab = open(labels)) {
            return readIdx(name, img, images, lab, labels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + images + " or " + labels, e);
        }
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in);
        b.mark(2);
        int first = b.read();
        int second = b.read();
        b.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(b, 1 << 16) : b;
    }

    private static int readHeaderInt(DataInputStream in, String source, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new GraphFormatException(source, 0, "the file ends before its " + what, e);
        }
    }

    private static void readFully(DataInputStream in, byte[] into, String source, String what) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new GraphFormatException(source, 0, "the file ends before all " + into.length + " " + what, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = ImageSets.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("the bundled resource " + DIR + name + " is missing from the jar");
        }
        return in;
    }
}
