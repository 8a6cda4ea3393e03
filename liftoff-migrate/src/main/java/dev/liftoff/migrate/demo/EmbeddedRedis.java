package dev.liftoff.migrate.demo;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.RedisBinaries;
import dev.liftoff.core.RedisUrl;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway Redis server on a free loopback port: the machine's {@code redis-server} when one is installed, else
 * the Redis 6.2 binary bundled in the embedded-redis jar (so the demo needs nothing installed). Nothing is persisted.
 * {@link #close()} stops it and deletes its directory. Not thread-safe.
 */
final class EmbeddedRedis implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;
    private final String binary;
    private final Thread shutdownHook;

    private EmbeddedRedis(Path dir, int port, Process process, String binary) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.binary = binary;
        // A child process outlives the JVM: without this, Ctrl-C on the demo would leave redis-server running.
        this.shutdownHook = new Thread(process::destroyForcibly, "liftoff-demo-redis-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static EmbeddedRedis start(String name) {
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("liftoff-demo-redis-" + name + "-");
            Path binary = RedisBinaries.installedOrBundled();
            int port = freePort();
            process = new ProcessBuilder(List.of(
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
                            "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!answersPing(port)) {
                if (!process.isAlive()) {
                    throw new IOException("redis-server exited at start: "
                            + Files.readString(dir.resolve("redis.log")).strip());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("redis-server did not answer on port " + port + " within 20s");
                }
                Thread.sleep(20);
            }
            return new EmbeddedRedis(dir, port, process, binary.toString());
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (process != null) {
                process.destroyForcibly();
            }
            if (dir != null) {
                deleteTree(dir);
            }
            throw LiftoffException.environment(
                    "cannot start an embedded Redis server for the demo: " + e.getMessage()
                            + "; check /tmp is writable",
                    e);
        }
    }

    private static boolean answersPing(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buf = new byte[16];
            int n = s.getInputStream().read(buf);
            return n > 0 && buf[0] == '+';
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** Which binary runs: the installed one or the bundled one. */
    String binary() {
        return binary;
    }

    RedisUrl url() {
        return RedisUrl.parse("redis://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(dir);
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
