package dev.liftoff.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.RedisUrl;
import dev.liftoff.testkit.RedisExtension;
import dev.liftoff.testkit.RedisServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** TLS, ACL users and passwords, and the one-line refusals for bad endpoints; nothing is written on a refusal. */
class ConnectIT {
    @RegisterExtension
    static final RedisExtension TARGET = RedisExtension.create();

    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    static Path certs;

    static RedisServer secured;
    static int tlsPort;

    @BeforeAll
    static void startTlsAndAclServer() throws Exception {
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=localhost",
                        "-keyout",
                        certs.resolve("key.pem").toString(),
                        "-out",
                        certs.resolve("cert.pem").toString())
                .redirectErrorStream(true)
                .redirectOutput(certs.resolve("openssl.log").toFile())
                .start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue())
                .as(Files.readString(certs.resolve("openssl.log")))
                .isZero();
        tlsPort = freePort();
        secured = RedisServer.start(
                RedisServer.Flavor.SYSTEM,
                "--tls-port",
                Integer.toString(tlsPort),
                "--tls-cert-file",
                certs.resolve("cert.pem").toString(),
                "--tls-key-file",
                certs.resolve("key.pem").toString(),
                "--tls-ca-cert-file",
                certs.resolve("cert.pem").toString(),
                "--tls-auth-clients",
                "no",
                "--requirepass",
                "s3cret",
                "--user",
                "alice",
                "on",
                ">wonderland",
                "~*",
                "&*",
                "+@all",
                "--user",
                "carol",
                "on",
                ">no-replication",
                "~*",
                "&*",
                "+@all",
                "-psync",
                "-sync",
                "--repl-diskless-sync-delay",
                "0");
    }

    @AfterAll
    static void stop() {
        if (secured != null) {
            secured.close();
        }
    }

    @BeforeEach
    void seed() {
        try (Client s = new Client(url("redis://:s3cret@127.0.0.1:" + secured.port()));
                Client t = new Client(TARGET.url())) {
            s.call("FLUSHALL");
            s.call("SET", "k", "v");
            t.call("FLUSHALL");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static RedisUrl url(String text) {
        return RedisUrl.parse(text);
    }

    static CopyResult copyFrom(String source, boolean tlsInsecure) {
        return RedisCopy.run(CopyConfig.of(new Endpoints(url(source), TARGET.url(), tlsInsecure)), QUIET);
    }

    @Test
    void copiesOverTlsFromASelfSignedServerWithTlsInsecure() {
        CopyResult r = copyFrom("rediss://:s3cret@127.0.0.1:" + tlsPort, true);
        assertThat(r.keys()).isEqualTo(1);
    }

    @Test
    void syncsOverTlsAsAnAclUserInBothModes() throws Exception {
        String alice = "rediss://alice:wonderland@127.0.0.1:" + tlsPort;
        String carol = "rediss://carol:no-replication@127.0.0.1:" + tlsPort;
        for (String source : List.of(alice, carol)) {
            try (Client t = new Client(TARGET.url())) {
                t.call("FLUSHALL");
            }
            Endpoints eps = new Endpoints(url(source), TARGET.url(), true);
            try (RunningSync sync = RedisSync.start(new SyncConfig(CopyConfig.of(eps), SyncMode.AUTO), QUIET);
                    Client s = new Client(url("redis://:s3cret@127.0.0.1:" + secured.port()));
                    Client t = new Client(TARGET.url())) {
                assertThat(sync.awaitStreaming(Duration.ofMinutes(1))).isTrue();
                assertThat(sync.stats().mode()).isEqualTo(source.equals(alice) ? "replica" : "notifications");
                s.call("SET", "live", source);
                RedisSync.finish(eps, OptionalInt.empty(), Duration.ofMinutes(1));
                assertThat(t.str("GET", "live")).isEqualTo(source);
                assertThat(t.str("GET", "k")).isEqualTo("v");
            }
        }
        assertThat(RedisSync.status(new Endpoints(url(carol), TARGET.url(), true), OptionalInt.empty())
                        .modeReason())
                .contains("refuses replication")
                .contains("NOPERM");
    }

    @Test
    void copiesAsAnAclUser() {
        assertThat(copyFrom("rediss://alice:wonderland@127.0.0.1:" + tlsPort, true)
                        .keys())
                .isEqualTo(1);
    }

    @Test
    void refusesASelfSignedCertificateWithoutTlsInsecure() {
        assertThatThrownBy(() -> copyFrom("rediss://:s3cret@127.0.0.1:" + tlsPort, false))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("TLS certificate is not trusted")
                .hasMessageContaining("--tls-insecure");
        assertTargetUntouched();
    }

    @Test
    void namesTheUserAndMasksThePasswordWhenAuthenticationFails() {
        assertThatThrownBy(() -> copyFrom("redis://alice:wrong@127.0.0.1:" + secured.port(), false))
                .isInstanceOf(LiftoffException.class)
                .hasMessageStartingWith("authentication failed for redis://alice:***@127.0.0.1:" + secured.port())
                .hasMessageContaining("check the user and password in --source")
                .hasMessageNotContaining("wrong")
                .extracting(e -> ((LiftoffException) e).code())
                .isEqualTo(ErrorCode.ENVIRONMENT);
        assertTargetUntouched();
    }

    @Test
    void asksForAPasswordWhenNoneIsGiven() {
        assertThatThrownBy(() -> copyFrom("redis://127.0.0.1:" + secured.port(), false))
                .hasMessageContaining("requires a password; put it in --source");
    }

    @Test
    void saysToUseTlsWhenThePortSpeaksOnlyTls() {
        assertThatThrownBy(() -> copyFrom("redis://:s3cret@127.0.0.1:" + tlsPort, false))
                .hasMessageContaining("use rediss:// instead of redis://");
        assertTargetUntouched();
    }

    @Test
    void saysToDropTlsWhenThePortSpeaksPlainRedis() {
        assertThatThrownBy(() -> copyFrom("rediss://:s3cret@127.0.0.1:" + secured.port(), true))
                .hasMessageContaining("use redis:// instead of rediss://");
        assertTargetUntouched();
    }

    @Test
    void saysNothingListensOnAClosedPort() throws IOException {
        int closed = freePort();
        assertThatThrownBy(() -> copyFrom("redis://127.0.0.1:" + closed, false))
                .hasMessage("cannot connect to the source redis://127.0.0.1:" + closed + ": nothing is listening at"
                        + " 127.0.0.1:" + closed + "; check the server is running and the host and port in --source");
    }

    private static void assertTargetUntouched() {
        try (Client t = new Client(TARGET.url())) {
            assertThat(t.num("DBSIZE")).isZero();
        }
    }
}
