package dev.liftoff.postgres.sync;

import java.util.Map;
import java.util.Optional;

/**
 * The copy a sync starts from. The sync installs capture first, then has the copy run under a snapshot it holds, and
 * afterwards needs to know, per table, which snapshot the table's rows were copied under.
 */
public interface InitialCopy {
    /**
     * The per-table snapshots of a copy that has finished on the target, or empty when it has not (or never began).
     *
     * @return quoted qualified table name to its copy snapshot
     */
    Optional<Map<String, Snapshot>> finished();

    /**
     * Copies, or resumes an unfinished copy, under the exported snapshot {@code snapshotName}, which the caller
     * holds open until this returns. Blocks until done.
     *
     * @return quoted qualified table name to its copy snapshot, for every table
     */
    Map<String, Snapshot> copy(String snapshotName);
}
