package dev.liftoff.postgres.sync;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.postgres.PgCopy;
import dev.liftoff.postgres.PgCopyConfig;
import dev.liftoff.postgres.journal.CopyJournal;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The initial copy as {@code liftoff pg copy} makes it: {@link PgCopy} under the sync's snapshot, with the per-table
 * snapshots read back from its journal on the target. Immutable.
 */
public final class JournalCopy implements InitialCopy {
    private final PgCopyConfig config;
    private final PrintStream progress;

    /**
     * @param progress where the copy shows progress, or {@code null} for a quiet copy
     */
    public JournalCopy(PgCopyConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    @Override
    public Optional<Map<String, Snapshot>> finished() {
        return CopyJournal.read(config.target())
                .filter(CopyJournal.State::complete)
                .map(JournalCopy::snapshots);
    }

    @Override
    public Map<String, Snapshot> copy(String snapshotName) {
        PgCopyConfig c = config.withSnapshot(snapshotName).withVerify(false);
        if (progress == null) {
            PgCopy.run(c);
        } else {
            PgCopy.run(c, progress);
        }
        return CopyJournal.read(config.target())
                .filter(CopyJournal.State::complete)
                .map(JournalCopy::snapshots)
                .orElseThrow(() -> LiftoffException.environment("the copy returned but its journal on "
                        + config.target().shortName() + " does not say it finished; run liftoff pg sync again"));
    }

    private static Map<String, Snapshot> snapshots(CopyJournal.State state) {
        Map<String, Snapshot> out = new LinkedHashMap<>();
        state.tableSnapshots().forEach((table, text) -> out.put(table, Snapshot.parse(text)));
        return out;
    }
}
