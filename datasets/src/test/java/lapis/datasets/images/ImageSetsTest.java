package lapis.datasets.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import lapis.graph.io.GraphFormatException;
import org.junit.jupiter.api.Test;

class ImageSetsTest {

    private static int[] classCounts(ImageSet s) {
        int[] c = new int[10];
        for (int i = 0; i < s.size(); i++) {
            c[s.label(i)]++;
        }
        return c;
    }

    private static double maxPixel(ImageSet s) {
        double max = 0;
        for (int i = 0; i < s.size(); i++) {
            for (int k = 0; k < s.dimension(); k++) {
                double v = s.pixel(i, k);
                assertTrue(v >= 0 && v <= s.maxIntensity() && v == Math.rint(v));
                max = Math.max(max, v);
            }
        }
        return max;
    }

    @Test
    void digitsAreSeventeenNinetySevenImagesInR64WithTheSklearnClassCounts() {
        ImageSet d = ImageSets.digits();
        assertEquals(1797, d.size());
        assertEquals(64, d.dimension());
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, classCounts(d));
        assertEquals(16, maxPixel(d));
        // every digit's outer columns are nearly empty: the mean of column 0 is far below that of column 3
        double edge = 0;
        double middle = 0;
        for (int i = 0; i < d.size(); i++) {
            for (int r = 0; r < 8; r++) {
                edge += d.pixel(i, 8 * r);
                middle += d.pixel(i, 8 * r + 3);
            }
        }
        assertTrue(edge < 0.05 * middle, edge + " vs " + middle);
        assertEquals(d.size(), d.points().size());
    }

    @Test
    void mnistAndFashionMnistTestSetsHaveTheirKnownClassCounts() {
        ImageSet mnist = ImageSets.mnistTest();
        assertEquals(10_000, mnist.size());
        assertEquals(784, mnist.dimension());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, classCounts(mnist));
        assertEquals(255, maxPixel(mnist));
        ImageSet fashion = ImageSets.fashionMnistTest();
        assertEquals(10_000, fashion.size());
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
                classCounts(fashion));
    }

    private static byte[] idx(int magic, int... dims) {
        int body = 1;
        for (int d : dims) {
            body *= d;
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        for (int k = 0; k < body; k++) {
            b.put((byte) (k % 10));
        }
        return b.array();
    }

    private static GraphFormatException idxFailure(byte[] images, byte[] labels) {
        return assertThrows(GraphFormatException.class, () -> ImageSets.readIdx("t", new ByteArrayInputStream(images),
                "img", new ByteArrayInputStream(labels), "lab"));
    }

    @Test
    void idxReaderAcceptsPlainAndGzipAndRefusesBrokenFiles() throws IOException {
        byte[] images = idx(0x803, 3, 2, 2);
        byte[] labels = idx(0x801, 3);
        ImageSet plain = ImageSets.readIdx("t", new ByteArrayInputStream(images), "img",
                new ByteArrayInputStream(labels), "lab");
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1}, plain.pixels(), 0);
        assertArrayEquals(new int[] {0, 1, 2}, plain.labels());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(images);
        }
        assertEquals(plain, ImageSets.readIdx("t", new ByteArrayInputStream(gz.toByteArray()), "img",
                new ByteArrayInputStream(labels), "lab"));

        assertTrue(idxFailure(idx(0x801, 3), labels).problem().contains("magic number 0x801"));
        GraphFormatException count = idxFailure(images, idx(0x801, 4));
        assertEquals("lab", count.source());
        assertTrue(count.problem().contains("4 labels for the 3 images"), count.problem());
        GraphFormatException cut = idxFailure(java.util.Arrays.copyOf(images, images.length - 1), labels);
        assertTrue(cut.problem().contains("ends before all 12 pixels"), cut.problem());
        GraphFormatException longer = idxFailure(java.util.Arrays.copyOf(images, images.length + 1), labels);
        assertTrue(longer.problem().contains("bytes follow the 3 images"), longer.problem());
    }

    @Test
    void digitsCsvErrorsNameTheLine() throws IOException {
        StringBuilder good = new StringBuilder();
        for (int k = 0; k < 64; k++) {
            good.append(k % 17).append(',');
        }
        String line = good + "7\n";
        GraphFormatException label = assertThrows(GraphFormatException.class,
                () -> ImageSets.readDigitsCsv(gzip(line + good + "12\n"), "d.csv.gz"));
        assertEquals(2, label.line());
        assertTrue(label.problem().contains("the label is 12"), label.problem());
        GraphFormatException width = assertThrows(GraphFormatException.class,
                () -> ImageSets.readDigitsCsv(gzip(line + "1,2,3\n"), "d.csv.gz"));
        assertTrue(width.problem().contains("3 fields"), width.problem());
        assertEquals(7, ImageSets.readDigitsCsv(gzip(line), "d.csv.gz").label(0));
    }

    private static ByteArrayInputStream gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
