package lapis.datasets.molecules;

import java.util.Arrays;
import java.util.Objects;

/**
 * A partition of a dataset's molecules into train, validation and test, as ascending indices into
 * {@link MoleculeDataset#molecules()}. Every index is in at most one part; a part may be empty. Arrays are copied.
 *
 * @param train indices of the training molecules
 * @param validation indices of the validation molecules
 * @param test indices of the test molecules
 */
public record DatasetSplit(int[] train, int[] validation, int[] test) {

    /** @throws IllegalArgumentException naming an index that is negative or in two parts */
    public DatasetSplit {
        train = sortedCopy(train, "train");
        validation = sortedCopy(validation, "validation");
        test = sortedCopy(test, "test");
        int max = -1;
        for (int[] part : new int[][] {train, validation, test}) {
            for (int i : part) {
                if (i < 0) {
                    throw new IllegalArgumentException("split index " + i + " is negative");
                }
                max = Math.max(max, i);
            }
        }
        boolean[] seen = new boolean[max + 1];
        for (int[] part : new int[][] {train, validation, test}) {
            for (int i : part) {
                if (seen[i]) {
                    throw new IllegalArgumentException("molecule " + i + " is in two parts of the split (or twice in"
                            + " one)");
                }
                seen[i] = true;
            }
        }
    }

    /** Everything in train, nothing in validation or test. */
    public static DatasetSplit allTrain(int count) {
        int[] all = new int[count];
        Arrays.setAll(all, i -> i);
        return new DatasetSplit(all, new int[0], new int[0]);
    }

    private static int[] sortedCopy(int[] a, String name) {
        int[] c = Objects.requireNonNull(a, name).clone();
        Arrays.sort(c);
        return c;
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    /** Sizes of the three parts. */
    public int[] sizes() {
        return new int[] {train.length, validation.length, test.length};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetSplit s && Arrays.equals(train, s.train) && Arrays.equals(validation, s.validation)
                && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(train), Arrays.hashCode(validation), Arrays.hashCode(test));
    }

    @Override
    public String toString() {
        return "DatasetSplit[train=" + train.length + ", validation=" + validation.length + ", test=" + test.length
                + "]";
    }
}
