package dev.liftoff.migrate.phases;

import dev.liftoff.migrate.runbook.Verdict;
import java.time.Duration;
import java.util.Optional;

/**
 * One data store's live sync as the cutover sees it (PostgreSQL, Redis). Implementations start their sync lazily, so
 * a run resumed at the cutover restarts the sync it needs. Thread-safe; blocking.
 */
public interface StoreLink extends AutoCloseable {
    /** {@code postgres} or {@code redis}, for messages and figures. */
    String name();

    /** How far the target is behind the source now. */
    Duration lag();

    /** Waits until every change made on the source before the call is on the target; false when timed out. */
    boolean finish(Duration timeout);

    /** A comparison of source and target fast enough for the write freeze. */
    Verdict quickVerify(Duration timeout);

    /**
     * Inside the freeze, for a comparison after the switch: takes the snapshots it will read, or runs what is quick
     * enough now. By default, the quick verify.
     */
    default Verdict pin(Duration timeout) {
        return quickVerify(timeout);
    }

    /** The comparison of what {@link #pin} took, letting it go; empty when nothing is pinned. */
    default Optional<Verdict> verifyPinned() {
        return Optional.empty();
    }

    /** Lets go of what {@link #pin} took, uncompared. */
    default void releasePinned() {}

    /** Stops the sync this process runs, if any. */
    @Override
    void close();
}
