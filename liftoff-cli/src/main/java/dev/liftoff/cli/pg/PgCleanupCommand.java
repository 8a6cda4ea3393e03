package dev.liftoff.cli.pg;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.postgres.PgCleanupResult;
import dev.liftoff.postgres.PgSync;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code liftoff pg cleanup}: a thin shell over {@link PgSync#cleanup}. */
@Command(
        name = "cleanup",
        mixinStandardHelpOptions = true,
        description = {
            "Removes liftoff's sync objects from both databases.",
            "",
            "Removes every object liftoff created on the source (capture triggers and function, changelog, "
                    + "publication, replication slot, the _liftoff schema) and its bookkeeping on the target (the "
                    + "_liftoff schema). Refuses while pg sync runs. Safe to repeat.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff pg cleanup --source \"$HEROKU_DATABASE_URL\" --target postgres://app:PASS@my-rds:5432/app",
            "",
            "Exit 0 removed (or nothing to remove), 2 bad usage, 3 environment (unreachable, pg sync still "
                    + "running)."
        })
public final class PgCleanupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PgEndpoints endpoints;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        PgCleanupResult r = PgSync.cleanup(endpoints.source(), endpoints.target());
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream human = json.toStdout() ? Streams.of(spec.commandLine().getErr()) : out;
        if (r.removedFromSource().isEmpty() && r.removedFromTarget().isEmpty()) {
            human.println("nothing to remove: neither database holds liftoff sync objects");
        }
        r.removedFromSource().forEach(o -> human.println("removed from the source: " + o));
        r.removedFromTarget().forEach(o -> human.println("removed from the target: " + o));
        human.flush();
        json.write(r, out);
        out.flush();
        return 0;
    }
}
