package dev.liftoff.cli.gateway;

import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.gateway.AdminToken;
import dev.liftoff.gateway.Gateway;
import dev.liftoff.gateway.GatewayConfig;
import dev.liftoff.gateway.HostHeader;
import dev.liftoff.gateway.HostPort;
import dev.liftoff.gateway.RunningGateway;
import dev.liftoff.gateway.TlsFiles;
import dev.liftoff.gateway.Upstream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code liftoff gateway serve}: runs the proxy in the foreground until SIGINT/SIGTERM. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the cutover proxy in the foreground: proxy --listen to --upstream, with",
            "the admin API (bearer token) and Prometheus metrics (GET /metrics) on --admin.",
            "Ctrl-C/SIGTERM stops it cleanly: no new connections, held requests get 503,",
            "in-flight ones finish (up to --drain-timeout), exit 0."
        },
        footer = {
            "",
            "Examples:",
            "  openssl rand -hex 32 > gateway.token",
            "  liftoff gateway serve --listen :8080 --upstream https://myapp.herokuapp.com \\",
            "      --host-header upstream --admin 127.0.0.1:9090 \\",
            "      --admin-token-file gateway.token",
            "  liftoff gateway serve --listen :443 --tls-cert fullchain.pem \\",
            "      --tls-key key.pk8.pem --upstream http://10.0.1.5:3000 \\",
            "      --admin 127.0.0.1:9090 --admin-token-file gateway.token \\",
            "      --hold-timeout 20s --hold-max 5000 --maintenance-page down.html \\",
            "      --session-cookie _myapp_session",
            "  curl -H \"Authorization: Bearer $(cat gateway.token)\" \\",
            "      http://127.0.0.1:9090/metrics"
        })
public final class GatewayServeCommand implements Callable<Integer> {
    private static final List<String> STOP_SIGNALS = List.of("INT", "TERM");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--listen",
            required = true,
            paramLabel = "HOST:PORT",
            description = "Where clients connect, e.g. :8080 (every interface) or 127.0.0.1:8080.")
    String listen;

    @Option(
            names = "--upstream",
            required = true,
            paramLabel = "URL",
            description = "Where requests go until a switch: http(s)://HOST[:PORT], no path.")
    String upstream;

    @Option(
            names = "--admin",
            required = true,
            paramLabel = "HOST:PORT",
            description = "Where the admin API and /metrics listen (plain HTTP: keep it on loopback or a private net).")
    String admin;

    @Option(
            names = "--admin-token-file",
            required = true,
            paramLabel = "FILE",
            description = "A file whose first line is the admin bearer token (16+ characters): openssl rand -hex 32.")
    Path tokenFile;

    @Option(
            names = "--hold-timeout",
            paramLabel = "DURATION",
            defaultValue = "15s",
            description = "How long a held request waits before it gets 503 + Retry-After (default ${DEFAULT-VALUE}).")
    String holdTimeout;

    @Option(
            names = "--hold-max",
            paramLabel = "N",
            defaultValue = "10000",
            description = "How many requests may be held at once; more get 503 at once (default ${DEFAULT-VALUE}).")
    int holdMax;

    @Option(
            names = "--maintenance-page",
            paramLabel = "FILE",
            description = "An HTML file (up to 1 MiB) answered in maintenance mode instead of the built-in page.")
    Path maintenancePage;

    @Option(
            names = "--session-cookie",
            paramLabel = "NAME",
            description = "The cookie that identifies a user for the active-users count (default: client address).")
    String sessionCookie;

    @Option(
            names = "--active-window",
            paramLabel = "DURATION",
            defaultValue = "5m",
            description = "How recently a user must have sent a request to count as active (default ${DEFAULT-VALUE}).")
    String activeWindow;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description = "Terminate HTTPS: the PEM certificate chain (with --tls-key).")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "Terminate HTTPS: the unencrypted PKCS#8 PEM private key (with --tls-cert).")
    Path tlsKey;

    @Option(
            names = "--host-header",
            paramLabel = "preserve|upstream",
            defaultValue = "preserve",
            description = {
                "Which Host the upstream gets: the client's (preserve, default; the upstream serves the public name",
                "too) or the upstream URL's (upstream; for myapp.herokuapp.com-style upstreams)."
            })
    HostHeader hostHeader;

    @Option(
            names = "--upstream-ca",
            paramLabel = "FILE",
            description = "PEM CA certificates to trust for an https upstream (default: the JDK's trust store).")
    Path upstreamCa;

    @Option(names = "--metrics-public", description = "Answer GET /metrics on --admin without the token.")
    boolean metricsPublic;

    @Option(
            names = "--io-threads",
            paramLabel = "N",
            description = "Event-loop threads for proxying (default: one per core).")
    Integer ioThreads;

    @Option(
            names = "--drain-timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description =
                    "On SIGINT/SIGTERM, how long in-flight requests may take to finish (default ${DEFAULT-VALUE}).")
    String drainTimeout;

    private final AtomicBoolean stopping = new AtomicBoolean();

    @Override
    public Integer call() {
        PrintStream out = Streams.of(spec.commandLine().getOut());
        GatewayConfig config = config();
        Duration drain = Durations.parse(drainTimeout, "--drain-timeout");
        RunningGateway gw = Gateway.start(config, event -> {
            out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + event);
        });
        // SIGINT/SIGTERM ask this thread to drain and return 0; the shutdown hook covers any other way the JVM exits.
        CountDownLatch stopRequested = new CountDownLatch(1);
        List<SignalHandler> previous = onStopSignals(stopRequested);
        Thread hook = new Thread(() -> stop(gw, drain, out), "liftoff-gateway-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.printf(
                    "gateway proxying %s -> %s (%s, host header %s)%nadmin API and /metrics on %s%n"
                            + "mode pass; stop with Ctrl-C%n",
                    gw.url(),
                    config.upstream(),
                    gw.transport(),
                    config.hostHeader().name().toLowerCase(java.util.Locale.ROOT),
                    gw.adminUrl());
            try {
                stopRequested.await();
            } catch (InterruptedException e) {
                // Embedded use (tests, a supervisor thread): an interrupt is the same request to stop.
            }
            stop(gw, drain, out);
        } finally {
            restore(previous);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting: the hook is running and finishes the drain.
            }
        }
        return 0;
    }

    private static List<SignalHandler> onStopSignals(CountDownLatch stopRequested) {
        List<SignalHandler> previous = new ArrayList<>();
        try {
            for (String name : STOP_SIGNALS) {
                previous.add(Signal.handle(new Signal(name), sig -> stopRequested.countDown()));
            }
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // Signal handling unavailable here: the shutdown hook still drains the gateway.
        }
        return previous;
    }

    private static void restore(List<SignalHandler> previous) {
        for (int i = 0; i < previous.size(); i++) {
            Signal.handle(new Signal(STOP_SIGNALS.get(i)), previous.get(i));
        }
    }

    /** Drains once; a second call (the shutdown hook after a signal) finds the gateway closed and returns. */
    private void stop(RunningGateway gw, Duration drain, PrintStream out) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        out.println("stopping: draining in-flight requests for up to " + Durations.human(drain));
        long cut = gw.drain(drain);
        out.println(cut == 0 ? "stopped" : "stopped; " + cut + " request(s) were cut off by --drain-timeout");
    }

    private GatewayConfig config() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw LiftoffException.usage("give both --tls-cert and --tls-key to terminate HTTPS, or neither");
        }
        GatewayConfig.Builder b = GatewayConfig.builder(
                        HostPort.parse(listen, "--listen"),
                        Upstream.parse(upstream, "--upstream"),
                        HostPort.parse(admin, "--admin"),
                        AdminToken.read(tokenFile))
                .holdTimeout(Durations.parse(holdTimeout, "--hold-timeout"))
                .holdMax(holdMax)
                .maintenancePage(maintenancePage)
                .sessionCookie(sessionCookie)
                .activeWindow(Durations.parse(activeWindow, "--active-window"))
                .hostHeader(hostHeader)
                .upstreamTrust(upstreamCa)
                .metricsPublic(metricsPublic);
        if (tlsCert != null) {
            b.tls(new TlsFiles(tlsCert, tlsKey));
        }
        if (ioThreads != null) {
            b.ioThreads(ioThreads);
        }
        return b.build();
    }
}
