package dev.liftoff.redis;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What {@link RedisSync#start} syncs and how.
 *
 * @param copy the endpoints, databases, replace flag and copy settings of the initial copy
 * @param mode how changes are captured
 */
public record SyncConfig(CopyConfig copy, SyncMode mode) {
    public SyncConfig {
        Objects.requireNonNull(copy, "copy");
        Objects.requireNonNull(mode, "mode");
    }

    public Endpoints endpoints() {
        return copy.endpoints();
    }

    public OptionalInt db() {
        return copy.db();
    }
}
