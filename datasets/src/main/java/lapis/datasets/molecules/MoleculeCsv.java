package lapis.datasets.molecules;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import lapis.graph.io.GraphFormatException;
import lapis.datasets.ProgressListener;

/**
 * Loads a user's CSV file of molecules (SMILES and numeric targets) into a {@link MoleculeDataset}, or streams it.
 *
 * <p>Format: UTF-8 (a byte-order mark is dropped), a header line, one molecule per row, \n or \r\n line ends,
 * RFC 4180 quoting; see {@link MoleculeStream} for what makes a row bad and {@link MoleculeCsvOptions} for the
 * columns, the split and the error policy. SMILES become graphs as described in {@link Molecule}.
 *
 * <p>Cost: one pass to hash the file (SHA-256) and, on a cache miss, one pass to parse it, about 0.1 ms per
 * drug-sized molecule once the JIT is warm; memory is that of the molecules kept. Stateless.
 */
public final class MoleculeCsv {
    /** Part of every cache key: bump when parsing changes what a molecule holds. */
    static final String PARSE_VERSION = "lapis-molecules-1 cdk-2.9 daylight-aromaticity";

    private MoleculeCsv() {
    }

    /**
     * The molecules of {@code csv}, one at a time, without splitting or caching. Close the stream when done.
     *
     * @throws GraphFormatException if the file is empty or lacks a named column
     * @throws UncheckedIOException if the file cannot be opened
     */
    public static MoleculeStream open(Path csv, MoleculeCsvOptions options) {
        Objects.requireNonNull(options, "options");
        try {
            InputStream in = Files.newInputStream(csv);
            return stream(in, csv.toString(), options, false, Files.size(csv), ProgressListener.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + csv, e);
        }
    }

    /**
     * Loads all molecules of {@code csv} and splits them, through the cache when one is given.
     *
     * @param cache where parsed datasets are kept, or null for none
     * @param progress receives bytes parsed (not called on a cache hit)
     * @throws GraphFormatException for an empty file, missing columns, no molecule kept, or (under FAIL) the first
     *     bad row, naming file and line
     * @throws UncheckedIOException if the file cannot be read
     */
    public static MoleculeDataset load(Path csv, MoleculeCsvOptions options, MoleculeCache cache,
            ProgressListener progress) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        String source = csv.toString();
        String sha;
        long size;
        try (InputStream in = new DigestInputStream(Files.newInputStream(csv), MoleculeCache.sha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            size = Files.size(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        return loadCached(source, sha, "", options, cache, progress, () -> Files.newInputStream(csv), size,
                parsed -> split(parsed, options.split()));
    }

    /** Opens the source again for parsing. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /** What a full parse collected: molecules, and per molecule the scaffold or split part when needed. */
    record Parsed(List<Molecule> molecules, List<String> scaffolds, int[] parts, LoadReport report) {
    }

    static MoleculeDataset loadCached(String source, String sha, String keyExtra, MoleculeCsvOptions options,
            MoleculeCache cache, ProgressListener progress, Opener opener, long size,
            Function<Parsed, DatasetSplit> splitter) {
        String key = MoleculeCache.sha256Hex(PARSE_VERSION + "\n" + source + "\n" + sha + "\n" + keyExtra + "\n"
                + options);
        MoleculeCache.Lookup lookup = cache == null ? null : cache.read(key);
        if (lookup != null && lookup.dataset() != null) {
            MoleculeDataset hit = lookup.dataset();
            return hit.withReport(hit.report().withCache(LoadReport.CacheOutcome.HIT, lookup.reason()));
        }
        Parsed parsed;
        try (InputStream in = opener.open()) {
            parsed = parseAll(in, source, options, size, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        DatasetSplit split = splitter.apply(parsed);
        MoleculeDataset dataset = new MoleculeDataset(source, sha, options.targetColumns(), parsed.molecules(), split,
                parsed.report());
        if (cache == null) {
            return dataset;
        }
        LoadReport.CacheOutcome outcome = lookup.corrupt() ? LoadReport.CacheOutcome.REBUILT
                : LoadReport.CacheOutcome.WRITTEN;
        String detail = (lookup.corrupt() ? lookup.reason() + "; rewrote " : "wrote ") + cache.fileFor(key);
        try {
            cache.write(key, dataset);
        } catch (IOException | UncheckedIOException e) {
            outcome = LoadReport.CacheOutcome.WRITE_FAILED;
            detail = "cannot write the cache " + cache.fileFor(key) + ": " + e;
        }
        return dataset.withReport(dataset.report().withCache(outcome, detail));
    }

    static MoleculeStream stream(InputStream in, String source, MoleculeCsvOptions options, boolean scaffolds,
            long size, ProgressListener progress) {
        CountingStream counting = new CountingStream(in);
        BufferedReader reader = new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8), 1 << 16);
        return new MoleculeStream(reader, source, options, scaffolds, counting::count, size, progress);
    }

    private static Parsed parseAll(InputStream in, String source, MoleculeCsvOptions options, long size,
            ProgressListener progress) {
        boolean scaffolds = options.split() instanceof SplitSpec.Scaffold;
        List<Molecule> molecules = new ArrayList<>();
        List<String> scaffoldOf = new ArrayList<>();
        int[] parts = new int[16];
        try (MoleculeStream s = stream(in, source, options, scaffolds, size, progress)) {
            while (s.hasNext()) {
                molecules.add(s.next());
                if (scaffolds) {
                    scaffoldOf.add(s.lastScaffold());
                }
                if (molecules.size() > parts.length) {
                    parts = Arrays.copyOf(parts, 2 * parts.length);
                }
                parts[molecules.size() - 1] = s.lastSplitPart();
            }
            LoadReport report = s.report();
            if (molecules.isEmpty()) {
                String why = report.rows() == 0 ? "the file has a header but no data rows"
                        : "all " + report.rows() + " rows were skipped; the first: " + report.problems().get(0);
                throw new GraphFormatException(source, report.rows() == 0 ? 1 : report.problems().get(0).line(),
                        "no molecules: " + why, null);
            }
            return new Parsed(molecules, scaffoldOf, Arrays.copyOf(parts, molecules.size()), report);
        }
    }

    /** The split a spec asks for, over the parsed molecules. */
    static DatasetSplit split(Parsed parsed, SplitSpec spec) {
        int m = parsed.molecules().size();
        if (spec instanceof SplitSpec.Column) {
            return byPart(parsed.parts());
        }
        if (spec instanceof SplitSpec.Random r) {
            int[] order = new int[m];
            Arrays.setAll(order, i -> i);
            SplittableRandom rnd = new SplittableRandom(r.seed());
            for (int i = m - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            return cut(order, r.train(), r.validation());
        }
        if (spec instanceof SplitSpec.Size s) {
            Integer[] order = new Integer[m];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, Comparator.comparingInt((Integer i) -> parsed.molecules().get(i).atomCount())
                    .thenComparingInt(i -> i));
            return cut(Arrays.stream(order).mapToInt(Integer::intValue).toArray(), s.train(), s.validation());
        }
        if (spec instanceof SplitSpec.Scaffold s) {
            return scaffoldSplit(parsed.scaffolds(), s.train(), s.validation());
        }
        return DatasetSplit.allTrain(m);
    }

    private static DatasetSplit byPart(int[] parts) {
        int[][] idx = new int[3][parts.length];
        int[] count = new int[3];
        for (int i = 0; i < parts.length; i++) {
            idx[parts[i]][count[parts[i]]++] = i;
        }
        return new DatasetSplit(Arrays.copyOf(idx[0], count[0]), Arrays.copyOf(idx[1], count[1]),
                Arrays.copyOf(idx[2], count[2]));
    }

    private static DatasetSplit cut(int[] order, double train, double validation) {
        int m = order.length;
        int a = (int) Math.round(train * m);
        int b = Math.min(m, a + (int) Math.round(validation * m));
        return new DatasetSplit(Arrays.copyOfRange(order, 0, a), Arrays.copyOfRange(order, a, b),
                Arrays.copyOfRange(order, b, m));
    }

    private static DatasetSplit scaffoldSplit(List<String> scaffolds, double train, double validation) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < scaffolds.size(); i++) {
            groups.computeIfAbsent(scaffolds.get(i), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> sets = new ArrayList<>(groups.values());
        sets.sort(Comparator.comparingInt((List<Integer> g) -> -g.size()).thenComparingInt(g -> g.get(0)));
        int m = scaffolds.size();
        double trainCut = train * m;
        double validationCut = (train + validation) * m;
        List<Integer> tr = new ArrayList<>();
        List<Integer> va = new ArrayList<>();
        List<Integer> te = new ArrayList<>();
        for (List<Integer> g : sets) {
            if (tr.size() + g.size() > trainCut) {
                if (tr.size() + va.size() + g.size() > validationCut) {
                    te.addAll(g);
                } else {
                    va.addAll(g);
                }
            } else {
                tr.addAll(g);
            }
        }
        return new DatasetSplit(toArray(tr), toArray(va), toArray(te));
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Counts the bytes read through it, for progress. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }
}
