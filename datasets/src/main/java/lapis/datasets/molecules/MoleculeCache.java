package lapis.datasets.molecules;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;

/**
 * A directory of parsed molecule datasets in a binary format, so that a second load skips SMILES parsing.
 *
 * <p>Key: the loaders key an entry by the SHA-256 of the source bytes (and of the split file, for ZINC), the source
 * name, the load options and the parser version; the file is {@code molecules-<key>.bin}. The file repeats its key
 * and ends with the CRC-32C of everything before it (a check against truncation and bit rot, cheap enough to keep
 * a cache hit fast; the SHA-256 in the key is what ties the entry to its source). On reading, a missing file is a
 * miss; a file whose magic, version, key, checksum or content is wrong is corrupt or stale and is never trusted: the
 * loader parses the source again and replaces it. Writes go to a temporary file in the same directory, then an
 * atomic rename, so a reader sees the old file or the new one, never half of one. Safe for concurrent loaders: the
 * last rename wins and both files are whole.
 */
public final class MoleculeCache {
    private static final byte[] MAGIC = "LAPISMOL".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private final Path directory;

    /** A cache in {@code directory}, created when first written. */
    public MoleculeCache(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The cache in ~/.cache/lapis (from the system property user.home). */
    public static MoleculeCache inUserHome() {
        return new MoleculeCache(Path.of(System.getProperty("user.home"), ".cache", "lapis"));
    }

    /** The cache directory. */
    public Path directory() {
        return directory;
    }

    /** The file that holds the entry for a key. */
    public Path fileFor(String key) {
        return directory.resolve("molecules-" + key + ".bin");
    }

    /** The outcome of a lookup: a dataset (hit), or null with whether a file was there and why it was refused. */
    record Lookup(MoleculeDataset dataset, boolean corrupt, String reason) {
    }

    Lookup read(String key) {
        Path file = fileFor(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Lookup(null, false, "no cache file " + file);
        } catch (IOException e) {
            return new Lookup(null, true, "cannot read " + file + ": " + e.getMessage());
        }
        if (bytes.length < MAGIC.length + 8
                || crc(bytes, bytes.length - 8) != ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong()) {
            return new Lookup(null, true, file + " is truncated or corrupt (checksum mismatch)");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 8);
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            int version = in.getInt();
            if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
                return new Lookup(null, true, file + " is not a version " + VERSION + " molecule cache");
            }
            String storedKey = readString(in);
            if (!storedKey.equals(key)) {
                return new Lookup(null, true, file + " holds key " + storedKey + ", not " + key);
            }
            return new Lookup(readDataset(in), false, "read " + file);
        } catch (IOException | RuntimeException e) {
            return new Lookup(null, true, file + " cannot be decoded: " + e);
        }
    }

    /** Writes the entry atomically. @throws IOException if the directory or file cannot be written */
    void write(String key, MoleculeDataset dataset) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            writeString(out, key);
            writeDataset(out, dataset);
        }
        byte[] body = buffer.toByteArray();
        byte[] checksum = ByteBuffer.allocate(8).putLong(crc(body, body.length)).array();
        Files.createDirectories(directory);
        Path target = fileFor(key);
        Path tmp = Files.createTempFile(directory, "molecules-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(body);
                out.write(checksum);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeDataset(DataOutputStream out, MoleculeDataset d) throws IOException {
        writeString(out, d.source());
        writeString(out, d.sha256());
        out.writeInt(d.targetNames().size());
        for (String t : d.targetNames()) {
            writeString(out, t);
        }
        out.writeInt(d.size());
        for (Molecule m : d.molecules()) {
            out.writeInt(m.row());
            out.writeInt(m.line());
            writeString(out, m.smiles());
            int n = m.atomCount();
            out.writeInt(n);
            for (int c : m.atomCategories()) {
                out.writeByte(c);
            }
            out.writeInt(m.bondCount());
            int[] ends = m.bondEndpoints();
            byte[] orders = m.bondOrders();
            boolean[] aromatic = m.aromaticBonds();
            boolean[] ring = m.ringBonds();
            for (int e = 0; e < orders.length; e++) {
                writeIndex(out, ends[2 * e], n);
                writeIndex(out, ends[2 * e + 1], n);
                out.writeByte(orders[e] | (aromatic[e] ? 4 : 0) | (ring[e] ? 8 : 0));
            }
            for (double t : m.targets()) {
                out.writeDouble(t);
            }
        }
        DatasetSplit s = d.split();
        writeInts(out, s.train());
        writeInts(out, s.validation());
        writeInts(out, s.test());
        LoadReport r = d.report();
        out.writeInt(r.rows());
        out.writeInt(r.skipped());
        out.writeInt(r.problems().size());
        for (LoadReport.Problem p : r.problems()) {
            writeString(out, p.source());
            out.writeInt(p.line());
            writeString(out, p.problem());
        }
        out.writeInt(r.duplicateRows());
        out.writeLong(r.otherAtoms());
    }

    private static MoleculeDataset readDataset(ByteBuffer in) throws IOException {
        String source = readString(in);
        String sha = readString(in);
        List<String> targets = new ArrayList<>();
        for (int t = in.getInt(); t > 0; t--) {
            targets.add(readString(in));
        }
        int count = in.getInt();
        List<Molecule> molecules = new ArrayList<>(count);
        AtomCategory[] categories = AtomCategory.values();
        for (int k = 0; k < count; k++) {
            int row = in.getInt();
            int line = in.getInt();
            String smiles = readString(in);
            int n = in.getInt();
            int[] cats = new int[n];
            for (int i = 0; i < n; i++) {
                cats[i] = Byte.toUnsignedInt(in.get());
                if (cats[i] >= categories.length) {
                    throw new IOException("atom category " + cats[i] + " out of range");
                }
            }
            int m = in.getInt();
            GraphBuilder b = new GraphBuilder(n, GraphOptions.defaults());
            byte[] orders = new byte[m];
            boolean[] aromatic = new boolean[m];
            boolean[] ring = new boolean[m];
            for (int e = 0; e < m; e++) {
                int u = readIndex(in, n);
                b.addEdge(u, readIndex(in, n), 1.0);
                int bits = Byte.toUnsignedInt(in.get());
                orders[e] = (byte) (bits & 3);
                aromatic[e] = (bits & 4) != 0;
                ring[e] = (bits & 8) != 0;
            }
            Graph g = b.build();
            double[] values = new double[targets.size()];
            for (int t = 0; t < values.length; t++) {
                values[t] = in.getDouble();
            }
            molecules.add(new Molecule(row, line, smiles, g, cats, orders, aromatic, ring, values));
        }
        DatasetSplit split = new DatasetSplit(readInts(in), readInts(in), readInts(in));
        int rows = in.getInt();
        int skipped = in.getInt();
        List<LoadReport.Problem> problems = new ArrayList<>();
        for (int p = in.getInt(); p > 0; p--) {
            problems.add(new LoadReport.Problem(readString(in), in.getInt(), readString(in)));
        }
        int duplicates = in.getInt();
        long other = in.getLong();
        if (in.hasRemaining()) {
            throw new IOException("trailing bytes after the dataset");
        }
        LoadReport report = new LoadReport(rows, skipped, problems, duplicates, other, LoadReport.CacheOutcome.HIT,
                "");
        return new MoleculeDataset(source, sha, targets, molecules, split, report);
    }

    /** An atom index: one byte in molecules of at most 256 atoms, else four. */
    private static void writeIndex(DataOutputStream out, int i, int n) throws IOException {
        if (n <= 256) {
            out.writeByte(i);
        } else {
            out.writeInt(i);
        }
    }

    private static int readIndex(ByteBuffer in, int n) {
        return n <= 256 ? Byte.toUnsignedInt(in.get()) : in.getInt();
    }

    private static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(ByteBuffer in) throws IOException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining() / 4) {
            throw new IOException("array length " + length + " exceeds the remaining bytes");
        }
        int[] a = new int[length];
        in.asIntBuffer().get(a);
        in.position(in.position() + 4 * length);
        return a;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(ByteBuffer in) throws IOException {
        int len = in.getInt();
        if (len < 0 || len > in.remaining()) {
            throw new IOException("string length " + len + " exceeds the remaining bytes");
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), len, StandardCharsets.UTF_8);
        in.position(in.position() + len);
        return s;
    }

    private static long crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    /** A fresh SHA-256 digest. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }

    /** Lower-case hex of the SHA-256 of the UTF-8 text. */
    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
