package dev.liftoff.postgres;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link PgSync#finish} waits for.
 *
 * @param source the source database
 * @param target the target a {@code pg sync} applies to
 * @param timeout how long to wait for the target to catch up before failing
 */
public record PgFinishConfig(PostgresUrl source, PostgresUrl target, Duration timeout) {
    /** Long enough for a sync that keeps up; a sync minutes behind should be looked at before cutting over. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public PgFinishConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw LiftoffException.usage("--timeout must be positive, not " + timeout);
        }
    }

    public static PgFinishConfig of(PostgresUrl source, PostgresUrl target) {
        return new PgFinishConfig(source, target, DEFAULT_TIMEOUT);
    }

    public PgFinishConfig withTimeout(Duration t) {
        return new PgFinishConfig(source, target, t);
    }
}
