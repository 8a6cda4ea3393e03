package dev.liftoff.migrate.runbook;

import java.time.Duration;

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
}
