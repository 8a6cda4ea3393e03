package dev.liftoff.testkit;

import dev.liftoff.core.RedisBinaries;
import dev.liftoff.core.RedisUrl;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, throwaway Redis server on a free port. It runs the machine's {@code redis-server} (7.x on Debian) when one
 * is installed, else the 6.2 binary bundled in embedded-redis; {@link Flavor#BUNDLED} forces the bundled one, for
 * tests across versions. Nothing is persisted. {@link #close()} stops it and deletes its directory.
 */
public final class RedisServer implements AutoCloseable {
    /** Which binary to run. */
    public enum Flavor {
        /** The installed {@code redis-server}, else the bundled one. */
        SYSTEM,
        /** The Redis 6.2 binary bundled in embedded-redis. */
        BUNDLED
    }

    private final Path binary;
    private final Path dir;
    private final int port;
    private final List<String> extraArgs;
    private Process process;

    private RedisServer(Path binary, Path dir, int port, List<String> extraArgs) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.extraArgs = extraArgs;
    }

    /**
     * Starts a server. Extra arguments go to {@code redis-server} as written, e.g. {@code "--requirepass", "s3cret"}
     * or {@code "--notify-keyspace-events", "KEA"}.
     */
    public static RedisServer start(Flavor flavor, String... extraArgs) {
        try {
            Path dir = Files.createTempDirectory("liftoff-redis-");
            RedisServer server = new RedisServer(binary(flavor), dir, PostgresServer.freePort(), List.of(extraArgs));
            server.boot();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a test Redis server", e);
        }
    }

    private static Path binary(Flavor flavor) throws IOException {
        return flavor == Flavor.SYSTEM ? RedisBinaries.installedOrBundled() : RedisBinaries.bundled();
    }

    private void boot() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString(),
                "--daemonize",
                "no"));
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited at start: " + Files.readString(dir.resolve("redis.log")));
            }
            if (answersPing()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting redis-server", e);
            }
        }
        throw new IOException("redis-server did not answer on port " + port + " within 20s");
    }

    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buf = new byte[64];
            int n = s.getInputStream().read(buf);
            // "+PONG" without auth, "-NOAUTH" when a password is required: either way it is up.
            return n > 0 && (buf[0] == '+' || buf[0] == '-');
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** The binary this server runs. */
    public Path binary() {
        return binary;
    }

    /** A URL for logical database 0, without credentials. */
    public RedisUrl url() {
        return RedisUrl.parse("redis://127.0.0.1:" + port);
    }

    /** A URL for a logical database, without credentials. */
    public RedisUrl url(int database) {
        return url().withDatabase(database);
    }

    /** Stops the server (abruptly, as a crash would) and starts it again empty on the same port. */
    public void restart() {
        stopServer();
        try {
            boot();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server; {@link #restart()} brings it back. */
    public void stopServer() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        try {
            stopServer();
        } finally {
            PostgresServer.deleteTree(dir);
        }
    }
}
