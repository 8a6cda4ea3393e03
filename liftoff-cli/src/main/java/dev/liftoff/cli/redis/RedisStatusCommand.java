package dev.liftoff.cli.redis;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.redis.RedisSync;
import dev.liftoff.redis.SyncStatus;
import java.io.PrintStream;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff redis status}: the state of a running sync, read from the target. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show the state of the sync into --target (from the hash liftoff:sync:state it keeps there): phase",
            "(copying, streaming, resyncing, stopped, failed), mode, lag, keys copied, changes applied."
        },
        footer = {
            "",
            "Examples:",
            "  liftoff redis status --source \"$REDIS_URL\" --target redis://new:6379",
            "  liftoff redis status --source \"$REDIS_URL\" --target redis://new:6379 --json - | jq .lag_seconds"
        })
public final class RedisStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RedisEndpoints endpoints;

    @Option(names = "--db", paramLabel = "N", description = "The database given to 'liftoff redis sync --db N'.")
    Integer db;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream err = Streams.of(spec.commandLine().getErr());
        SyncStatus s =
                RedisSync.status(endpoints.endpoints(err), db == null ? OptionalInt.empty() : OptionalInt.of(db));
        if (!json.toStdout()) {
            out.printf(
                    "phase %s, mode %s (%s)%n%s, lag %.1f s, heartbeat %.0f s ago%n"
                            + "%d of %d keys copied, %d changes applied, %d pending, %d resyncs, started %s%n",
                    s.phase(),
                    s.mode(),
                    s.modeReason(),
                    s.running() ? "running" : "NOT running",
                    s.lagSeconds(),
                    s.heartbeatAgeSeconds(),
                    s.keysCopied(),
                    s.keysTotal(),
                    s.changesApplied(),
                    s.changesPending(),
                    s.resyncs(),
                    s.startedAt());
        }
        json.write(s, out);
        return 0;
    }
}
