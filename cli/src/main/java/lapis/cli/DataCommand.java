package lapis.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lapis.datasets.ProgressListener;
import lapis.graph.IndexedGraph;
import lapis.graph.VertexOrder;
import lapis.graph.io.AtomicFiles;
import lapis.graph.io.Csv;
import lapis.graph.io.GraphFormat;
import lapis.graph.io.GraphWriter;
import lapis.datasets.molecules.AtomCategory;
import lapis.datasets.molecules.ErrorPolicy;
import lapis.datasets.molecules.LoadReport;
import lapis.datasets.molecules.Molecule;
import lapis.datasets.molecules.MoleculeCache;
import lapis.datasets.molecules.MoleculeCsv;
import lapis.datasets.molecules.MoleculeCsvOptions;
import lapis.datasets.molecules.MoleculeDataset;
import lapis.datasets.molecules.SplitSpec;
import lapis.datasets.molecules.ZincDataset;
import picocli.CommandLine;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lapis data}: molecule datasets (ZINC 12k or a user's CSV). Sub-commands: info, export. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Inspect and export molecule datasets: ZINC 12k or your CSV of SMILES.",
        subcommands = {DataCommand.Info.class, DataCommand.Export.class, CommandLine.HelpCommand.class})
public final class DataCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options shared by the data sub-commands: what to load and how. */
    static final class Source {
        @Parameters(index = "0", paramLabel = "SOURCE", description = "'zinc' for the bundled ZINC 12k, or a CSV"
                + " file of molecules with a header (info also takes meshes, point clouds, image sets, samplers)")
        String source;

        @Option(names = "--smiles-column", defaultValue = "smiles", description = "SMILES column (default: smiles)")
        String smilesColumn;

        @Option(names = "--target-columns", split = ",", paramLabel = "COL", description = "numeric target columns"
                + " (ZINC default: penalized_logp)")
        List<String> targetColumns;

        @Option(names = "--split", defaultValue = "none", paramLabel = "SPEC", converter = SplitSpecConverter.class,
                description = "none, column:NAME, random:TRAIN,VAL,SEED, scaffold:TRAIN,VAL or size:TRAIN,VAL"
                + " (fractions); ignored for zinc, which has its standard split")
        SplitSpec split;

        @Option(names = "--on-error", defaultValue = "fail", paramLabel = "fail|skip",
                converter = PolicyConverter.class, description = "on a bad row: stop (default) or skip it and report")
        ErrorPolicy onError;

        @Option(names = "--cache-dir", paramLabel = "DIR", description = "cache of parsed datasets (default:"
                + " ~/.cache/lapis)")
        Path cacheDir;

        @Option(names = "--no-cache", description = "neither read nor write the cache")
        boolean noCache;

        MoleculeDataset load(ProgressListener progress) {
            MoleculeCache cache = noCache ? null
                    : cacheDir == null ? MoleculeCache.inUserHome() : new MoleculeCache(cacheDir);
            if (source.equals("zinc")) {
                List<String> targets = targetColumns == null ? List.of(ZincDataset.TARGET) : targetColumns;
                return ZincDataset.load(targets, cache, progress);
            }
            MoleculeCsvOptions options = MoleculeCsvOptions.defaults().withSmilesColumn(smilesColumn)
                    .withTargetColumns(targetColumns == null ? List.of() : targetColumns)
                    .withSplit(split).withOnError(onError);
            return MoleculeCsv.load(Path.of(source), options, cache, progress);
        }
    }

    /** {@code lapis data info}: what a dataset holds, for molecules, meshes, point clouds and image sets alike. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = {"Describe a dataset. SOURCE is one of:",
                "  zinc or FILE.csv   molecules: counts, size distribution, target statistics per split, atom and "
                    + "bond categories",
                "  FILE.off|obj|ply   a triangle mesh: vertices, faces, area, Euler characteristic, bounding box",
                "  FILE.xyz           a point cloud",
                "  digits, mnist, fashion-mnist   a bundled image set: images, dimension, label counts",
                "  sphere:N, sphere-tilted:A:N, circle:N, flat-torus:N, torus:N, swiss-roll:N   N seeded samples "
                    + "(--seed) and the closed-form Laplace-Beltrami spectrum where known",
                "Examples: lapis data info zinc; lapis data info mnist; lapis data info sphere:10000"})
    static final class Info implements Callable<Integer> {
        @CommandLine.Mixin
        Source source;

        @Option(names = "--seed", defaultValue = "0", description = "Seed of the point samplers (default: "
                + "${DEFAULT-VALUE}).")
        long seed;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String name = source.source;
            String lower = name.toLowerCase(Locale.ROOT);
            if (DatasetInfo.isImageSet(lower)) {
                DatasetInfo.printImages(out, lower);
            } else if (DatasetInfo.isSampler(lower)) {
                DatasetInfo.printSample(out, name, seed);
            } else if (DatasetInfo.isMeshFile(lower)) {
                DatasetInfo.printMesh(out, Path.of(name));
            } else {
                long start = System.nanoTime();
                MoleculeDataset d;
                try (ProgressBarListener bar = new ProgressBarListener()) {
                    d = source.load(System.console() == null ? ProgressListener.NONE : bar);
                }
                print(out, d, (System.nanoTime() - start) / 1e9);
            }
            out.flush();
            return 0;
        }
    }

    /** {@code lapis data export}: one graph file per molecule, for other tools. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write every molecule as a graph file (heavy atoms as vertices named by index, bonds as "
                    + "unit-weight edges) into DIR, named ROW.EXT after the molecule's data row, with index.csv "
                    + "listing row, split, SMILES, atom categories and targets.",
                "Example: lapis data export zinc --format graphml --out zinc-graphml"})
    static final class Export implements Callable<Integer> {
        @CommandLine.Mixin
        Source source;

        @Option(names = "--format", defaultValue = "graphml", paramLabel = "FORMAT",
                description = "graphml, edgelist, gml, dot, json, graph6 or sparse6 (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created)")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            GraphFormat f = GraphFormat.parse(format);
            MoleculeDataset d;
            try (ProgressBarListener bar = new ProgressBarListener()) {
                d = source.load(System.console() == null ? ProgressListener.NONE : bar);
            }
            java.nio.file.Files.createDirectories(out);
            String[] splitOf = new String[d.size()];
            String[] names = {"train", "validation", "test"};
            int[][] parts = {d.split().train(), d.split().validation(), d.split().test()};
            for (int p = 0; p < 3; p++) {
                for (int i : parts[p]) {
                    splitOf[i] = names[p];
                }
            }
            List<String> header = new ArrayList<>(List.of("row", "file", "split", "smiles", "atom_categories"));
            header.addAll(d.targetNames());
            StringBuilder index = new StringBuilder();
            CSVPrinter csv = Csv.printer(index, header.toArray(String[]::new));
            for (int i = 0; i < d.size(); i++) {
                Molecule m = d.molecules().get(i);
                String file = m.row() + f.extension();
                List<Integer> ids = new ArrayList<>();
                for (int v = 0; v < m.atomCount(); v++) {
                    ids.add(v);
                }
                GraphWriter.write(new IndexedGraph<>(m.graph(), VertexOrder.of(ids)), f, out.resolve(file));
                List<Object> row = new ArrayList<>(List.of(m.row(), file, splitOf[i] == null ? "" : splitOf[i],
                        m.smiles(), Arrays.stream(m.atomCategories()).mapToObj(Integer::toString)
                                .collect(java.util.stream.Collectors.joining(" "))));
                for (int t = 0; t < d.targetNames().size(); t++) {
                    row.add(m.targets()[t]);
                }
                csv.printRecord(row);
            }
            AtomicFiles.write(out.resolve("index.csv"), w -> w.write(index.toString()));
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d %s files and index.csv to %s%n", d.size(),
                    f.shortName(), out);
            return 0;
        }
    }

    static void print(PrintWriter out, MoleculeDataset d, double seconds) {
        LoadReport r = d.report();
        out.printf(Locale.ROOT, "source      %s (sha256 %s)%n", d.source(), d.sha256());
        out.printf(Locale.ROOT, "molecules   %d of %d rows (skipped %d, duplicate rows kept %d)%n", d.size(), r.rows(),
                r.skipped(), r.duplicateRows());
        out.printf(Locale.ROOT, "loaded in   %.3f s; cache %s%s%n", seconds, r.cache(),
                r.cacheDetail().isEmpty() ? "" : " (" + r.cacheDetail() + ")");
        int[] atoms = d.molecules().stream().mapToInt(Molecule::atomCount).sorted().toArray();
        int[] bonds = d.molecules().stream().mapToInt(Molecule::bondCount).sorted().toArray();
        out.printf(Locale.ROOT, "atoms       total %d; per molecule min %d, median %d, mean %.2f, max %d%n",
                d.totalAtoms(), atoms[0], atoms[atoms.length / 2], Arrays.stream(atoms).average().orElse(0),
                atoms[atoms.length - 1]);
        out.printf(Locale.ROOT, "bonds       total %d; per molecule min %d, median %d, mean %.2f, max %d%n",
                d.totalBonds(), bonds[0], bonds[bonds.length / 2], Arrays.stream(bonds).average().orElse(0),
                bonds[bonds.length - 1]);
        int[] sizes = d.split().sizes();
        out.printf(Locale.ROOT, "split       train %d, validation %d, test %d%n", sizes[0], sizes[1], sizes[2]);
        int[][] parts = {d.split().train(), d.split().validation(), d.split().test()};
        String[] names = {"train", "validation", "test"};
        for (int t = 0; t < d.targetNames().size(); t++) {
            out.printf(Locale.ROOT, "target      %s%n", d.targetNames().get(t));
            out.printf(Locale.ROOT, "  %-10s %7s %10s %10s %10s %10s%n", "part", "n", "mean", "std", "min", "max");
            for (int p = 0; p < 3; p++) {
                double[] y = d.targetValues(t, parts[p]);
                if (y.length == 0) {
                    continue;
                }
                double mean = Arrays.stream(y).average().orElse(Double.NaN);
                double std = Math.sqrt(Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / y.length);
                out.printf(Locale.ROOT, "  %-10s %7d %10.4f %10.4f %10.4f %10.4f%n", names[p], y.length, mean, std,
                        Arrays.stream(y).min().orElse(Double.NaN), Arrays.stream(y).max().orElse(Double.NaN));
            }
        }
        long[] counts = d.atomCategoryCounts();
        StringBuilder cats = new StringBuilder();
        for (AtomCategory c : AtomCategory.values()) {
            if (counts[c.ordinal()] > 0) {
                cats.append(cats.length() == 0 ? "" : ", ").append(c.label()).append(' ').append(counts[c.ordinal()]);
            }
        }
        out.printf(Locale.ROOT, "atom types  %s%n", cats);
        MoleculeDataset.BondCounts b = d.bondCounts();
        out.printf(Locale.ROOT, "bond types  single %d, double %d, triple %d; aromatic %d, in ring %d%n", b.singles(),
                b.doubles(), b.triples(), b.aromatic(), b.inRing());
        if (!r.problems().isEmpty()) {
            out.printf(Locale.ROOT, "skipped     %d rows; the first %d:%n", r.skipped(), r.problems().size());
            r.problems().forEach(p -> out.printf(Locale.ROOT, "  %s%n", p));
        }
        out.flush();
    }

    /** {@code --on-error fail|skip}. */
    static final class PolicyConverter implements CommandLine.ITypeConverter<ErrorPolicy> {
        @Override
        public ErrorPolicy convert(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "fail" -> ErrorPolicy.FAIL;
                case "skip" -> ErrorPolicy.SKIP;
                default -> throw new CommandLine.TypeConversionException("--on-error must be fail or skip, not '"
                        + text + "'");
            };
        }
    }
}
