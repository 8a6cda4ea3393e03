package dev.liftoff.plan.aws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A {@code moto_server} (the AWS API emulator) on a free local port, for tests of code that calls AWS. One server
 * serves every service; state lives until {@link #close()}. Either one for the test JVM, shared by classes that use
 * distinct resource names, or one of your own:
 *
 * <pre>{@code
 * static MotoServer moto = MotoServer.shared();   // in @BeforeAll; never closed by the test
 * // or: moto = MotoServer.start() in @BeforeAll, moto.close() in @AfterAll
 * ... moto.target()  // an AwsTarget: region us-east-1, the server's endpoint, fake static credentials
 * }</pre>
 *
 * When {@code moto_server} is not installed the calling test is skipped (JUnit assumption) with a message saying how
 * to install it; CI installs it. Looks on PATH, then in pyenv's shims; {@code MOTO_SERVER} names another binary.
 */
public final class MotoServer implements AutoCloseable {
    public static final String REGION = "us-east-1";
    /** moto accepts any key; these are the SDK's documented example pair, never real. */
    public static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    private static MotoServer shared;

    /**
     * One server for the whole test JVM, started on first use and stopped when the JVM exits: moto takes seconds to
     * start, its state is per-account and per-region, so classes that use distinct resource names can share it.
     * Don't {@link #close()} it.
     */
    public static synchronized MotoServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            MotoServer s = start();
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "moto-server-stop"));
            shared = s;
        }
        return shared;
    }

    /** Starts a server and waits until it accepts connections; skips the test when moto_server is missing. */
    public static MotoServer start() {
        Path binary = find();
        Assumptions.assumeTrue(
                binary != null,
                "moto_server not found on PATH or in ~/.pyenv/shims: pip install 'moto[server]' to run the AWS tests");
        try {
            int port = freePort();
            Path log = Files.createTempFile("moto-server-", ".log");
            Process p = new ProcessBuilder(binary.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MotoServer server = new MotoServer(p, port, log);
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto_server: " + e.getMessage(), e);
        }
    }

    /** The endpoint every AWS client should use. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Region {@link #REGION}, this server, the fake credentials. */
    public AwsTarget target() {
        return new AwsTarget(REGION, endpoint(), CREDENTIALS);
    }

    public int port() {
        return port;
    }

    /** The default VPC's subnet ids, which moto creates in every region: awsvpc tasks need one. */
    public List<String> defaultSubnets() {
        return ids(
                ec2("Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=default-for-az&Filter.1.Value.1=true"),
                "subnetId");
    }

    /** The default VPC's default security group id. */
    public String defaultSecurityGroup() {
        return ids(
                        ec2("Action=DescribeSecurityGroups&Version=2016-11-15&Filter.1.Name=group-name"
                                + "&Filter.1.Value.1=default"),
                        "groupId")
                .get(0);
    }

    /**
     * One EC2 query-API call, answered as XML. Done by hand so this module needs no EC2 SDK; moto routes by the
     * credential scope and checks no signature.
     */
    public String ec2(String form) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(endpoint())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header(
                            "Authorization",
                            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/" + REGION
                                    + "/ec2/aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("EC2 " + form + " on moto: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> ids(String xml, String element) {
        List<String> ids = Pattern.compile("<" + element + ">([^<]+)</" + element + ">")
                .matcher(xml)
                .results()
                .map(m -> m.group(1))
                .distinct()
                .toList();
        if (ids.isEmpty()) {
            throw new IllegalStateException("moto answered without " + element + ": " + xml);
        }
        return ids;
    }

    /** What the server printed (requests and tracebacks), for assertion messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file; the OS cleans it
        }
    }

    private void awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
        throw new IllegalStateException("moto_server did not listen on port " + port + " within " + limit);
    }

    private static Path find() {
        String override = System.getenv("MOTO_SERVER");
        if (override != null && Files.isExecutable(Path.of(override))) {
            return Path.of(override);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "moto_server"))) {
                return Path.of(dir, "moto_server");
            }
        }
        for (Path p : List.of(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "moto_server"))) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
