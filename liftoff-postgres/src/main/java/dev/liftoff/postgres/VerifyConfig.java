package dev.liftoff.postgres;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import java.util.List;
import java.util.Objects;

/**
 * What {@link PgVerify#run} compares. Immutable; build one with {@link #of} and the {@code with...} methods.
 *
 * @param source the database copied from
 * @param target the database copied to
 * @param jobs connections (and worker threads) per database, 1 to 64
 * @param schemas only these schemas when not empty (exact names)
 * @param tables only these tables, views, materialized views and sequences when not empty ({@code schema.name} or
 *     {@code name}, {@code *} matches any characters); types, functions, extensions and large objects are then not
 *     compared
 * @param excludeTables relations to leave out, same patterns as {@code tables}
 * @param compareSchema whether to compare definitions (tables, columns, constraints, indexes, ...), not only data
 * @param splitRows tables with more rows than this (by the planner's estimate) are compared in ranges of about this
 *     many rows, scanned in parallel
 * @param sampleSize how many differing rows to name per differing table
 */
public record VerifyConfig(
        PostgresUrl source,
        PostgresUrl target,
        int jobs,
        List<String> schemas,
        List<String> tables,
        List<String> excludeTables,
        boolean compareSchema,
        long splitRows,
        int sampleSize) {
    /** Ranges of this many rows keep a differing range cheap to narrow down (a few MB of keys per side). */
    public static final long DEFAULT_SPLIT_ROWS = 250_000;

    public static final int DEFAULT_SAMPLE_SIZE = 10;
    public static final int MAX_JOBS = 64;

    public VerifyConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        schemas = List.copyOf(schemas);
        tables = List.copyOf(tables);
        excludeTables = List.copyOf(excludeTables);
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw LiftoffException.usage("--jobs must be between 1 and " + MAX_JOBS + ", not " + jobs);
        }
        if (splitRows < 1_000) {
            throw LiftoffException.usage("--split-rows must be at least 1000, not " + splitRows
                    + "; smaller ranges cost more queries than they save");
        }
        if (sampleSize < 0) {
            throw LiftoffException.usage("--sample must be 0 or more, not " + sampleSize);
        }
    }

    /** Everything compared, with one job per processor. */
    public static VerifyConfig of(PostgresUrl source, PostgresUrl target) {
        return new VerifyConfig(
                source,
                target,
                defaultJobs(),
                List.of(),
                List.of(),
                List.of(),
                true,
                DEFAULT_SPLIT_ROWS,
                DEFAULT_SAMPLE_SIZE);
    }

    /** One job per processor, at most {@link #MAX_JOBS}. */
    public static int defaultJobs() {
        return Math.min(MAX_JOBS, Runtime.getRuntime().availableProcessors());
    }

    public VerifyConfig withJobs(int n) {
        return new VerifyConfig(
                source, target, n, schemas, tables, excludeTables, compareSchema, splitRows, sampleSize);
    }

    public VerifyConfig withSchemas(List<String> names) {
        return new VerifyConfig(
                source, target, jobs, names, tables, excludeTables, compareSchema, splitRows, sampleSize);
    }

    public VerifyConfig withTables(List<String> patterns) {
        return new VerifyConfig(
                source, target, jobs, schemas, patterns, excludeTables, compareSchema, splitRows, sampleSize);
    }

    public VerifyConfig withExcludeTables(List<String> patterns) {
        return new VerifyConfig(source, target, jobs, schemas, tables, patterns, compareSchema, splitRows, sampleSize);
    }

    public VerifyConfig withCompareSchema(boolean compare) {
        return new VerifyConfig(source, target, jobs, schemas, tables, excludeTables, compare, splitRows, sampleSize);
    }

    public VerifyConfig withSplitRows(long rows) {
        return new VerifyConfig(source, target, jobs, schemas, tables, excludeTables, compareSchema, rows, sampleSize);
    }

    public VerifyConfig withSampleSize(int n) {
        return new VerifyConfig(source, target, jobs, schemas, tables, excludeTables, compareSchema, splitRows, n);
    }
}
