package dev.liftoff.migrate.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One end of the move: its PostgreSQL database and, when the app has one, its Redis, each by environment variable.
 */
public record Platform(EnvRef postgres, Optional<EnvRef> redis) {
    public Platform {
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(redis, "redis");
    }
}
