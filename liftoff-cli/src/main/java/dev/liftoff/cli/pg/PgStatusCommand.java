package dev.liftoff.cli.pg;

import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.ByteSize;
import dev.liftoff.core.Durations;
import dev.liftoff.core.report.Json;
import dev.liftoff.postgres.PgSync;
import dev.liftoff.postgres.PgSyncStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff pg status}: a thin shell over {@link PgSync#status}. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows a sync's phase, capture method, lag and changes applied.",
            "",
            "Shows where the sync between two databases stands: phase (copying, streaming, finished), "
                    + "capture method, whether a pg sync is applying now, how far the target is behind the source, and "
                    + "changes applied. Reads only; works whether or not pg sync runs.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff pg status --source \"$HEROKU_DATABASE_URL\" --target postgres://app:PASS@my-rds:5432/app",
            "  liftoff pg status --source ... --target ... --json | jq .lag_seconds",
            "",
            "JSON fields: phase (not_started, copying, streaming, finished), capture, running, lag_seconds, "
                    + "lag_changes (trigger capture; null for logical), lag_bytes (logical), applied_changes, "
                    + "applied_transactions, copied_chunks, total_chunks. Exit 0, 2 bad usage, 3 environment."
        })
public final class PgStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PgEndpoints endpoints;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            arity = "0..1",
            fallbackValue = "-",
            description = "Print the status as JSON instead (or write it to FILE).")
    Path json;

    @Override
    public Integer call() {
        PgSyncStatus s = PgSync.status(endpoints.source(), endpoints.target());
        PrintStream out = Streams.of(spec.commandLine().getOut());
        if (json != null && json.toString().equals("-")) {
            out.println(Json.toJson(s));
        } else {
            out.println(line(s));
            if (json != null) {
                Json.write(json, s);
            }
        }
        out.flush();
        return 0;
    }

    static String line(PgSyncStatus s) {
        StringBuilder b = new StringBuilder(s.phase().replace('_', ' '));
        if (s.capture() != null) {
            b.append(" (").append(s.capture()).append(")");
        }
        b.append(s.running() ? ", pg sync running" : ", no pg sync running");
        if (s.totalChunks() != null) {
            b.append(String.format(Locale.ROOT, ", %d of %d chunks copied", s.copiedChunks(), s.totalChunks()));
        }
        if (s.lagSeconds() != null) {
            b.append(", lag ").append(Durations.human(Duration.ofMillis(Math.round(s.lagSeconds() * 1000))));
            if (s.lagChanges() != null) {
                b.append(String.format(Locale.ROOT, " (%,d changes)", s.lagChanges()));
            }
            if (s.lagBytes() != null) {
                b.append(" (").append(ByteSize.human(s.lagBytes())).append(" of WAL)");
            }
        }
        if (!s.phase().equals(PgSyncStatus.NOT_STARTED) && !s.phase().equals(PgSyncStatus.COPYING)) {
            b.append(String.format(
                    Locale.ROOT,
                    ", %,d changes in %,d transactions applied",
                    s.appliedChanges(),
                    s.appliedTransactions()));
        }
        return b.append("; ")
                .append(s.source())
                .append(" -> ")
                .append(s.target())
                .toString();
    }
}
