package dev.liftoff.migrate.runbook;

import java.time.Duration;
import java.util.Optional;

/**
 * The cutover's levers on data (the PostgreSQL and Redis syncs). Each method blocks until done and throws
 * {@link dev.liftoff.core.LiftoffException} when it cannot be done.
 */
public interface DataHandoff {
    /** The larger of the syncs' current lags. */
    Duration lag();

    /**
     * Waits until every change the old platform committed is on the new one (PostgreSQL and Redis {@code finish},
     * sequences set); false when {@code timeout} passed first.
     */
    boolean finish(Duration timeout);

    /** A comparison of old and new data, made while writes are frozen. */
    Verdict quickVerify(Duration timeout);

    /**
     * For {@code verify: after_switch}, while writes are frozen: takes what the exact comparison will read later (each
     * side's snapshot, now) and runs the checks that stay quick whatever the size (a Redis sample). By default, the
     * quick verify.
     */
    default Verdict pinForAfterSwitch(Duration timeout) {
        return quickVerify(timeout);
    }

    /**
     * After the switch: the exact comparison of what {@link #pinForAfterSwitch} took, which it then lets go; empty when
     * nothing is pinned (this process did not pin, e.g. it was restarted after the switch).
     */
    default Optional<Verdict> verifyPinned() {
        return Optional.empty();
    }

    /** Lets go of what {@link #pinForAfterSwitch} took without comparing it (an abandoned cutover). */
    default void releasePinned() {}
}
