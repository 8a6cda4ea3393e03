package dev.liftoff.migrate.sampleapp;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.RedisUrl;
import java.util.Map;
import java.util.Objects;

/**
 * How one instance of the sample app runs.
 *
 * @param name names the instance in thread names and messages ({@code old}, {@code new})
 * @param database its PostgreSQL ({@code DATABASE_URL})
 * @param redis its Redis ({@code REDIS_URL}): cache and job queue
 * @param port the web port on 127.0.0.1 ({@code PORT}); 0 picks a free one
 * @param webThreads request threads, each holding at most one database connection
 * @param worker whether the worker runs from the start; a new platform keeps it off until traffic moves there, so that
 *     it does not write to a database the sync is still filling
 */
public record SampleAppConfig(
        String name, PostgresUrl database, RedisUrl redis, int port, int webThreads, boolean worker) {
    public SampleAppConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(redis, "redis");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (webThreads < 1) {
            throw new IllegalArgumentException("webThreads must be at least 1: " + webThreads);
        }
    }

    /** Eight request threads on a free port, and the worker. */
    public static SampleAppConfig of(String name, PostgresUrl database, RedisUrl redis) {
        return new SampleAppConfig(name, database, redis, 0, 8, true);
    }

    /** The same, with the worker on or off at start. */
    public SampleAppConfig withWorker(boolean on) {
        return new SampleAppConfig(name, database, redis, port, webThreads, on);
    }

    /** Reads {@code DATABASE_URL}, {@code REDIS_URL} and {@code PORT} (optional) as a Heroku dyno would. */
    public static SampleAppConfig fromEnvironment(String name, Map<String, String> env) {
        String db = env.get("DATABASE_URL");
        String redis = env.get("REDIS_URL");
        if (db == null || redis == null) {
            throw LiftoffException.usage("sample app: set DATABASE_URL and REDIS_URL, as Heroku does for a dyno");
        }
        int port;
        try {
            port = Integer.parseInt(env.getOrDefault("PORT", "0"));
        } catch (NumberFormatException e) {
            throw LiftoffException.usage("sample app: PORT must be a port number");
        }
        return new SampleAppConfig(name, PostgresUrl.parse(db), RedisUrl.parse(redis), port, 8, true);
    }
}
