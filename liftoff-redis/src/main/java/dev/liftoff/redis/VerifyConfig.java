package dev.liftoff.redis;

import dev.liftoff.core.LiftoffException;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What {@link RedisVerify} compares.
 *
 * @param endpoints source and target
 * @param db the one logical database to compare; empty compares every database either end has
 * @param sample compare this many random keys each way instead of every key
 * @param ttlTolerance how far two remaining lifetimes may differ
 * @param maxReported how many differing keys the result names (all are counted)
 */
public record VerifyConfig(
        Endpoints endpoints, OptionalInt db, OptionalInt sample, Duration ttlTolerance, int maxReported) {
    public static final Duration DEFAULT_TTL_TOLERANCE = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_REPORTED = 20;

    public VerifyConfig {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(ttlTolerance, "ttlTolerance");
        if (sample.isPresent() && sample.getAsInt() < 1) {
            throw LiftoffException.usage("--sample must be at least 1, got " + sample.getAsInt());
        }
        if (ttlTolerance.isNegative()) {
            throw LiftoffException.usage("--ttl-tolerance must not be negative");
        }
        if (maxReported < 1) {
            throw LiftoffException.usage("maxReported must be at least 1");
        }
    }

    /** Every key of every database, default tolerance. */
    public static VerifyConfig full(Endpoints endpoints) {
        return new VerifyConfig(
                endpoints, OptionalInt.empty(), OptionalInt.empty(), DEFAULT_TTL_TOLERANCE, DEFAULT_MAX_REPORTED);
    }
}
