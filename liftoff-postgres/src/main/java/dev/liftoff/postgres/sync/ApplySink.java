package dev.liftoff.postgres.sync;

import dev.liftoff.postgres.sync.apply.Applier;
import dev.liftoff.postgres.sync.apply.Change;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The sink every capture writes into: changes go to the {@link Applier}, and each commit stores the capture's
 * position in the same target transaction. Counts what it applied for progress. Not thread-safe for writes (the sync
 * thread); the counters are read from any thread through {@link SyncCounters}.
 */
final class ApplySink implements ChangeSink {
    private final Applier applier;
    private final SyncCounters counters;

    ApplySink(Applier applier, SyncCounters counters) {
        this.applier = applier;
        this.counters = counters;
    }

    @Override
    public void change(Change change) throws SQLException {
        try {
            applier.apply(change);
        } catch (SQLException | RuntimeException e) {
            applier.rollback();
            throw e;
        }
    }

    @Override
    public void commit(String position, Instant positionTime, long transactions, long marker) throws SQLException {
        long changes;
        try {
            changes = applier.commit(c -> TargetBook.savePosition(
                    c, position, positionTime, applier.changesInTransaction(), transactions, marker));
        } catch (SQLException | RuntimeException e) {
            applier.rollback();
            throw e;
        }
        counters.committed(changes, transactions, positionTime);
    }

    @Override
    public void caughtUp(Instant sourceTime) {
        counters.caughtUp(sourceTime);
    }
}
