package dev.liftoff.testkit;

import dev.liftoff.core.RedisUrl;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a real Redis server, started before the first test and stopped after the last. Register it as a
 * static field with {@code @RegisterExtension}; tests that need an empty keyspace call {@code FLUSHALL} themselves.
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback {
    private final RedisServer.Flavor flavor;
    private final String[] args;
    private RedisServer server;

    private RedisExtension(RedisServer.Flavor flavor, String[] args) {
        this.flavor = flavor;
        this.args = args.clone();
    }

    /** The installed redis-server (else the bundled one), with extra server arguments. */
    public static RedisExtension create(String... args) {
        return new RedisExtension(RedisServer.Flavor.SYSTEM, args);
    }

    /** The Redis 6.2 bundled in embedded-redis, for cross-version tests. */
    public static RedisExtension bundled(String... args) {
        return new RedisExtension(RedisServer.Flavor.BUNDLED, args);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server == null) {
            server = RedisServer.start(flavor, args);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public RedisServer server() {
        if (server == null) {
            throw new IllegalStateException("the Redis server starts before all tests; register the extension on a"
                    + " static field with @RegisterExtension");
        }
        return server;
    }

    public RedisUrl url() {
        return server().url();
    }
}
