package dev.liftoff.postgres.sync;

import java.sql.SQLException;
import java.util.Map;

/**
 * A way to capture the source's changes: trigger capture or logical decoding. The sync installs it before the copy,
 * has the copy take a snapshot the capture is exact against, then streams changes from a position stored on the
 * target. Implementations wrap their vendor APIs; the sync speaks only this interface. Not thread-safe: the sync
 * thread uses it.
 */
public interface ChangeCapture {
    /** {@code triggers} or {@code logical}. */
    String label();

    /**
     * Installs capture on the source (bookkeeping, triggers or publication and slot), or completes an install a
     * crash interrupted, and returns a snapshot for the copy, held open: every transaction it does not see is
     * captured.
     *
     * @param tables the tables to capture
     * @param fingerprint their fingerprint ({@link SourceSchema#currentFingerprint})
     * @param target the target URL, password masked, recorded on the source for messages
     */
    HeldSnapshot install(SourceSchema tables, String fingerprint, String target) throws SQLException;

    /** A snapshot for resuming the copy after capture was installed earlier: any new snapshot will do. */
    HeldSnapshot snapshotForCopy() throws SQLException;

    /**
     * The position streaming starts from once the copy is done.
     *
     * @param copied the snapshot that sees exactly what every table's copy saw
     */
    String startPosition(Snapshot copied) throws SQLException;

    /**
     * Streams changes from {@code position} into {@code sink} until {@code stop} is raised (then returns after
     * committing what it read) or a failure ends it (then throws; the caller retries from the target's position).
     *
     * @param copySnapshots quoted qualified table name to the snapshot its copy was taken under: changes of
     *     transactions visible in it are in the copy already and are skipped
     */
    void stream(String position, Map<String, Snapshot> copySnapshots, ChangeSink sink, StopSignal stop)
            throws SQLException;
}
