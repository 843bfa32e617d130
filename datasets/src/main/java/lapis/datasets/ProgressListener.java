package lapis.datasets;

/**
 * Receives progress of a long load. The library never prints; the CLI draws these calls as a progress bar.
 *
 * <p>Calls come from the loading thread, with {@code done} non-decreasing and, at the end, one call with
 * {@code done == total}. Implementations must be quick: they are called every few hundred records.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (task, done, total, unit) -> { };

    /**
     * @param task what is being done, e.g. "parsing zinc12k.csv"
     * @param done units done so far
     * @param total units in all, or -1 when unknown
     * @param unit what is counted, e.g. "bytes" or "molecules"
     */
    void progress(String task, long done, long total, String unit);
}
