package dev.liftoff.cli.pg;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.core.Rate;
import dev.liftoff.core.progress.Progress;
import dev.liftoff.postgres.CaptureMethod;
import dev.liftoff.postgres.PgCopyConfig;
import dev.liftoff.postgres.PgSync;
import dev.liftoff.postgres.PgSyncConfig;
import dev.liftoff.postgres.PgSyncResult;
import dev.liftoff.postgres.PgSyncRun;
import dev.liftoff.postgres.sync.SyncCounters;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code liftoff pg sync}: a thin shell over {@link PgSync#start}. */
@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "Keeps the target in step with a live source until stopped.",
            "",
            "Copies the source into the target (as pg copy, unless that copy is already done) and then "
                    + "applies every change committed on the source, in commit order, until stopped with Ctrl-C or "
                    + "SIGTERM. Run again, it resumes where it stopped, without losing or repeating a change. Run "
                    + "'liftoff pg status' and 'liftoff pg finish' from another shell while it runs; 'liftoff pg "
                    + "cleanup' once the cutover is done.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff pg sync --source \"$HEROKU_DATABASE_URL\" --target postgres://app:PASS@my-rds:5432/app",
            "  liftoff pg sync --source postgres://127.0.0.1/shop --target postgres://127.0.0.1/shop_new"
                    + " --capture logical",
            "",
            "Capture: 'triggers' needs only table ownership (all Heroku Postgres grants) and costs the "
                    + "application's writes some throughput; 'logical' needs wal_level=logical and the REPLICATION "
                    + "attribute; 'auto' picks logical where the source allows it, else triggers, and says why. DDL on "
                    + "the source stops the sync with a message naming the table. Exit 0 stopped cleanly, 1 the "
                    + "source's schema changed or a change could not be applied, 2 bad usage, 3 environment "
                    + "(unreachable, refused, another sync running)."
        })
public final class PgSyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PgEndpoints endpoints;

    @Mixin
    JsonOutput json;

    @Option(
            names = "--capture",
            paramLabel = "METHOD",
            defaultValue = "auto",
            description = "How changes are captured: auto, triggers or logical (default: ${DEFAULT-VALUE}).")
    String capture;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "Parallel workers per database for the initial copy (default: one per processor).")
    Integer jobs;

    @Option(
            names = "--pg-dump",
            paramLabel = "PATH",
            description = "The pg_dump the initial copy runs (default: the one on PATH).")
    Path pgDump;

    @Option(
            names = "--restart",
            description = "Drop the target's unfinished copy and sync position and copy again under capture.")
    boolean restart;

    @Option(
            names = "--retry-for",
            paramLabel = "DURATION",
            defaultValue = "5m",
            description = "How long to keep reconnecting, with backoff, after a lost connection or a restarted server"
                    + " (default: ${DEFAULT-VALUE}; 0s fails at the first loss).")
    String retryFor;

    @Override
    public Integer call() {
        PgCopyConfig copy = PgCopyConfig.of(endpoints.source(), endpoints.target())
                .withJobs(jobs == null ? PgCopyConfig.defaultJobs() : jobs)
                .withRestart(restart);
        if (pgDump != null) {
            copy = copy.withPgDump(pgDump);
        }
        PgSyncConfig config = PgSyncConfig.of(endpoints.source(), endpoints.target())
                .withCapture(CaptureMethod.of(capture))
                .withCopy(copy)
                .withRetryFor(Durations.parse(retryFor, "--retry-for"));
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream err = Streams.of(spec.commandLine().getErr());
        PgSyncRun run = PgSync.start(config, err, line -> err.println("pg sync: " + line));
        // SIGINT and SIGTERM stop after the batch in flight, whose position commits with it, and the command then
        // reports and exits 0. Handling the signals (the JDK's supported-but-internal API, as no public one exists)
        // keeps the JVM from exiting with 130/143 before the report; the shutdown hook covers JVMs without it.
        List<SignalHandler> previous = onStopSignals(run);
        Thread stopper = Thread.ofPlatform().name("liftoff-pg-sync-stop").unstarted(() -> {
            run.stop();
            run.await(Duration.ofSeconds(30));
        });
        Runtime.getRuntime().addShutdownHook(stopper);
        PgSyncResult result;
        try (Progress progress = Progress.start("pg-sync", err, new Line(run.counters())::next)) {
            while (!run.await(Duration.ofSeconds(1))) {
                if (Thread.interrupted()) {
                    // An interrupt (an embedding caller's) asks for the same clean stop as Ctrl-C.
                    run.stop();
                }
            }
            result = run.await();
        } finally {
            run.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it is what stopped the sync.
            }
            restore(previous);
        }
        PrintStream human = json.toStdout() ? err : out;
        human.printf(
                Locale.ROOT,
                "sync stopped: %s capture, %,d changes in %,d transactions applied in %s%s; run it again to resume%n",
                result.capture(),
                result.appliedChanges(),
                result.appliedTransactions(),
                Durations.human(Duration.ofMillis(Math.round(result.durationSeconds() * 1000))),
                result.copied() ? " (copied the data first)" : "");
        json.write(result, out);
        out.flush();
        return 0;
    }

    private static final List<String> STOP_SIGNALS = List.of("INT", "TERM");

    @SuppressWarnings("removal")
    private static List<SignalHandler> onStopSignals(PgSyncRun run) {
        List<SignalHandler> previous = new ArrayList<>();
        try {
            for (String name : STOP_SIGNALS) {
                previous.add(Signal.handle(new Signal(name), sig -> run.stop()));
            }
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // Signal handling unavailable here: the shutdown hook still stops the sync cleanly.
        }
        return previous;
    }

    @SuppressWarnings("removal")
    private static void restore(List<SignalHandler> previous) {
        for (int i = 0; i < previous.size(); i++) {
            Signal.handle(new Signal(STOP_SIGNALS.get(i)), previous.get(i));
        }
    }

    /** The progress line: phase, capture, changes applied, their rate since the last line, and the lag. */
    static final class Line {
        private final SyncCounters counters;
        private long lastChanges;
        private long lastNanos = System.nanoTime();

        Line(SyncCounters counters) {
            this.counters = counters;
        }

        synchronized String next() {
            long now = System.nanoTime();
            long changes = counters.changes();
            double rate = (changes - lastChanges) / Math.max(1e-3, (now - lastNanos) / 1e9);
            lastChanges = changes;
            lastNanos = now;
            String phase = counters.phase();
            if (!phase.equals("streaming")) {
                return "pg sync: " + phase + (counters.capture().isEmpty() ? "" : " (" + counters.capture() + ")");
            }
            Instant position = counters.positionTime();
            String lag = position == null
                    ? "unknown"
                    : Durations.human(
                            Duration.between(position, Instant.now()).isNegative()
                                    ? Duration.ZERO
                                    : Duration.between(position, Instant.now()));
            return String.format(
                    Locale.ROOT,
                    "pg sync: streaming (%s), %,d changes applied (%s), lag %s",
                    counters.capture(),
                    changes,
                    Rate.human(rate),
                    lag);
        }
    }
}
