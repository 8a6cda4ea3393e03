package dev.liftoff.postgres.sync;

import dev.liftoff.core.LiftoffException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Notices DDL on the captured tables by comparing the source schema's fingerprint with the one taken when capture
 * started, and stops the sync with a message that names what changed. Checked before changes are applied, after the
 * capture decided which transactions it reads, so no change of a new shape is applied with the old columns.
 * Immutable and thread-safe.
 */
public final class SchemaGuard {
    private final SourceSchema baseline;
    private final String fingerprint;

    public SchemaGuard(SourceSchema baseline, String fingerprint) {
        this.baseline = baseline;
        this.fingerprint = fingerprint;
    }

    /**
     * Checks the source over {@code source}.
     *
     * @throws LiftoffException with {@code CHECK_FAILED} naming the changed tables and what to do
     */
    public void check(Connection source) throws SQLException {
        if (SourceSchema.currentFingerprint(source).equals(fingerprint)) {
            return;
        }
        List<String> changes = SourceSchema.read(source).changesSince(baseline);
        if (changes.isEmpty()) {
            return;
        }
        throw ddl(String.join("; ", changes));
    }

    /** The failure that stops a sync when the source's schema changed. */
    public static LiftoffException ddl(String what) {
        return LiftoffException.checkFailed("the source's schema changed while syncing (" + what + "); liftoff pg"
                + " sync does not replay schema changes, so it stopped before applying any change of the new shape."
                + " Start over with liftoff pg cleanup, then liftoff pg sync into an empty target, and hold schema"
                + " migrations until after the cutover");
    }
}
