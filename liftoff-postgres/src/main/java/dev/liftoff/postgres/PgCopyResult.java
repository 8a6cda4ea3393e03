package dev.liftoff.postgres;

import java.util.List;
import java.util.Objects;

/**
 * What {@link PgCopy#run} did. Immutable; serializes to JSON with {@code dev.liftoff.core.report.Json}.
 *
 * @param source the source URL, password masked
 * @param target the target URL, password masked
 * @param resumed whether this run continued an earlier, unfinished one
 * @param snapshot {@code pg_current_snapshot()} text of the snapshot this run copied under
 * @param tables tables whose rows were copied (leaf partitions count one each)
 * @param rows rows in those tables, this run's and earlier runs'
 * @param bytes bytes of COPY data streamed for them
 * @param sequences sequences set to the source's values
 * @param largeObjects large objects copied
 * @param schemaEntries pre-data entries applied (0 on a resumed run)
 * @param postDataSteps indexes, constraints, triggers and other post-data steps in the plan
 * @param notices what was left out of the schema and why, one line each
 * @param perTable figures per table
 * @param durationSeconds wall-clock time of the whole run, verify included
 * @param schemaSeconds time to dump and apply the pre-data
 * @param dataSeconds time to copy the rows (with the index builds that overlap them)
 * @param postDataSeconds time for the remaining post-data steps
 * @param verify the comparison at the end, or {@code null} when it was skipped
 */
public record PgCopyResult(
        String source,
        String target,
        boolean resumed,
        String snapshot,
        int tables,
        long rows,
        long bytes,
        int sequences,
        long largeObjects,
        int schemaEntries,
        int postDataSteps,
        List<String> notices,
        List<TableCopy> perTable,
        double durationSeconds,
        double schemaSeconds,
        double dataSeconds,
        double postDataSeconds,
        VerifyResult verify) {
    public PgCopyResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(snapshot, "snapshot");
        notices = List.copyOf(notices);
        perTable = List.copyOf(perTable);
    }

    /** Whether verify ran and found the databases equal. */
    public boolean verified() {
        return verify != null && verify.equal();
    }

    /**
     * One table's figures.
     *
     * @param name quoted qualified name
     * @param rows rows copied
     * @param bytes COPY bytes streamed
     * @param chunks ranges the table was split into (1: whole)
     * @param format {@code binary} or {@code text} (text when a column's type is not safe to send in binary)
     * @param seconds time spent copying it, summed over its chunks
     */
    public record TableCopy(String name, long rows, long bytes, int chunks, String format, double seconds) {
        public TableCopy {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(format, "format");
        }
    }
}
