package dev.liftoff.migrate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When the runbook may switch traffic, and when it must give up and release the freeze back to the old platform.
 *
 * @param maxWriteFreeze the longest the writes may stay frozen (from hold to the switch); beyond it the cutover is
 *     abandoned
 * @param mode how writes are frozen at the gateway
 * @param waitInFlight how long to wait for requests already in flight to finish once the hold is on
 * @param maxLag the largest replication lag (PostgreSQL or Redis) at which a cutover may start
 */
public record CutoverPolicy(Duration maxWriteFreeze, FreezeMode mode, Duration waitInFlight, Duration maxLag) {
    /** Ten seconds of freeze at most, hold mode, 30 s for in-flight requests, 2 s of lag at most. */
    public static final CutoverPolicy DEFAULT =
            new CutoverPolicy(Duration.ofSeconds(10), FreezeMode.HOLD, Duration.ofSeconds(30), Duration.ofSeconds(2));

    public CutoverPolicy {
        Objects.requireNonNull(mode, "mode");
        requirePositive(maxWriteFreeze, "max_write_freeze");
        requirePositive(waitInFlight, "wait_in_flight");
        requirePositive(maxLag, "max_lag");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration: " + d);
        }
    }
}
