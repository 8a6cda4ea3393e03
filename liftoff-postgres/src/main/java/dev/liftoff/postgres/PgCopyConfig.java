package dev.liftoff.postgres;

import dev.liftoff.core.ByteSize;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@link PgCopy#run} copies and how. Immutable; start from {@link #of} and change fields with the
 * {@code with...} methods.
 *
 * @param source the database to copy from; it may stay in use
 * @param target an empty database to copy into (or one holding this copy's unfinished run, which resumes)
 * @param jobs worker connections per database for rows and index builds, 1 to {@link #MAX_JOBS}
 * @param pgDump the {@code pg_dump} to run; empty: the first on {@code PATH}
 * @param keepOwners whether objects keep their source owners (the roles must exist on the target)
 * @param ownerMap source role to target role for owners; implies {@code keepOwners}
 * @param restart drop what an earlier run of this copy created on the target and start over
 * @param verify compare source and target with {@link PgVerify} at the end
 * @param snapshot a snapshot exported by a connection the caller holds open until {@code run} returns (e.g. from
 *     {@code CREATE_REPLICATION_SLOT ... EXPORT_SNAPSHOT}), used instead of exporting one. <b>Live sync relies on
 *     this</b> ({@code dev.liftoff.postgres.sync}): the copy then contains exactly the transactions visible in that
 *     snapshot, and a rerun with the same snapshot resumes chunk by chunk.
 * @param chunkSize tables larger than this are split into ctid ranges of about this size (rounded so the ranges
 *     divide evenly among the jobs), so that one big table keeps every worker busy
 * @param indexMemory {@code maintenance_work_mem} of the sessions that build indexes on the target
 */
public record PgCopyConfig(
        PostgresUrl source,
        PostgresUrl target,
        int jobs,
        Optional<Path> pgDump,
        boolean keepOwners,
        Map<String, String> ownerMap,
        boolean restart,
        boolean verify,
        Optional<String> snapshot,
        ByteSize chunkSize,
        ByteSize indexMemory) {
    public static final int MAX_JOBS = 64;
    /** Big enough that a chunk's commit costs nothing next to its rows, small enough to resume cheaply. */
    public static final ByteSize DEFAULT_CHUNK_SIZE = ByteSize.parse("256MB", "chunk size");
    /** Enough to sort the keys of a table of tens of millions of rows in memory. */
    public static final ByteSize DEFAULT_INDEX_MEMORY = ByteSize.parse("1GB", "index memory");

    private static final Pattern SNAPSHOT = Pattern.compile("[0-9A-Fa-f]+-[0-9A-Fa-f]+(-[0-9A-Fa-f]+)?");

    public PgCopyConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(pgDump, "pgDump");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(chunkSize, "chunkSize");
        Objects.requireNonNull(indexMemory, "indexMemory");
        ownerMap = Map.copyOf(new LinkedHashMap<>(ownerMap));
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw LiftoffException.usage("--jobs must be between 1 and " + MAX_JOBS + ", not " + jobs);
        }
        if (chunkSize.bytes() < 64 * 1024) {
            throw LiftoffException.usage("--chunk-size must be at least 64KB, not " + chunkSize);
        }
        if (indexMemory.bytes() < 1024 * 1024 || indexMemory.bytes() > 2L * 1024 * 1024 * 1024 - 1024) {
            throw LiftoffException.usage("--index-memory must be between 1MB and 2GB (PostgreSQL's limit for"
                    + " maintenance_work_mem), not " + indexMemory);
        }
        snapshot.ifPresent(s -> {
            if (!SNAPSHOT.matcher(s).matches()) {
                throw LiftoffException.usage("'" + s + "' is not an exported snapshot name (like 00000003-0000001B-1)");
            }
        });
        ownerMap.forEach((k, v) -> {
            if (k.isBlank() || v.isBlank()) {
                throw LiftoffException.usage("--owner-map takes OLD=NEW with two role names");
            }
        });
        if (!ownerMap.isEmpty()) {
            keepOwners = true;
        }
    }

    /** A copy with the defaults: one job per processor, no owners, verify at the end. */
    public static PgCopyConfig of(PostgresUrl source, PostgresUrl target) {
        return new PgCopyConfig(
                source,
                target,
                defaultJobs(),
                Optional.empty(),
                false,
                Map.of(),
                false,
                true,
                Optional.empty(),
                DEFAULT_CHUNK_SIZE,
                DEFAULT_INDEX_MEMORY);
    }

    /** One job per processor, at most {@link #MAX_JOBS}. */
    public static int defaultJobs() {
        return Math.min(MAX_JOBS, Runtime.getRuntime().availableProcessors());
    }

    public PgCopyConfig withJobs(int n) {
        return new PgCopyConfig(
                source, target, n, pgDump, keepOwners, ownerMap, restart, verify, snapshot, chunkSize, indexMemory);
    }

    public PgCopyConfig withPgDump(Path path) {
        return new PgCopyConfig(
                source,
                target,
                jobs,
                Optional.of(path),
                keepOwners,
                ownerMap,
                restart,
                verify,
                snapshot,
                chunkSize,
                indexMemory);
    }

    public PgCopyConfig withKeepOwners(boolean keep) {
        return new PgCopyConfig(
                source, target, jobs, pgDump, keep, ownerMap, restart, verify, snapshot, chunkSize, indexMemory);
    }

    public PgCopyConfig withOwnerMap(Map<String, String> map) {
        return new PgCopyConfig(
                source, target, jobs, pgDump, keepOwners, map, restart, verify, snapshot, chunkSize, indexMemory);
    }

    public PgCopyConfig withRestart(boolean r) {
        return new PgCopyConfig(
                source, target, jobs, pgDump, keepOwners, ownerMap, r, verify, snapshot, chunkSize, indexMemory);
    }

    public PgCopyConfig withVerify(boolean v) {
        return new PgCopyConfig(
                source, target, jobs, pgDump, keepOwners, ownerMap, restart, v, snapshot, chunkSize, indexMemory);
    }

    /** Copies under a snapshot the caller exported and holds open (see {@link #snapshot()}). */
    public PgCopyConfig withSnapshot(String exportedSnapshot) {
        return new PgCopyConfig(
                source,
                target,
                jobs,
                pgDump,
                keepOwners,
                ownerMap,
                restart,
                verify,
                Optional.of(exportedSnapshot),
                chunkSize,
                indexMemory);
    }

    public PgCopyConfig withChunkSize(ByteSize size) {
        return new PgCopyConfig(
                source, target, jobs, pgDump, keepOwners, ownerMap, restart, verify, snapshot, size, indexMemory);
    }

    public PgCopyConfig withIndexMemory(ByteSize size) {
        return new PgCopyConfig(
                source, target, jobs, pgDump, keepOwners, ownerMap, restart, verify, snapshot, chunkSize, size);
    }
}
