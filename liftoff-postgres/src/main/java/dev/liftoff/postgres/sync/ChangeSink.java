package dev.liftoff.postgres.sync;

import dev.liftoff.postgres.sync.apply.Change;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Where a capture method delivers changes: the open target transaction, committed together with the position that
 * says which source changes it contains. Not thread-safe: the sync thread calls it.
 */
public interface ChangeSink {
    /** Adds a change to the open target transaction. */
    void change(Change change) throws SQLException;

    /**
     * Commits the open target transaction together with the position after it.
     *
     * @param position the capture's position text
     * @param positionTime source clock time before which every committed change is now applied, or {@code null}
     *     when this commit does not move it
     * @param transactions source transactions the commit completes
     * @param marker the highest finish marker the commit passes (0: none)
     */
    void commit(String position, Instant positionTime, long transactions, long marker) throws SQLException;

    /**
     * Says that nothing committed on the source before {@code sourceTime} is left to apply, without a target
     * transaction: an idle capture's way to keep the live lag figure current.
     */
    default void caughtUp(Instant sourceTime) {}
}
