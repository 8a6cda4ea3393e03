package dev.liftoff.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.LiftoffException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway terminating HTTPS itself, with a certificate made by the real openssl. */
class TlsIT {
    @TempDir
    Path dir;

    private TlsFiles selfSigned() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder(
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
                        "-addext",
                        "subjectAltName=IP:127.0.0.1",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new TlsFiles(cert, key);
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            ks.setCertificateEntry(
                    "gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void terminatesHttpsAndTellsTheUpstreamTheProtoWasHttps() throws Exception {
        TlsFiles tls = selfSigned();
        try (TestUpstream up = TestUpstream.start("app");
                RunningGateway gw = TestGateways.start(up.upstream(), b -> b.tls(tls));
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .sslContext(trusting(tls.certificate()))
                        .build()) {
            assertThat(gw.url()).startsWith("https://");
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(gw.url() + "/headers")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("x-forwarded-proto: https\n");
        }
    }

    @Test
    void refusesAKeyItCannotUseWithAUsageError() throws Exception {
        TlsFiles tls = selfSigned();
        Files.writeString(tls.privateKey(), "not a key\n");
        try (TestUpstream up = TestUpstream.start("app")) {
            assertThatThrownBy(() -> TestGateways.start(up.upstream(), b -> b.tls(tls)))
                    .isInstanceOf(LiftoffException.class)
                    .hasMessageContaining("--tls-key");
        }
    }
}
