package dev.liftoff.cli.pg;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.postgres.PgVerify;
import dev.liftoff.postgres.VerifyConfig;
import dev.liftoff.postgres.VerifyResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff pg verify}: a thin shell over {@link PgVerify}. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Compare two live databases: schema, row digests, sequences, large objects.",
            "",
            "Compares two live databases without writing to either: definitions (tables,",
            "columns, constraints, indexes, triggers, views, sequences, types, functions,",
            "extensions, comments; not owners or grants), row counts and order-independent",
            "row digests computed inside PostgreSQL (per key range for big tables, in",
            "parallel), sequence values, large objects and materialized views. Each side",
            "is read in one consistent snapshot, so the source may stay in use. liftoff's",
            "own _liftoff schema is ignored.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff pg verify --source \"$HEROKU_DATABASE_URL\" \\",
            "      --target postgres://app:PASS@my-rds:5432/app",
            "  liftoff pg verify --source postgres://127.0.0.1/shop \\",
            "      --target postgres://127.0.0.1/shop_copy --jobs 4 --json verify.json",
            "  liftoff pg verify --source ... --target ... --table 'orders*' --no-schema",
            "",
            "Exit codes: 0 equal; 1 a difference (each differing object on its own line,",
            "all of them in --json); 2 bad usage; 3 environment (unreachable, wrong",
            "password, missing database, no permission to read a table)."
        })
public final class PgVerifyCommand implements Callable<Integer> {
    /** Differing objects printed on the terminal; --json has them all. */
    static final int SHOWN = 20;

    @Spec
    CommandSpec spec;

    @Mixin
    PgEndpoints endpoints;

    @Mixin
    JsonOutput json;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "Connections (parallel queries) per database (default: one per processor).")
    Integer jobs;

    @Option(names = "--schema", paramLabel = "NAME", description = "Compare only this schema (repeatable).")
    List<String> schemas = new ArrayList<>();

    @Option(
            names = "--table",
            paramLabel = "PATTERN",
            description = "Compare only matching tables, views and sequences: schema.name or name, * for any"
                    + " characters (repeatable). Types, functions and large objects are then left out.")
    List<String> tables = new ArrayList<>();

    @Option(
            names = "--exclude-table",
            paramLabel = "PATTERN",
            description = "Leave out matching tables, views and sequences (repeatable).")
    List<String> excludeTables = new ArrayList<>();

    @Option(names = "--no-schema", description = "Compare data only, not definitions.")
    boolean noSchema;

    @Option(
            names = "--split-rows",
            paramLabel = "N",
            description = "Compare tables of more rows than this in ranges of about this many, in parallel"
                    + " (default: ${DEFAULT-VALUE}).")
    long splitRows = VerifyConfig.DEFAULT_SPLIT_ROWS;

    @Option(
            names = "--sample",
            paramLabel = "N",
            description = "Differing rows to name per differing table (default: ${DEFAULT-VALUE}).")
    int sample = VerifyConfig.DEFAULT_SAMPLE_SIZE;

    @Override
    public Integer call() {
        VerifyConfig config = VerifyConfig.of(endpoints.source(), endpoints.target())
                .withJobs(jobs == null ? VerifyConfig.defaultJobs() : jobs)
                .withSchemas(schemas)
                .withTables(tables)
                .withExcludeTables(excludeTables)
                .withCompareSchema(!noSchema)
                .withSplitRows(splitRows)
                .withSampleSize(sample);
        PrintStream out = Streams.of(spec.commandLine().getOut());
        VerifyResult result = PgVerify.run(config, Streams.of(spec.commandLine().getErr()));
        if (!json.toStdout()) {
            print(result, out, json.requested());
        }
        json.write(result, out);
        out.flush();
        if (!result.equal()) {
            int n = result.differences().size();
            throw LiftoffException.checkFailed("the target differs from the source in " + n
                    + (n == 1 ? " object" : " objects") + " (listed above); fix the cause, or copy again with"
                    + " liftoff pg copy --restart");
        }
        return 0;
    }

    static void print(VerifyResult r, PrintStream out, boolean jsonWritten) {
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%d tables (%,d rows)", r.tables().size(), r.rowsCompared()));
        parts.add(r.sequences().size() + (r.sequences().size() == 1 ? " sequence" : " sequences"));
        if (r.largeObjects() != null) {
            long n = r.largeObjects().sourceCount();
            parts.add(n + (n == 1 ? " large object" : " large objects"));
        }
        if (r.schemaObjectsCompared() > 0) {
            parts.add(r.schemaObjectsCompared() + " definitions");
        }
        String compared = String.join(", ", parts) + " compared in " + Durations.human(r.duration());
        if (r.equal()) {
            out.println("equal: " + compared);
            return;
        }
        out.println("different: " + compared + "; " + r.differences().size() + " differ:");
        r.differences().stream().limit(SHOWN).forEach(d -> out.println("  " + d));
        int more = r.differences().size() - SHOWN;
        if (more > 0) {
            out.println("  and " + more + " more"
                    + (jsonWritten ? " (all of them in the --json file)" : " (--json FILE lists them all)"));
        }
    }
}
