package lapis.datasets.molecules;

/** What a loader does with a bad row (unparsable SMILES, missing or non-numeric target, duplicate, ...). */
public enum ErrorPolicy {
    /** Stop at the first bad row with a {@link lapis.graph.io.GraphFormatException} naming file, line and reason. */
    FAIL,
    /** Leave the row out and go on; the {@link LoadReport} counts skipped rows and keeps the first reasons. */
    SKIP
}
