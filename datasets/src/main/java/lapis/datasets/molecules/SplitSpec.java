package lapis.datasets.molecules;

import java.util.Objects;

/**
 * How {@link MoleculeCsv#load} splits the molecules it kept into train, validation and test. Fractions are of the
 * molecules kept (after skipped rows); the parts are filled in the order train, validation, test, and the test part
 * takes the rest.
 */
public sealed interface SplitSpec {

    /** No split: every molecule in train. */
    static SplitSpec none() {
        return new None();
    }

    /** The split given by a column of the file, see {@link Column}. */
    static SplitSpec column(String column) {
        return new Column(column);
    }

    /** A seeded uniformly random split, see {@link Random}. */
    static SplitSpec random(double train, double validation, long seed) {
        return new Random(train, validation, seed);
    }

    /** A Bemis-Murcko scaffold split, see {@link Scaffold}. */
    static SplitSpec scaffold(double train, double validation) {
        return new Scaffold(train, validation);
    }

    /** A split by heavy-atom count, see {@link Size}. */
    static SplitSpec size(double train, double validation) {
        return new Size(train, validation);
    }

    /** No split. */
    record None() implements SplitSpec {
    }

    /**
     * Each row names its part in {@code column}: "train"; "val", "valid" or "validation"; or "test" (any case,
     * surrounding blanks ignored). Any other value is a bad row.
     *
     * @param column the header name of the split column
     */
    record Column(String column) implements SplitSpec {
        public Column {
            Objects.requireNonNull(column, "column");
        }
    }

    /**
     * A uniformly random permutation from {@code java.util.SplittableRandom(seed)} (Fisher-Yates); its first
     * round(train m) molecules go to train, the next round(validation m) to validation, the rest to test.
     *
     * @param train fraction for training
     * @param validation fraction for validation
     * @param seed the seed: the same seed and file give the same split
     */
    record Random(double train, double validation, long seed) implements SplitSpec {
        public Random {
            checkFractions(train, validation);
        }
    }

    /**
     * The deterministic scaffold split of DeepChem's {@code ScaffoldSplitter} (Wu et al., MoleculeNet, Chem. Sci.
     * 2018): group molecules by Bemis-Murcko scaffold (CDK's MurckoFragmenter, written as unique SMILES; acyclic
     * molecules share the empty scaffold), order the groups by size, largest first, ties by first occurrence, and
     * give each whole group to train while train stays within train m, else to validation while train plus
     * validation stay within (train + validation) m, else to test. No scaffold is in two parts, so the test part
     * holds chemotypes the model has not seen.
     *
     * @param train fraction for training
     * @param validation fraction for validation
     */
    record Scaffold(double train, double validation) implements SplitSpec {
        public Scaffold {
            checkFractions(train, validation);
        }
    }

    /**
     * An out-of-distribution split by size: molecules ordered by heavy-atom count, ties by row; the smallest
     * round(train m) go to train, the next round(validation m) to validation, the largest to test.
     *
     * @param train fraction for training
     * @param validation fraction for validation
     */
    record Size(double train, double validation) implements SplitSpec {
        public Size {
            checkFractions(train, validation);
        }
    }

    private static void checkFractions(double train, double validation) {
        if (!(train >= 0 && validation >= 0 && train + validation <= 1)) {
            throw new IllegalArgumentException("split fractions must be >= 0 with train + validation <= 1; got train "
                    + train + ", validation " + validation);
        }
    }
}
