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
 * @param catchUp how long the cutover waits, before freezing anything, for a lag above {@code maxLag} to come down
 *     (a sync that was just restarted reports the lag it left behind until it has caught up); zero gives up at once
 * @param verify when the exact PostgreSQL comparison runs: inside the freeze or, on snapshots taken inside it, after
 *     the switch
 */
public record CutoverPolicy(
        Duration maxWriteFreeze,
        FreezeMode mode,
        Duration waitInFlight,
        Duration maxLag,
        Duration catchUp,
        VerifyTiming verify) {
    /**
     * Ten seconds of freeze at most, hold mode, 30 s for in-flight requests, 2 s of lag at most, a minute to get there,
     * verify before the switch.
     */
    public static final CutoverPolicy DEFAULT = new CutoverPolicy(
            Duration.ofSeconds(10),
            FreezeMode.HOLD,
            Duration.ofSeconds(30),
            Duration.ofSeconds(2),
            Duration.ofSeconds(60),
            VerifyTiming.BEFORE_SWITCH);

    public CutoverPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(verify, "verify");
        requirePositive(maxWriteFreeze, "max_write_freeze");
        requirePositive(waitInFlight, "wait_in_flight");
        requirePositive(maxLag, "max_lag");
        if (catchUp == null || catchUp.isNegative()) {
            throw new IllegalArgumentException("catch_up must be zero or a positive duration: " + catchUp);
        }
    }

    /** A policy that verifies before the switch. */
    public CutoverPolicy(
            Duration maxWriteFreeze, FreezeMode mode, Duration waitInFlight, Duration maxLag, Duration catchUp) {
        this(maxWriteFreeze, mode, waitInFlight, maxLag, catchUp, VerifyTiming.BEFORE_SWITCH);
    }

    /** A policy that gives up at once when the lag is too high (no catch-up wait) and verifies before the switch. */
    public CutoverPolicy(Duration maxWriteFreeze, FreezeMode mode, Duration waitInFlight, Duration maxLag) {
        this(maxWriteFreeze, mode, waitInFlight, maxLag, Duration.ZERO);
    }

    /** This policy with the exact comparison run at {@code timing}. */
    public CutoverPolicy withVerify(VerifyTiming timing) {
        return new CutoverPolicy(maxWriteFreeze, mode, waitInFlight, maxLag, catchUp, timing);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration: " + d);
        }
    }
}
