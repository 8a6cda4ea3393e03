package dev.liftoff.cli.redis;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.redis.FinishResult;
import dev.liftoff.redis.RedisSync;
import java.io.PrintStream;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff redis finish}: returns once every change made on the source before the call is on the target. */
@Command(
        name = "finish",
        mixinStandardHelpOptions = true,
        description = {
            "Write a marker key (liftoff:finish:UUID, expiring in 10 minutes) to the source and wait until the running",
            "sync has carried it to the target: then every change made on the source before this call is there.",
            "Stop the application's writes first; exit 0 when done, 1 on --timeout, 3 when no sync is running."
        },
        footer = {
            "",
            "Examples:",
            "  liftoff redis finish --source \"$REDIS_URL\" --target redis://new:6379 --timeout 2m"
        })
public final class RedisFinishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RedisEndpoints endpoints;

    @Option(names = "--db", paramLabel = "N", description = "The database given to 'liftoff redis sync --db N'.")
    Integer db;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5m",
            description = "Give up after this long, with exit 1 (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream err = Streams.of(spec.commandLine().getErr());
        FinishResult r = RedisSync.finish(
                endpoints.endpoints(err),
                db == null ? OptionalInt.empty() : OptionalInt.of(db),
                Durations.parse(timeout, "--timeout"));
        if (!json.toStdout()) {
            out.printf(
                    "the target has every change made on the source before the finish (waited %.2f s)%n",
                    r.waitedSeconds());
        }
        json.write(r, out);
        return 0;
    }
}
