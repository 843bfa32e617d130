package lapis.datasets.molecules;

import java.util.List;
import java.util.Objects;

/**
 * How to read a CSV file of molecules. Defaults: SMILES in column "smiles", no targets, no split, stop at the first
 * bad row, duplicates refused.
 *
 * @param smilesColumn header name of the SMILES column ({@code --smiles-column})
 * @param targetColumns header names of the numeric targets, in the order of {@link Molecule#targets()}
 *     ({@code --target-columns}); each value must be a finite number
 * @param split how to split the molecules
 * @param onError what to do with a bad row ({@code --on-error fail|skip})
 * @param allowDuplicates keep a row whose SMILES text equals an earlier row's (counted in the report) instead of
 *     treating it as a bad row; ZINC 12k needs this, see {@link ZincDataset}
 */
public record MoleculeCsvOptions(String smilesColumn, List<String> targetColumns, SplitSpec split,
        ErrorPolicy onError, boolean allowDuplicates) {

    public MoleculeCsvOptions {
        Objects.requireNonNull(smilesColumn, "smilesColumn");
        targetColumns = List.copyOf(targetColumns);
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(onError, "onError");
        if (targetColumns.contains(smilesColumn)) {
            throw new IllegalArgumentException("column '" + smilesColumn + "' is both the SMILES and a target");
        }
        if (targetColumns.size() != targetColumns.stream().distinct().count()) {
            throw new IllegalArgumentException("target columns repeat a name: " + targetColumns);
        }
    }

    /** SMILES in "smiles", no targets, no split, FAIL, duplicates refused. */
    public static MoleculeCsvOptions defaults() {
        return new MoleculeCsvOptions("smiles", List.of(), SplitSpec.none(), ErrorPolicy.FAIL, false);
    }

    public MoleculeCsvOptions withSmilesColumn(String column) {
        return new MoleculeCsvOptions(column, targetColumns, split, onError, allowDuplicates);
    }

    public MoleculeCsvOptions withTargetColumns(List<String> columns) {
        return new MoleculeCsvOptions(smilesColumn, columns, split, onError, allowDuplicates);
    }

    public MoleculeCsvOptions withSplit(SplitSpec spec) {
        return new MoleculeCsvOptions(smilesColumn, targetColumns, spec, onError, allowDuplicates);
    }

    public MoleculeCsvOptions withOnError(ErrorPolicy policy) {
        return new MoleculeCsvOptions(smilesColumn, targetColumns, split, policy, allowDuplicates);
    }

    public MoleculeCsvOptions withAllowDuplicates(boolean allow) {
        return new MoleculeCsvOptions(smilesColumn, targetColumns, split, onError, allow);
    }
}
