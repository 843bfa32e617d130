package lapis.datasets.molecules;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import lapis.graph.io.Csv;
import lapis.graph.io.GraphFormatException;
import lapis.datasets.ProgressListener;

/**
 * ZINC 12k, the "ZINC subset" molecular regression benchmark (Dwivedi et al., "Benchmarking graph neural networks",
 * JMLR 24, 2023; molecules from Irwin et al., ZINC, 2012), bundled in this module with its SOURCES.md.
 *
 * <p>12,000 molecules with the standard split of the benchmark: rows 0-9999 train, 10000-10999 validation,
 * 11000-11999 test, read from the bundled splits.csv and checked to cover every row exactly once. The benchmark
 * target is {@value #TARGET} ("constrained solubility": standardised logP minus synthetic accessibility minus the
 * large-ring penalty; mean 0.027 and standard deviation 1.929 over the 12k); the other numeric columns of
 * {@link #COLUMNS} can be chosen instead or as well. 112 rows repeat an earlier row exactly (111 distinct SMILES);
 * the benchmark keeps them and so does this loader ({@link LoadReport#duplicateRows()} is 112). Any unreadable row
 * is an error.
 *
 * <p>Cost: about a second or two to parse on first load (CDK), then well under a second from the cache.
 */
public final class ZincDataset {
    /** The benchmark target column. */
    public static final String TARGET = "penalized_logp";
    /** The numeric columns of the bundled file. */
    public static final List<String> COLUMNS = List.of("logp", "sa", "max_ring_penalty", "score", "penalized_logp");
    /** Number of molecules. */
    public static final int SIZE = 12_000;

    private static final String DIR = "/lapis/datasets/zinc/";
    private static final String DATA = "zinc12k.csv";
    private static final String SPLITS = "splits.csv";

    private ZincDataset() {
    }

    /** ZINC 12k with the target {@value #TARGET}. See {@link #load(List, MoleculeCache, ProgressListener)}. */
    public static MoleculeDataset load(MoleculeCache cache, ProgressListener progress) {
        return load(List.of(TARGET), cache, progress);
    }

    /**
     * ZINC 12k with the given targets, in that order, and the standard split.
     *
     * @param targets names from {@link #COLUMNS}
     * @param cache where the parsed dataset is kept, or null for none
     * @param progress receives bytes parsed on a cache miss
     * @throws IllegalArgumentException naming an unknown target
     */
    public static MoleculeDataset load(List<String> targets, MoleculeCache cache, ProgressListener progress) {
        for (String t : targets) {
            if (!COLUMNS.contains(t)) {
                throw new IllegalArgumentException("ZINC has no target column '" + t + "'; choose from " + COLUMNS);
            }
        }
        Objects.requireNonNull(progress, "progress");
        byte[] data = resource(DATA);
        byte[] splits = resource(SPLITS);
        MoleculeCsvOptions options = MoleculeCsvOptions.defaults().withTargetColumns(targets).withAllowDuplicates(true);
        String splitSha = sha256(splits);
        return MoleculeCsv.loadCached(DATA, sha256(data), SPLITS + " " + splitSha, options, cache, progress,
                () -> new ByteArrayInputStream(data), data.length, parsed -> standardSplit(parsed, splits));
    }

    private static DatasetSplit standardSplit(MoleculeCsv.Parsed parsed, byte[] splits) {
        List<Molecule> molecules = parsed.molecules();
        for (int i = 0; i < molecules.size(); i++) {
            if (molecules.get(i).row() != i) {
                throw new IllegalStateException("molecule " + i + " comes from row " + molecules.get(i).row());
            }
        }
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int[] lineOf = new int[molecules.size()];
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(splits),
                StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || !Csv.fields(SPLITS, 1, header.replace("\uFEFF", "")).equals(List.of("train", "val",
                    "test"))) {
                throw new GraphFormatException(SPLITS, 1, "expected the header train,val,test, found " + header, null);
            }
            int line = 1;
            for (String text = r.readLine(); text != null; text = r.readLine()) {
                line++;
                List<String> fields = Csv.fields(SPLITS, line, text);
                if (fields.size() != 3) {
                    throw new GraphFormatException(SPLITS, line, "expected 3 fields, found " + fields.size(), null);
                }
                for (int p = 0; p < 3; p++) {
                    String f = fields.get(p).strip();
                    if (f.isEmpty()) {
                        continue;
                    }
                    int row;
                    try {
                        row = Integer.parseInt(f);
                    } catch (NumberFormatException e) {
                        throw new GraphFormatException(SPLITS, line, "row index '" + f + "' is not an integer", e);
                    }
                    if (row < 0 || row >= molecules.size()) {
                        throw new GraphFormatException(SPLITS, line, "row index " + row + " is out of range 0.."
                                + (molecules.size() - 1), null);
                    }
                    if (lineOf[row] != 0) {
                        throw new GraphFormatException(SPLITS, line, "row " + row + " is also on line " + lineOf[row],
                                null);
                    }
                    lineOf[row] = line;
                    parts.get(p).add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SPLITS, e);
        }
        for (int row = 0; row < lineOf.length; row++) {
            if (lineOf[row] == 0) {
                throw new GraphFormatException(SPLITS, 0, "row " + row + " of " + DATA + " is in no part of the split",
                        null);
            }
        }
        return new DatasetSplit(toArray(parts.get(0)), toArray(parts.get(1)), toArray(parts.get(2)));
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static byte[] resource(String name) {
        try (InputStream in = ZincDataset.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("the bundled resource " + DIR + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled resource " + DIR + name, e);
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(MoleculeCache.sha256().digest(bytes));
    }
}
