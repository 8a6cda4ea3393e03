package dev.liftoff.postgres;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link PgVerify#run} found. {@link #differences()} names every differing object, one entry each, so that a
 * caller can print them one per line; the other lists hold the details per object. Immutable; serializes to JSON with
 * {@code dev.liftoff.core.report.Json} (snake_case fields).
 *
 * @param equal whether the two databases hold the same schema and data ({@code differences} is empty)
 * @param source the source URL, password masked
 * @param target the target URL, password masked
 * @param differences every differing object, in a stable order: schema first, then tables, sequences, large objects
 * @param tables every table and materialized view whose rows were compared
 * @param sequences every sequence compared
 * @param largeObjects the large objects, or {@code null} when they were not compared (a {@code --table} filter)
 * @param schemaDifferences every definition that differs (empty when the schema was not compared)
 * @param schemaObjectsCompared how many definitions (tables, columns, indexes, ...) were compared on the source side
 * @param rowsCompared rows digested on the source side
 * @param durationMillis wall-clock time of the whole comparison
 */
public record VerifyResult(
        boolean equal,
        String source,
        String target,
        List<Difference> differences,
        List<TableFinding> tables,
        List<SequenceFinding> sequences,
        LargeObjectFinding largeObjects,
        List<SchemaDifference> schemaDifferences,
        int schemaObjectsCompared,
        long rowsCompared,
        long durationMillis) {

    public VerifyResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        differences = List.copyOf(differences);
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        schemaDifferences = List.copyOf(schemaDifferences);
        if (equal != differences.isEmpty()) {
            throw new IllegalArgumentException("equal must be true exactly when there are no differences");
        }
    }

    /** How long the comparison took. */
    public Duration duration() {
        return Duration.ofMillis(durationMillis);
    }

    /**
     * One differing object.
     *
     * @param kind what it is: {@code table}, {@code materialized view}, {@code sequence}, {@code large object},
     *     {@code index}, {@code column}, ...
     * @param name its qualified name (a large object's OID)
     * @param detail what differs, e.g. {@code 2 rows differ: id=42 different, id=43 missing on target}
     */
    public record Difference(String kind, String name, String detail) {
        public Difference {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }

        /** {@code kind name: detail}, one line. */
        @Override
        public String toString() {
            return kind + " " + name + ": " + detail;
        }
    }

    /**
     * A definition that differs between the two databases.
     *
     * @param kind {@code table}, {@code column}, {@code index}, {@code constraint}, {@code trigger}, {@code view},
     *     {@code materialized view}, {@code sequence}, {@code type}, {@code function}, {@code extension},
     *     {@code schema}, {@code database}
     * @param name the qualified name ({@code public.orders}, {@code public.orders.qty} for a column)
     * @param detail {@code missing on target}, {@code extra on target}, or which property differs with both values
     */
    public record SchemaDifference(String kind, String name, String detail) {
        public SchemaDifference {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The rows of one table or materialized view on both sides.
     *
     * @param name qualified name, quoted where PostgreSQL would quote it
     * @param kind {@code table} or {@code materialized view}
     * @param split how the rows were divided for comparison: {@code none}, {@code key COLUMN} (primary-key ranges) or
     *     {@code hash} (hash buckets of the key, or of the whole row when there is no key)
     * @param sourceRows rows on the source ({@code -1} when the table is missing there)
     * @param targetRows rows on the target ({@code -1} when the table is missing there)
     * @param equal whether the rows are equal as multisets
     * @param ranges count and digest per range (one range, {@code all}, when not split)
     * @param rows a bounded sample of differing rows
     * @param note why the table differs beyond its rows, or is not compared (missing, columns differ, not
     *     populated), else empty
     */
    public record TableFinding(
            String name,
            String kind,
            String split,
            long sourceRows,
            long targetRows,
            boolean equal,
            List<RangeFinding> ranges,
            List<RowDifference> rows,
            String note) {
        public TableFinding {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(note, "note");
            ranges = List.copyOf(ranges);
            rows = List.copyOf(rows);
        }
    }

    /**
     * One range of a table.
     *
     * @param range {@code all}, a key range such as {@code id 1..250000}, or {@code hash bucket 3 of 20}
     * @param sourceRows rows of this range on the source
     * @param targetRows rows of this range on the target
     * @param digestsMatch whether the order-independent digests of the rows are equal
     */
    public record RangeFinding(String range, long sourceRows, long targetRows, boolean digestsMatch) {
        public RangeFinding {
            Objects.requireNonNull(range, "range");
        }
    }

    /**
     * One differing row.
     *
     * @param key the primary key ({@code id=42}), or for a table without one the row itself (shortened)
     * @param change {@code missing on target}, {@code extra on target} or {@code different}; for a table without a
     *     key with the counts, e.g. {@code 2 on source, 3 on target}
     */
    public record RowDifference(String key, String change) {
        public RowDifference {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(change, "change");
        }

        @Override
        public String toString() {
            return key + " " + change;
        }
    }

    /**
     * One sequence on both sides; a value is {@code null} when the sequence is missing on that side.
     *
     * @param name qualified name
     * @param sourceLastValue {@code last_value} on the source
     * @param sourceIsCalled {@code is_called} on the source
     * @param targetLastValue {@code last_value} on the target
     * @param targetIsCalled {@code is_called} on the target
     * @param definitionsMatch whether type, start, increment, bounds, cache and cycle are equal
     * @param equal whether all of it is equal
     */
    public record SequenceFinding(
            String name,
            Long sourceLastValue,
            Boolean sourceIsCalled,
            Long targetLastValue,
            Boolean targetIsCalled,
            boolean definitionsMatch,
            boolean equal) {
        public SequenceFinding {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The large objects on both sides.
     *
     * @param sourceCount large objects on the source
     * @param targetCount large objects on the target
     * @param sourceBytes their total size on the source
     * @param targetBytes their total size on the target
     * @param missingOnTarget OIDs present only on the source
     * @param extraOnTarget OIDs present only on the target
     * @param different OIDs whose contents differ
     * @param equal whether all three lists are empty
     */
    public record LargeObjectFinding(
            long sourceCount,
            long targetCount,
            long sourceBytes,
            long targetBytes,
            List<Long> missingOnTarget,
            List<Long> extraOnTarget,
            List<Long> different,
            boolean equal) {
        public LargeObjectFinding {
            missingOnTarget = List.copyOf(missingOnTarget);
            extraOnTarget = List.copyOf(extraOnTarget);
            different = List.copyOf(different);
        }
    }
}
