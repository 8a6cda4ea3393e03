package dev.liftoff.testkit;

import dev.liftoff.core.PostgresUrl;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a real PostgreSQL cluster, started before the first test and removed after the last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresExtension PG = PostgresExtension.withSettings(Map.of("wal_level", "logical"));
 *
 * @Test
 * void copiesRows() {
 *     PostgresUrl source = PG.newDatabase();
 *     ...
 * }
 * }</pre>
 *
 * Tests stay independent by taking a fresh database each with {@link #newDatabase()}. Register it as a static field.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> settings;
    private PostgresServer server;

    private PostgresExtension(Map<String, String> settings) {
        this.settings = settings;
    }

    /** A cluster with default settings (plus fast, crash-unsafe durability settings suitable for tests). */
    public static PostgresExtension create() {
        return new PostgresExtension(Map.of());
    }

    /** A cluster with extra server settings, e.g. {@code Map.of("wal_level", "logical")}. */
    public static PostgresExtension withSettings(Map<String, String> settings) {
        return new PostgresExtension(new LinkedHashMap<>(settings));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server == null) {
            server = PostgresServer.start(settings);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running cluster. */
    public PostgresServer server() {
        if (server == null) {
            throw new IllegalStateException("the PostgreSQL cluster starts before all tests; register the extension"
                    + " on a static field with @RegisterExtension");
        }
        return server;
    }

    /** A new, empty database on the cluster. */
    public PostgresUrl newDatabase() {
        return server().createDatabase();
    }
}
