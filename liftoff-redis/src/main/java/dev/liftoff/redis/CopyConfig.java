package dev.liftoff.redis;

import dev.liftoff.core.LiftoffException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What {@link RedisCopy} moves and how.
 *
 * @param endpoints source and target
 * @param db the one logical database to copy; empty copies every database that holds keys
 * @param replace write into a target that already holds keys, overwriting keys of the same name
 * @param bigKeyBytes keys estimated larger than this are copied in pieces instead of one DUMP
 * @param jobs parallel connection pairs
 */
public record CopyConfig(Endpoints endpoints, OptionalInt db, boolean replace, long bigKeyBytes, int jobs) {
    /** 8 MiB: a DUMP of this size is one quick round trip; above it, pieces keep both ends' memory flat. */
    public static final long DEFAULT_BIG_KEY_BYTES = 8L << 20;

    /** Four pairs keep both servers busy while one worker waits on a round trip. */
    public static final int DEFAULT_JOBS = 4;

    public CopyConfig {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(db, "db");
        if (db.isPresent() && db.getAsInt() < 0) {
            throw LiftoffException.usage("--db " + db.getAsInt() + " is negative; use 0 or more");
        }
        if (bigKeyBytes < 1024) {
            throw LiftoffException.usage("--big-key-size must be at least 1KB, got " + bigKeyBytes + " bytes");
        }
        if (jobs < 1 || jobs > 64) {
            throw LiftoffException.usage("--jobs must be between 1 and 64, got " + jobs);
        }
    }

    /** Every database, no replace, default sizes. */
    public static CopyConfig of(Endpoints endpoints) {
        return new CopyConfig(endpoints, OptionalInt.empty(), false, DEFAULT_BIG_KEY_BYTES, DEFAULT_JOBS);
    }
}
