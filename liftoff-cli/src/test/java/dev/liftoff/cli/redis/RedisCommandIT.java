package dev.liftoff.cli.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.liftoff.cli.Main;
import dev.liftoff.testkit.RedisExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisCommandIT {
    @RegisterExtension
    static final RedisExtension SOURCE = RedisExtension.create();

    @RegisterExtension
    static final RedisExtension TARGET = RedisExtension.create();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run liftoff(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Raw RESP over a socket, so these tests do not lean on the module under test. */
    static String redis(int port, String... command) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            PrintWriter w = new PrintWriter(s.getOutputStream(), false, StandardCharsets.UTF_8);
            w.print("*" + command.length + "\r\n");
            for (String c : command) {
                w.print("$" + c.getBytes(StandardCharsets.UTF_8).length + "\r\n" + c + "\r\n");
            }
            w.flush();
            byte[] buf = new byte[4096];
            int n = s.getInputStream().read(buf);
            return new String(buf, 0, n, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String src() {
        return SOURCE.url().toString();
    }

    static String dst() {
        return TARGET.url().toString();
    }

    @BeforeEach
    void flush() {
        redis(SOURCE.server().port(), "FLUSHALL");
        redis(TARGET.server().port(), "FLUSHALL");
        // A replica's snapshot otherwise waits 5 s for more replicas to share it.
        redis(SOURCE.server().port(), "CONFIG", "SET", "repl-diskless-sync-delay", "0");
        redis(SOURCE.server().port(), "SET", "greeting", "hello");
        redis(SOURCE.server().port(), "HSET", "user:1", "name", "ada");
    }

    @Test
    void copiesThenVerifiesAndWritesJson() throws IOException {
        Path json = dir.resolve("copy.json");
        Run copy = liftoff("redis", "copy", "--source", src(), "--target", dst(), "--json", json.toString());
        assertThat(copy.code()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("copied 2 keys").contains("by dump-restore");
        assertThat(Files.readString(json)).contains("\"keys\" : 2").contains("\"method\" : \"dump-restore\"");

        Run verify = liftoff("redis", "verify", "--source", src(), "--target", dst(), "--full");
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("source and target match");
    }

    @Test
    void verifyExitsOneNamingTheKeysThatDiffer() {
        assertThat(liftoff("redis", "copy", "--source", src(), "--target", dst())
                        .code())
                .isZero();
        redis(TARGET.server().port(), "SET", "greeting", "changed");
        Run verify = liftoff("redis", "verify", "--source", src(), "--target", dst(), "--sample", "10");
        assertThat(verify.code()).isEqualTo(1);
        assertThat(verify.out()).contains("db0 'greeting': string");
        assertThat(verify.err()).contains("1 of").contains("keys differ");
    }

    @Test
    void refusesANonEmptyTargetInOneLineAndWritesNothing() {
        redis(TARGET.server().port(), "SET", "existing", "x");
        Run copy = liftoff("redis", "copy", "--source", src(), "--target", dst());
        assertThat(copy.code()).isEqualTo(3);
        assertThat(copy.err().strip().lines()).hasSize(1);
        assertThat(copy.err()).contains("pass --replace");
        assertThat(redis(TARGET.server().port(), "DBSIZE")).isEqualTo(":1");
    }

    @Test
    void masksThePasswordOfABadUrl() {
        Run copy = liftoff("redis", "copy", "--source", "redis://:hunter2@127.0.0.1:1", "--target", dst());
        assertThat(copy.code()).isEqualTo(3);
        assertThat(copy.err()).contains("redis://:***@127.0.0.1:1").doesNotContain("hunter2");
    }

    @Test
    void warnsLoudlyAboutTlsInsecure() {
        Run copy = liftoff("redis", "copy", "--source", src(), "--target", dst(), "--tls-insecure");
        assertThat(copy.code()).isZero();
        assertThat(copy.err()).contains("WARNING: --tls-insecure");
    }

    @Test
    void rejectsBadOptionsAsUsageErrors() {
        assertThat(liftoff("redis", "copy", "--source", "http://x", "--target", dst())
                        .code())
                .isEqualTo(2);
        assertThat(liftoff("redis", "verify", "--source", src(), "--target", dst(), "--sample", "5", "--full")
                        .code())
                .isEqualTo(2);
        assertThat(liftoff("redis", "sync", "--source", src(), "--target", dst(), "--mode", "telepathy")
                        .code())
                .isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"auto,replica", "notifications,notifications"})
    void syncsUntilStoppedWhileStatusAndFinishRunElsewhere(String mode, String used) throws Exception {
        Path json = dir.resolve("sync.json");
        Thread sync = Thread.ofPlatform()
                .name("test-sync")
                .start(() -> liftoff(
                        "redis",
                        "sync",
                        "--source",
                        src(),
                        "--target",
                        dst(),
                        "--mode",
                        mode,
                        "--json",
                        json.toString()));
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                Run status = liftoff("redis", "status", "--source", src(), "--target", dst(), "--json", "-");
                return status.code() == 0 && status.out().contains("\"phase\" : \"streaming\"");
            });
            redis(SOURCE.server().port(), "SET", "late", "arrival");
            Run finish = liftoff("redis", "finish", "--source", src(), "--target", dst(), "--timeout", "30s");
            assertThat(finish.code()).as(finish.err()).isZero();
            assertThat(redis(TARGET.server().port(), "GET", "late")).contains("arrival");

            Run status = liftoff("redis", "status", "--source", src(), "--target", dst(), "--json", "-");
            assertThat(status.out())
                    .contains("\"mode\" : \"" + used + "\"")
                    .contains("\"keys_copied\" : 2")
                    .contains("\"lag_seconds\"")
                    .contains("\"changes_applied\"");
        } finally {
            sync.interrupt();
            sync.join(30_000);
        }
        assertThat(Files.readString(json)).contains("\"phase\" : \"stopped\"");
    }

    @Test
    void finishSaysNoSyncRuns() {
        Run finish = liftoff("redis", "finish", "--source", src(), "--target", dst());
        assertThat(finish.code()).isEqualTo(3);
        assertThat(finish.err()).contains("start one with 'liftoff redis sync'");
    }

    @Test
    void showsExamplesInHelp() {
        for (String cmd : new String[] {"copy", "sync", "status", "finish", "verify"}) {
            Run help = liftoff("redis", cmd, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).contains("Examples:").contains("liftoff redis " + cmd);
        }
    }
}
