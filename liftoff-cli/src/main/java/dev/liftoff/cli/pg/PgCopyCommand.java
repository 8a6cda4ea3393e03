package dev.liftoff.cli.pg;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.ByteSize;
import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.postgres.PgCopy;
import dev.liftoff.postgres.PgCopyConfig;
import dev.liftoff.postgres.PgCopyResult;
import dev.liftoff.postgres.VerifyResult;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff pg copy}: a thin shell over {@link PgCopy}. */
@Command(
        name = "copy",
        mixinStandardHelpOptions = true,
        description = {
            "Copy schema and data from a live database to an empty one, exactly; resumable.",
            "",
            "Copies schema and data from a live source database to an empty target, exactly, in one consistent",
            "snapshot: schema from pg_dump, rows streamed COPY to COPY by parallel workers, indexes and constraints",
            "after the rows, then verify. Killed or failed, the same command resumes without duplicating a row.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff pg copy --source \"$HEROKU_DATABASE_URL\" --target postgres://app:PASS@my-rds:5432/app",
            "  liftoff pg copy --source postgres://127.0.0.1/shop --target postgres://127.0.0.1/shop_copy --jobs 4",
            "  liftoff pg copy --source ... --target ... --owner-map heroku_user=app --json copy.json",
            "  liftoff pg copy --source ... --target ... --restart      (drop the earlier copy, start over)",
            "",
            "Needs pg_dump as new as the source server (on PATH or --pg-dump). Leaves out owners and grants unless",
            "--keep-owners/--owner-map, and event triggers, publications, subscriptions, tablespaces and security",
            "labels, which managed targets refuse. Exit 0 copied and equal, 1 verify found a difference,",
            "2 bad usage (e.g. the same database twice), 3 environment (unreachable, not empty, pg_dump missing)."
        })
public final class PgCopyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PgEndpoints endpoints;

    @Mixin
    JsonOutput json;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "Parallel workers per database for rows and index builds (default: one per processor).")
    Integer jobs;

    @Option(
            names = "--pg-dump",
            paramLabel = "PATH",
            description = "The pg_dump to run (default: the one on PATH); it must be as new as the source server.")
    Path pgDump;

    @Option(
            names = "--keep-owners",
            description = "Keep the source's object owners (the roles must exist on the target).")
    boolean keepOwners;

    @Option(
            names = "--owner-map",
            paramLabel = "OLD=NEW",
            description = "Give objects owned by role OLD to role NEW on the target (repeatable; implies"
                    + " --keep-owners).")
    Map<String, String> ownerMap = new LinkedHashMap<>();

    @Option(
            names = "--restart",
            description = "Drop what an earlier, unfinished run of this copy created on the target and start over.")
    boolean restart;

    @Option(names = "--no-verify", description = "Skip comparing source and target at the end.")
    boolean noVerify;

    @Option(
            names = "--chunk-size",
            paramLabel = "SIZE",
            defaultValue = "256MB",
            description = "Split tables larger than this into ranges copied in parallel (default: ${DEFAULT-VALUE}).")
    String chunkSize;

    @Option(
            names = "--index-memory",
            paramLabel = "SIZE",
            defaultValue = "1GB",
            description = "maintenance_work_mem of the target sessions building indexes (default: ${DEFAULT-VALUE}).")
    String indexMemory;

    @Override
    public Integer call() {
        PgCopyConfig config = PgCopyConfig.of(endpoints.source(), endpoints.target())
                .withJobs(jobs == null ? PgCopyConfig.defaultJobs() : jobs)
                .withKeepOwners(keepOwners)
                .withOwnerMap(ownerMap)
                .withRestart(restart)
                .withVerify(!noVerify)
                .withChunkSize(ByteSize.parse(chunkSize, "--chunk-size"))
                .withIndexMemory(ByteSize.parse(indexMemory, "--index-memory"));
        if (pgDump != null) {
            config = config.withPgDump(pgDump);
        }
        PrintStream err = Streams.of(spec.commandLine().getErr());
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PgCopyResult result = PgCopy.run(config, err);
        if (!json.toStdout()) {
            print(result, out);
        }
        json.write(result, out);
        out.flush();
        VerifyResult v = result.verify();
        if (v != null && !v.equal()) {
            throw LiftoffException.checkFailed("the target differs from the source in "
                    + v.differences().size()
                    + " objects (first: " + v.differences().get(0) + "); run liftoff pg verify for details, fix the"
                    + " cause and copy again with --restart");
        }
        return 0;
    }

    static void print(PgCopyResult r, PrintStream out) {
        PrintWriter w = new PrintWriter(out, true);
        w.printf(
                Locale.ROOT,
                "%s %d tables, %,d rows (%s) from %s to %s in %s%n",
                r.resumed() ? "resumed and copied" : "copied",
                r.tables(),
                r.rows(),
                ByteSize.human(r.bytes()),
                r.source(),
                r.target(),
                human(r.durationSeconds()));
        double rate = r.dataSeconds() > 0 ? r.bytes() / r.dataSeconds() : 0;
        w.printf(
                Locale.ROOT,
                "  schema %s, rows %s (%s/s), indexes and constraints %s; %d sequences, %,d large objects,"
                        + " %d post-data steps%n",
                human(r.schemaSeconds()),
                human(r.dataSeconds()),
                ByteSize.human((long) rate),
                human(r.postDataSeconds()),
                r.sequences(),
                r.largeObjects(),
                r.postDataSteps());
        for (String n : r.notices()) {
            w.println("  note: " + n);
        }
        VerifyResult v = r.verify();
        if (v == null) {
            w.println("verify: skipped (--no-verify); run liftoff pg verify to compare");
        } else if (v.equal()) {
            w.printf(
                    Locale.ROOT,
                    "verify: equal (%d tables, %,d rows, %d sequences compared in %s)%n",
                    v.tables().size(),
                    v.rowsCompared(),
                    v.sequences().size(),
                    Durations.human(v.duration()));
        } else {
            w.printf(Locale.ROOT, "verify: %d differences%n", v.differences().size());
            v.differences().stream().limit(20).forEach(d -> w.println("  " + d));
        }
        w.flush();
    }

    private static String human(double seconds) {
        return Durations.human(Duration.ofMillis(Math.round(seconds * 1000)));
    }
}
