package dev.liftoff.cli.pg;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.postgres.PgFinishConfig;
import dev.liftoff.postgres.PgFinishResult;
import dev.liftoff.postgres.PgSync;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff pg finish}: a thin shell over {@link PgSync#finish}. */
@Command(
        name = "finish",
        mixinStandardHelpOptions = true,
        description = {
            "Waits until the target caught up with the source, then sets its sequences.",
            "",
            "The cutover barrier: returns once every change committed on the source before it was called is "
                    + "applied on the target by a running 'liftoff pg sync' (in another process), then sets the "
                    + "target's sequences to the source's values. Stop the application's writes first; then point it "
                    + "at the target.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff pg finish --source \"$HEROKU_DATABASE_URL\" --target postgres://app:PASS@my-rds:5432/app",
            "  liftoff pg finish --source ... --target ... --timeout 2m --json finish.json",
            "",
            "Exit 0 caught up, 1 not caught up within --timeout (the message gives the lag), 2 bad usage, 3 "
                    + "environment (unreachable, no sync streams into the target)."
        })
public final class PgFinishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PgEndpoints endpoints;

    @Mixin
    JsonOutput json;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "How long to wait for the target to catch up (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() {
        Duration t = Durations.parse(timeout, "--timeout");
        PgFinishResult r = PgSync.finish(
                PgFinishConfig.of(endpoints.source(), endpoints.target()).withTimeout(t));
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream human = json.toStdout() ? Streams.of(spec.commandLine().getErr()) : out;
        human.printf(
                Locale.ROOT,
                "finished: the target caught up in %s (%s capture, %,d changes applied), %d sequences set;"
                        + " %s can take writes%n",
                Durations.human(Duration.ofMillis(Math.round(r.waitedSeconds() * 1000))),
                r.capture(),
                r.appliedChanges(),
                r.sequences(),
                r.target());
        for (String n : r.notices()) {
            human.println("  note: " + n);
        }
        human.flush();
        json.write(r, out);
        out.flush();
        return 0;
    }
}
