package dev.liftoff.cli.loadtest;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.Rate;
import dev.liftoff.core.progress.Progress;
import dev.liftoff.core.report.TextTable;
import dev.liftoff.loadtest.LoadTest;
import dev.liftoff.loadtest.LoadTestConfig;
import dev.liftoff.loadtest.Model;
import dev.liftoff.loadtest.engine.SecondSample;
import dev.liftoff.loadtest.report.CheckResult;
import dev.liftoff.loadtest.report.HtmlReport;
import dev.liftoff.loadtest.report.Latency;
import dev.liftoff.loadtest.report.LoadTestResult;
import dev.liftoff.loadtest.report.RequestResult;
import dev.liftoff.loadtest.scenario.Scenario;
import dev.liftoff.loadtest.slo.Slo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff loadtest run}: one load test, its report, and an exit code from its SLOs. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Replays a scenario against a server and measures it. Open model (--rate): sessions start on schedule"
                    + " whatever the server does, and latency counts from each session's intended start, so a stall"
                    + " shows in the percentiles. Closed model (--connections): N connections as fast as answers come.",
            "A session is one pass through the scenario's requests; --rate counts sessions per second."
        },
        footer = {
            "",
            "Examples:",
            "  liftoff loadtest run --url http://127.0.0.1:8080/ --connections 32 \\",
            "      --duration 30s",
            "  liftoff loadtest run homepage.har --base-url https://staging.example.com \\",
            "      --rate 50/s --ramp 30s --duration 5m --slo 'p95<300ms,p99<1s,errors<1%%' \\",
            "      --json load.json --report load.html",
            "  liftoff loadtest run homepage.har --rate 3x --heroku export/acme-shop \\",
            "      --duration 10m",
            "  liftoff loadtest run checkout.yaml --rate 20/s --duration 2m \\",
            "      --slo 'login:p95<200ms'",
            "",
            "Exit codes: 0 SLOs met, 1 an SLO broken (named on stderr), 2 bad input,",
            "3 unreachable or refused."
        })
public final class LoadtestRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioArgs scenario;

    @Option(
            names = "--rate",
            paramLabel = "RATE",
            description = "Open model: sessions per second (500/s, 30/m), or a multiple of the app's recorded peak"
                    + " with --heroku (3x).")
    String rate;

    @Option(names = "--ramp", paramLabel = "DURATION", description = "Open model: ramp up from 0 over this long.")
    String ramp;

    @Option(
            names = "--max-in-flight",
            paramLabel = "N",
            description = "Open model: at most N sessions at once (default ${DEFAULT-VALUE}); beyond, sessions wait"
                    + " and the report says the schedule fell behind.")
    int maxInFlight = Model.DEFAULT_MAX_IN_FLIGHT;

    @Option(
            names = "--heroku",
            paramLabel = "EXPORT_DIR/APP",
            description = "With --rate Nx: read the app's peak requests/s from this Heroku export (metrics.json).")
    Path heroku;

    @Option(names = "--connections", paramLabel = "N", description = "Closed model: N connections, back to back.")
    Integer connections;

    @Option(names = "--duration", required = true, paramLabel = "DURATION", description = "How long to load: 30s, 5m.")
    String duration;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "A request slower than this is an error (default 30s, like Heroku's router).")
    String timeout;

    @Option(
            names = "--slo",
            paramLabel = "CHECKS",
            description = "Objectives deciding the exit code: 'p95<300ms,p99<1s,errors<1%%,rps>=400';"
                    + " per request: 'GET /api/orders:p95<200ms'.")
    String slo;

    @Mixin
    JsonOutput json;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Write a self-contained HTML report.")
    Path report;

    @Option(
            names = "--io-threads",
            paramLabel = "N",
            description = "Event loops sending requests (default: one per core).")
    Integer ioThreads;

    @Option(names = "--insecure", description = "Accept any TLS certificate (a staging stack with a self-signed one).")
    boolean insecure;

    @Override
    public Integer call() {
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream err = Streams.of(spec.commandLine().getErr());
        LoadTestConfig config = config();
        Live live = new Live(config.duration(), !(config.model() instanceof Model.Closed));
        LoadTestResult result;
        try (Progress progress = Progress.start("loadtest", err, live::line)) {
            result = LoadTest.run(config, new LoadTest.Listener() {
                @Override
                public void starting(Scenario s, String load) {
                    err.println("loadtest: " + s.steps().size() + " request(s) per session from " + s.source() + "; "
                            + load + " for " + Durations.human(config.duration()));
                    if (!s.skippedHosts().isEmpty()) {
                        err.println("loadtest: skipped requests to other hosts: " + s.skippedHosts()
                                + " (--include-host to keep them)");
                    }
                    s.warnings().forEach(w -> err.println("loadtest: warning: " + w));
                }

                @Override
                public void second(SecondSample sample) {
                    live.last = sample;
                }
            });
        }
        PrintStream human = json.toStdout() ? err : out;
        print(result, human);
        json.write(result, out);
        if (report != null) {
            HtmlReport.write(result, report);
            human.println("report: " + report);
        }
        if (!result.slo().passed()) {
            throw LiftoffException.checkFailed("SLO broken: "
                    + result.slo().broken().stream().map(CheckResult::explain).collect(Collectors.joining("; ")));
        }
        return 0;
    }

    private LoadTestConfig config() {
        Duration d = Durations.parse(duration, "--duration");
        Duration r = ramp == null ? Duration.ZERO : Durations.parse(ramp, "--ramp");
        Model model;
        if ((rate == null) == (connections == null)) {
            throw LiftoffException.usage(
                    "give --rate R/s (open model) or --connections N (closed model), exactly one of them");
        }
        if (connections != null) {
            if (ramp != null || heroku != null) {
                throw LiftoffException.usage("--ramp and --heroku go with --rate, not --connections");
            }
            model = new Model.Closed(checked(connections, "--connections"));
        } else if (rate.strip().toLowerCase(Locale.ROOT).matches("\\d+(\\.\\d+)?x")) {
            if (heroku == null) {
                throw LiftoffException.usage("--rate " + rate
                        + " is relative to the recorded peak: add --heroku EXPORT_DIR/APP, or give a rate like 100/s");
            }
            double multiple = Double.parseDouble(rate.strip().replaceAll("(?i)x$", ""));
            if (multiple <= 0) {
                throw LiftoffException.usage("--rate: '" + rate + "' must be more than 0x");
            }
            model = new Model.OpenAtPeak(multiple, heroku, r, checked(maxInFlight, "--max-in-flight"));
        } else {
            if (heroku != null) {
                throw LiftoffException.usage("--heroku goes with a relative rate such as --rate 3x");
            }
            double perSecond = Rate.parse(rate, "--rate").perSecond();
            if (perSecond <= 0) {
                throw LiftoffException.usage("--rate: '" + rate + "' must be more than 0/s");
            }
            model = new Model.Open(perSecond, r, checked(maxInFlight, "--max-in-flight"));
        }
        return new LoadTestConfig(
                scenario.file(),
                scenario.url(),
                scenario.imports(),
                model,
                d,
                timeout == null ? LoadTestConfig.DEFAULT_TIMEOUT : Durations.parse(timeout, "--timeout"),
                slo == null ? Slo.none() : Slo.parse(slo),
                ioThreads == null ? LoadTestConfig.defaultIoThreads() : checked(ioThreads, "--io-threads"),
                insecure);
    }

    private static int checked(int n, String option) {
        if (n < 1) {
            throw LiftoffException.usage(option + " must be at least 1, not " + n);
        }
        return n;
    }

    private static void print(LoadTestResult r, PrintStream out) {
        Latency l = r.latencyMs();
        out.printf(
                Locale.ROOT,
                "%d requests, %d errors (%.2f%%), %s over %.1fs%n",
                r.requests(),
                r.errors(),
                r.errorRate() * 100,
                Rate.human(r.throughputRps()).replace("/s", " req/s"),
                r.durationSeconds());
        out.printf(
                Locale.ROOT,
                "latency ms: p50 %s  p90 %s  p95 %s  p99 %s  max %s%n",
                l.p50(),
                l.p90(),
                l.p95(),
                l.p99(),
                l.max());
        if (r.schedule() != null) {
            var s = r.schedule();
            out.printf(
                    Locale.ROOT,
                    "schedule: %s sessions/s achieved of %s asked (%d started of %d due; start lag p99 %s ms, max %s"
                            + " ms)%n",
                    s.achievedRate(),
                    s.targetRate(),
                    s.sessionsStarted(),
                    s.sessionsDue(),
                    s.startLagP99Ms(),
                    s.startLagMaxMs());
            if (s.fellBehind()) {
                out.println("schedule fell behind: " + s.reason());
            }
        }
        if (!r.errorsByKind().isEmpty()) {
            out.println("errors by kind: " + r.errorsByKind());
        }
        if (r.byRequest().size() > 1) {
            TextTable t = TextTable.of("request", "requests", "errors", "req/s", "p50", "p95", "p99", "max")
                    .rightAlign(1, 2, 3, 4, 5, 6, 7);
            for (var e : r.byRequest().entrySet()) {
                RequestResult q = e.getValue();
                Latency ql = q.latencyMs();
                t.row(e.getKey(), q.requests(), q.errors(), q.throughputRps(), ql.p50(), ql.p95(), ql.p99(), ql.max());
            }
            out.println(t.render());
        }
        for (CheckResult c : r.slo().checks()) {
            out.println("slo " + (c.passed() ? "ok     " : "BROKEN ") + c.explain());
        }
    }

    /**
     * The status line: the last second's figures, time left, and for the open model the sessions started in that
     * second, so a schedule falling behind shows while it happens.
     */
    private static final class Live {
        private final Duration duration;
        private final boolean open;
        volatile SecondSample last;

        Live(Duration duration, boolean open) {
            this.duration = duration;
            this.open = open;
        }

        String line() {
            SecondSample s = last;
            if (s == null) {
                return "loadtest: starting";
            }
            long left = Math.max(0, duration.toSeconds() - s.second());
            return String.format(
                    Locale.ROOT,
                    "loadtest %ds/%s (%s left)  %d req/s%s  p50 %.1fms  p99 %.1fms  errors %d  in flight %d",
                    s.second(),
                    Durations.human(duration),
                    Durations.human(Duration.ofSeconds(left)),
                    s.requests(),
                    open ? "  " + s.sessionsStarted() + " sessions started/s" : "",
                    s.p50Ms(),
                    s.p99Ms(),
                    s.errors(),
                    s.inFlight());
        }
    }
}
