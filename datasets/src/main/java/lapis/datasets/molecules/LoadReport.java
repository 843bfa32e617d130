package lapis.datasets.molecules;

import java.util.List;
import java.util.Objects;

/**
 * What a load did: rows read and kept, rows skipped (with the first {@link #MAX_PROBLEMS} reasons), duplicate rows
 * kept, and how the cache served it.
 *
 * @param rows data rows read (blank lines not counted)
 * @param skipped rows left out under {@link ErrorPolicy#SKIP}; 0 under FAIL
 * @param problems the first reasons for skipping, at most {@link #MAX_PROBLEMS}, in file order
 * @param duplicateRows rows kept whose SMILES repeats an earlier row's (only when duplicates are allowed)
 * @param otherAtoms atoms whose category is {@link AtomCategory#OTHER}
 * @param cache how the binary cache took part
 * @param cacheDetail why, in words: the cache file, or why it was rebuilt or could not be written
 */
public record LoadReport(int rows, int skipped, List<Problem> problems, int duplicateRows, long otherAtoms,
        CacheOutcome cache, String cacheDetail) {

    /** How many skip reasons are kept. */
    public static final int MAX_PROBLEMS = 10;

    public LoadReport {
        problems = List.copyOf(problems);
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(cacheDetail, "cacheDetail");
    }

    /** The same report with another cache outcome. */
    public LoadReport withCache(CacheOutcome outcome, String detail) {
        return new LoadReport(rows, skipped, problems, duplicateRows, otherAtoms, outcome, detail);
    }

    /** One bad row. */
    public record Problem(String source, int line, String problem) {
        @Override
        public String toString() {
            return source + ":" + line + ": " + problem;
        }
    }

    /** The part the cache played in a load. */
    public enum CacheOutcome {
        /** No cache was given. */
        NOT_USED,
        /** The dataset was read from a valid cache file. */
        HIT,
        /** No cache file: the source was parsed and the cache written. */
        WRITTEN,
        /** A cache file existed but was corrupt, truncated or for other input: parsed afresh and rewritten. */
        REBUILT,
        /** The source was parsed but the cache could not be written (the detail says why); the data is complete. */
        WRITE_FAILED
    }
}
