package dev.liftoff.migrate.config;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.RedisUrl;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection URLs of a migration, resolved from the environment. The URLs mask their passwords when printed.
 * Immutable.
 */
public record Endpoints(
        PostgresUrl sourcePostgres,
        PostgresUrl targetPostgres,
        Optional<RedisUrl> sourceRedis,
        Optional<RedisUrl> targetRedis) {
    public Endpoints {
        Objects.requireNonNull(sourcePostgres, "sourcePostgres");
        Objects.requireNonNull(targetPostgres, "targetPostgres");
        Objects.requireNonNull(sourceRedis, "sourceRedis");
        Objects.requireNonNull(targetRedis, "targetRedis");
    }

    static Endpoints resolve(MigrateConfig config, Map<String, String> env) {
        return new Endpoints(
                postgres(config.source().postgres(), env),
                postgres(config.target().postgres(), env),
                config.source().redis().map(ref -> redis(ref, env)),
                config.target().redis().map(ref -> redis(ref, env)));
    }

    private static PostgresUrl postgres(EnvRef ref, Map<String, String> env) {
        try {
            return PostgresUrl.parse(ref.resolve(env));
        } catch (LiftoffException e) {
            throw rethrow(ref, e);
        }
    }

    private static RedisUrl redis(EnvRef ref, Map<String, String> env) {
        try {
            return RedisUrl.parse(ref.resolve(env));
        } catch (LiftoffException e) {
            throw rethrow(ref, e);
        }
    }

    private static LiftoffException rethrow(EnvRef ref, LiftoffException e) {
        if (e.getMessage().startsWith(ref.where())) {
            return e;
        }
        return new LiftoffException(e.code(), ref.where() + ": $" + ref.variable() + ": " + e.getMessage(), e);
    }
}
