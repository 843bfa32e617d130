package lapis.datasets.molecules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lapis.graph.io.GraphFormatException;
import lapis.datasets.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoleculeCsvTest {
    private static final MoleculeCsvOptions Y = MoleculeCsvOptions.defaults().withTargetColumns(List.of("y"));

    /** Twenty small molecules: chains, rings with shared scaffolds, a salt; y = row number. */
    private static final String[] SMILES = {
        "CCO", "c1ccccc1", "Cc1ccccc1", "CCc1ccccc1", "OCc1ccccc1", "C1CCCCC1", "CC1CCCCC1", "c1ccncc1",
        "Cc1ccncc1", "CC(=O)O", "CCN", "CCCC", "C1CC1", "CC1CC1", "c1ccc2ccccc2c1", "Cc1ccc2ccccc2c1",
        "[Na+].[Cl-]", "O=C1CCCCC1", "C#N", "CCOC(=O)c1ccccc1"};

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private Path twenty() throws IOException {
        StringBuilder sb = new StringBuilder("id,smiles,y\n");
        for (int i = 0; i < SMILES.length; i++) {
            sb.append("m").append(i).append(',').append(SMILES[i]).append(',').append(i).append('\n');
        }
        return write("twenty.csv", sb.toString());
    }

    private static GraphFormatException failure(Path file, MoleculeCsvOptions options) {
        return assertThrows(GraphFormatException.class,
                () -> MoleculeCsv.load(file, options, null, ProgressListener.NONE));
    }

    @Test
    void benzeneInKekuleAndAromaticFormHasTheSameGraphAndFeatures() {
        Molecule aromatic = Molecule.fromSmiles("c1ccccc1");
        Molecule kekule = Molecule.fromSmiles("C1=CC=CC=C1");
        assertEquals(6, aromatic.atomCount());
        assertEquals(6, aromatic.bondCount());
        assertEquals(aromatic.graph(), kekule.graph());
        assertArrayEquals(aromatic.aromaticBonds(), kekule.aromaticBonds());
        assertArrayEquals(new boolean[] {true, true, true, true, true, true}, aromatic.ringBonds());
        assertArrayEquals(new boolean[] {true, true, true, true, true, true}, aromatic.aromaticBonds());
        int sum = 0;
        for (byte b : aromatic.bondOrders()) {
            sum += b;
        }
        assertEquals(9, sum, "three single and three double bonds");
        for (int i = 0; i < 6; i++) {
            assertEquals(AtomCategory.CH, aromatic.atomCategory(i));
        }
    }

    @Test
    void categoriesCountAllAttachedHydrogensAndWrittenHydrogensAreFolded() {
        Molecule ethanol = Molecule.fromSmiles("CCO");
        assertEquals(List.of(AtomCategory.CH3, AtomCategory.CH2, AtomCategory.OH),
                List.of(ethanol.atomCategory(0), ethanol.atomCategory(1), ethanol.atomCategory(2)));
        Molecule explicit = Molecule.fromSmiles("[H]C([H])([H])C([H])([H])O[H]");
        assertEquals(ethanol.graph(), explicit.graph());
        assertArrayEquals(ethanol.atomCategories(), explicit.atomCategories());
        Molecule ammonium = Molecule.fromSmiles("C[NH3+]");
        assertEquals(AtomCategory.NH3_PLUS, ammonium.atomCategory(1));
        Molecule silane = Molecule.fromSmiles("C[SiH3]");
        assertEquals(AtomCategory.OTHER, silane.atomCategory(1));
        assertEquals("NH3+", AtomCategory.NH3_PLUS.label());
    }

    @Test
    void bondFeaturesFollowTheDocumentedEdgeOrder() {
        Molecule m = Molecule.fromSmiles("C#CC=O");
        assertArrayEquals(new int[] {0, 1, 1, 2, 2, 3}, m.bondEndpoints());
        assertArrayEquals(new byte[] {3, 1, 2}, m.bondOrders());
        assertArrayEquals(new boolean[] {false, false, false}, m.ringBonds());
        Molecule reversed = Molecule.fromSmiles("O=CC#C");
        assertArrayEquals(new byte[] {2, 1, 3}, reversed.bondOrders());
    }

    @Test
    void badSmilesIsNamedWithItsLine() throws IOException {
        Path f = write("bad.csv", "smiles,y\nCCO,1\nC1CC,2\n");
        GraphFormatException e = failure(f, Y);
        assertEquals(f.toString(), e.source());
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("'C1CC' cannot be parsed"), e.problem());
        GraphFormatException k = failure(write("kek.csv", "smiles,y\nc1cccc1,1\n"), Y);
        assertEquals(2, k.line());
        assertTrue(k.problem().contains("kekul"), k.problem());
    }

    @Test
    void missingColumnsAreListedAtLineOne() throws IOException {
        Path f = write("cols.csv", "smiles,x\nCCO,1\n");
        GraphFormatException e = failure(f, MoleculeCsvOptions.defaults().withTargetColumns(List.of("y", "z")));
        assertEquals(1, e.line());
        assertTrue(e.problem().contains("missing columns 'y', 'z'"), e.problem());
        GraphFormatException s = failure(f, MoleculeCsvOptions.defaults().withSmilesColumn("SMILES"));
        assertTrue(s.problem().contains("missing column 'SMILES'"), s.problem());
    }

    @Test
    void emptyFileAndHeaderOnlyFileAreErrors() throws IOException {
        GraphFormatException empty = failure(write("empty.csv", ""), Y);
        assertEquals(1, empty.line());
        assertTrue(empty.problem().contains("the file is empty"), empty.problem());
        GraphFormatException header = failure(write("header.csv", "smiles,y\n\n"), Y);
        assertTrue(header.problem().contains("no data rows"), header.problem());
    }

    @Test
    void byteOrderMarkAndWindowsLineEndsLoadLikePlainText() throws IOException {
        String plain = "smiles,y\nCCO,1.5\nc1ccccc1,-2\n";
        MoleculeDataset a = MoleculeCsv.load(write("plain.csv", plain), Y, null, ProgressListener.NONE);
        Path bom = dir.resolve("bom.csv");
        byte[] body = plain.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(bom, withBom);
        MoleculeDataset b = MoleculeCsv.load(bom, Y, null, ProgressListener.NONE);
        assertEquals(a.molecules(), b.molecules());
        assertEquals(-2.0, b.molecule(1).target(0), 0);
    }

    @Test
    void duplicateRowNamesBothLinesUnlessAllowed() throws IOException {
        Path f = write("dup.csv", "smiles,y\nCCO,1\nCCN,2\nCCO,1\n");
        GraphFormatException e = failure(f, Y);
        assertEquals(4, e.line());
        assertTrue(e.problem().contains("also on line 2"), e.problem());
        MoleculeDataset kept = MoleculeCsv.load(f, Y.withAllowDuplicates(true), null, ProgressListener.NONE);
        assertEquals(3, kept.size());
        assertEquals(1, kept.report().duplicateRows());
    }

    @Test
    void missingNonNumericAndNonFiniteTargetsAreNamed() throws IOException {
        GraphFormatException missing = failure(write("m.csv", "smiles,y\nCCO,1\nCCN,\n"), Y);
        assertEquals(3, missing.line());
        assertTrue(missing.problem().contains("missing value for target 'y'"), missing.problem());
        GraphFormatException word = failure(write("w.csv", "smiles,y\nCCO,abc\n"), Y);
        assertEquals(2, word.line());
        assertTrue(word.problem().contains("target 'y' is 'abc', not a number"), word.problem());
        GraphFormatException nan = failure(write("n.csv", "smiles,y\nCCO,NaN\n"), Y);
        assertTrue(nan.problem().contains("not a finite number"), nan.problem());
        GraphFormatException fields = failure(write("f.csv", "smiles,y\nCCO,1,2\n"), Y);
        assertTrue(fields.problem().contains("3 fields; the header has 2"), fields.problem());
        GraphFormatException blank = failure(write("b.csv", "smiles,y\n\"\",1\n"), Y);
        assertTrue(blank.problem().contains("empty SMILES"), blank.problem());
        GraphFormatException quote = failure(write("q.csv", "smiles,y\nCCO,1\n\"CCN,2\n"), Y);
        assertEquals(3, quote.line());
        assertTrue(quote.problem().contains("malformed quotes"), quote.problem());
    }

    @Test
    void quotedFieldsAreRead() throws IOException {
        MoleculeDataset d = MoleculeCsv.load(write("q.csv", "\"name, long\",smiles,y\n\"a \"\"b\"\"\",\"CCO\",3\n"),
                Y, null, ProgressListener.NONE);
        assertEquals("CCO", d.molecule(0).smiles());
        assertEquals(3.0, d.molecule(0).target(0), 0);
    }

    @Test
    void skipPolicyCountsBadRowsAndKeepsTheFirstReasons() throws IOException {
        StringBuilder sb = new StringBuilder("smiles,y\n");
        List<Integer> badLines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            boolean bad = i % 2 == 1;
            sb.append(bad ? "C1CC" : "C".repeat(i + 1)).append(',').append(i).append('\n');
            if (bad) {
                badLines.add(i + 2);
            }
        }
        MoleculeDataset d = MoleculeCsv.load(write("skip.csv", sb.toString()), Y.withOnError(ErrorPolicy.SKIP), null,
                ProgressListener.NONE);
        assertEquals(15, d.size());
        assertEquals(30, d.report().rows());
        assertEquals(15, d.report().skipped());
        assertEquals(LoadReport.MAX_PROBLEMS, d.report().problems().size());
        for (int k = 0; k < LoadReport.MAX_PROBLEMS; k++) {
            assertEquals(badLines.get(k), d.report().problems().get(k).line());
        }
        for (Molecule m : d.molecules()) {
            assertEquals(m.row(), (int) m.target(0));
            assertEquals(m.row() + 1, m.atomCount());
        }
        GraphFormatException all = failure(write("allbad.csv", "smiles,y\nC1CC,1\nXx,2\n"),
                Y.withOnError(ErrorPolicy.SKIP));
        assertTrue(all.problem().contains("all 2 rows were skipped"), all.problem());
    }

    @Test
    void streamYieldsTheMoleculesOfTheLoadInOrder() throws IOException {
        Path f = twenty();
        MoleculeDataset d = MoleculeCsv.load(f, Y, null, ProgressListener.NONE);
        List<Molecule> streamed = new ArrayList<>();
        try (MoleculeStream s = MoleculeCsv.open(f, Y)) {
            s.forEachRemaining(streamed::add);
            assertEquals(20, s.report().rows());
            assertFalse(s.hasNext());
        }
        assertEquals(d.molecules(), streamed);
    }

    @Test
    void columnSplitReadsTheNamedPart() throws IOException {
        Path f = write("col.csv", "smiles,y,part\nCCO,1,train\nCCN,2,VAL\nCCC,3, test \nCCCl,4,valid\n");
        MoleculeDataset d = MoleculeCsv.load(f, Y.withSplit(SplitSpec.column("part")), null, ProgressListener.NONE);
        assertEquals(new DatasetSplit(new int[] {0}, new int[] {1, 3}, new int[] {2}), d.split());
        GraphFormatException bad = failure(write("colbad.csv", "smiles,y,part\nCCO,1,dev\n"),
                Y.withSplit(SplitSpec.column("part")));
        assertTrue(bad.problem().contains("'dev'"), bad.problem());
    }

    @Test
    void randomSplitIsASeededPartition() throws IOException {
        Path f = twenty();
        DatasetSplit a = MoleculeCsv.load(f, Y.withSplit(SplitSpec.random(0.6, 0.2, 7)), null,
                ProgressListener.NONE).split();
        DatasetSplit b = MoleculeCsv.load(f, Y.withSplit(SplitSpec.random(0.6, 0.2, 7)), null,
                ProgressListener.NONE).split();
        DatasetSplit c = MoleculeCsv.load(f, Y.withSplit(SplitSpec.random(0.6, 0.2, 8)), null,
                ProgressListener.NONE).split();
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertArrayEquals(new int[] {12, 4, 4}, a.sizes());
        assertPartition(a, 20);
    }

    @Test
    void sizeSplitPutsTheLargestMoleculesInTest() throws IOException {
        MoleculeDataset d = MoleculeCsv.load(twenty(), Y.withSplit(SplitSpec.size(0.5, 0.25)), null,
                ProgressListener.NONE);
        DatasetSplit s = d.split();
        assertArrayEquals(new int[] {10, 5, 5}, s.sizes());
        assertPartition(s, 20);
        int maxTrain = maxAtoms(d, s.train());
        int maxVal = maxAtoms(d, s.validation());
        assertTrue(maxTrain <= minAtoms(d, s.validation()));
        assertTrue(maxVal <= minAtoms(d, s.test()));
    }

    @Test
    void scaffoldSplitNeverSharesAScaffoldBetweenParts() throws IOException {
        MoleculeDataset d = MoleculeCsv.load(twenty(), Y.withSplit(SplitSpec.scaffold(0.6, 0.2)), null,
                ProgressListener.NONE);
        DatasetSplit s = d.split();
        assertPartition(s, 20);
        MoleculeParser parser = new MoleculeParser(true);
        List<Set<String>> scaffolds = new ArrayList<>();
        for (int[] part : new int[][] {s.train(), s.validation(), s.test()}) {
            Set<String> set = new HashSet<>();
            for (int i : part) {
                set.add(parser.parse(d.molecule(i).smiles(), new double[0], 0, 0).scaffold());
            }
            scaffolds.add(set);
        }
        for (int p = 0; p < 3; p++) {
            for (int q = p + 1; q < 3; q++) {
                Set<String> shared = new HashSet<>(scaffolds.get(p));
                shared.retainAll(scaffolds.get(q));
                assertTrue(shared.isEmpty(), "parts " + p + " and " + q + " share " + shared);
            }
        }
        // groups by size: acyclic 6, benzene 5, then pairs; both big groups fit in the 12 places of train
        assertTrue(scaffolds.get(0).contains("c1ccccc1"), scaffolds.toString());
        assertTrue(s.train().length <= 12);
        assertEquals("", parser.parse("CCCC", new double[0], 0, 0).scaffold());
    }

    @Test
    void corruptTruncatedAndForeignCacheFilesAreRebuilt() throws IOException {
        Path f = twenty();
        MoleculeCache cache = new MoleculeCache(dir.resolve("cache"));
        MoleculeDataset fresh = MoleculeCsv.load(f, Y, cache, ProgressListener.NONE);
        assertEquals(LoadReport.CacheOutcome.WRITTEN, fresh.report().cache());
        MoleculeDataset hit = MoleculeCsv.load(f, Y, cache, ProgressListener.NONE);
        assertEquals(LoadReport.CacheOutcome.HIT, hit.report().cache());
        assertEquals(fresh.molecules(), hit.molecules());
        assertEquals(fresh.split(), hit.split());
        Path file;
        try (var files = Files.list(cache.directory())) {
            file = files.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(file, flipped);
        MoleculeDataset rebuilt = MoleculeCsv.load(f, Y, cache, ProgressListener.NONE);
        assertEquals(LoadReport.CacheOutcome.REBUILT, rebuilt.report().cache());
        assertEquals(fresh.molecules(), rebuilt.molecules());
        assertArrayEquals(good, Files.readAllBytes(file), "the rebuilt cache file is the good one again");

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 100));
        assertEquals(LoadReport.CacheOutcome.REBUILT, MoleculeCsv.load(f, Y, cache, ProgressListener.NONE)
                .report().cache());

        MoleculeDataset other = MoleculeCsv.load(f, Y.withSplit(SplitSpec.size(0.5, 0.25)), cache,
                ProgressListener.NONE);
        assertEquals(LoadReport.CacheOutcome.WRITTEN, other.report().cache(), "other options, other key");
        Path otherFile = Path.of(other.report().cacheDetail().substring("wrote ".length()));
        Files.copy(otherFile, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        MoleculeDataset foreign = MoleculeCsv.load(f, Y, cache, ProgressListener.NONE);
        assertEquals(LoadReport.CacheOutcome.REBUILT, foreign.report().cache());
        assertTrue(foreign.report().cacheDetail().contains("holds key"), foreign.report().cacheDetail());
        assertEquals(fresh.split(), foreign.split());
    }

    @Test
    void changedSourceIsParsedAgainNotServedStale() throws IOException {
        Path f = write("s.csv", "smiles,y\nCCO,1\n");
        MoleculeCache cache = new MoleculeCache(dir.resolve("cache"));
        MoleculeCsv.load(f, Y, cache, ProgressListener.NONE);
        Files.writeString(f, "smiles,y\nCCO,2\n");
        MoleculeDataset changed = MoleculeCsv.load(f, Y, cache, ProgressListener.NONE);
        assertEquals(LoadReport.CacheOutcome.WRITTEN, changed.report().cache());
        assertEquals(2.0, changed.molecule(0).target(0), 0);
    }

    @Test
    void unwritableCacheIsReportedAndTheDataIsComplete() throws IOException {
        Path f = twenty();
        Path notADirectory = write("plain-file", "x");
        MoleculeDataset d = MoleculeCsv.load(f, Y, new MoleculeCache(notADirectory), ProgressListener.NONE);
        assertEquals(LoadReport.CacheOutcome.WRITE_FAILED, d.report().cache());
        assertEquals(20, d.size());
    }

    private static void assertPartition(DatasetSplit s, int n) {
        boolean[] seen = new boolean[n];
        for (int[] part : new int[][] {s.train(), s.validation(), s.test()}) {
            for (int i : part) {
                assertFalse(seen[i]);
                seen[i] = true;
            }
        }
        for (boolean b : seen) {
            assertTrue(b);
        }
    }

    private static int maxAtoms(MoleculeDataset d, int[] idx) {
        return d.subset(idx).stream().mapToInt(Molecule::atomCount).max().orElseThrow();
    }

    private static int minAtoms(MoleculeDataset d, int[] idx) {
        return d.subset(idx).stream().mapToInt(Molecule::atomCount).min().orElseThrow();
    }
}
