package dev.liftoff.migrate.sampleapp;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The sample app's schema migration, what its release phase would run. Idempotent. */
public final class SampleSchema {
    /**
     * Orders keyed by a generated id (so that the target's sequence must be set at cutover), unique by the client's
     * request id (so that a retried POST does not order twice).
     */
    public static final String SQL = """
            CREATE TABLE IF NOT EXISTS orders (
                id bigserial PRIMARY KEY,
                request_id uuid NOT NULL UNIQUE,
                item text NOT NULL,
                quantity integer NOT NULL CHECK (quantity > 0),
                status text NOT NULL DEFAULT 'new',
                created_at timestamptz NOT NULL DEFAULT now(),
                processed_at timestamptz
            )""";

    private SampleSchema() {}

    /** Creates the schema in a database when missing. */
    public static void apply(PostgresUrl database) {
        try (Connection c = ConnectionPool.open(database);
                Statement st = c.createStatement()) {
            st.execute(SQL);
        } catch (SQLException e) {
            throw LiftoffException.environment(
                    "sample app: cannot create its schema in " + database + ": " + e.getMessage(), e);
        }
    }
}
