package dev.liftoff.cli.redis;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.ByteSize;
import dev.liftoff.core.Rate;
import dev.liftoff.redis.CopyResult;
import dev.liftoff.redis.RedisCopy;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code liftoff redis copy}: a one-time copy of the keyspace. */
@Command(
        name = "copy",
        mixinStandardHelpOptions = true,
        description = {
            "Copy every key of every logical database (or --db N): every type, binary-safe, expiry times to the",
            "millisecond, big keys in pieces. DUMP/RESTORE where the target reads the source's payloads, a type-aware",
            "copy where it does not (an older target). Refuses a target that holds keys unless --replace."
        },
        footer = {
            "",
            "Examples:",
            "  liftoff redis copy --source \"$(heroku config:get REDIS_URL -a myapp)\" --tls-insecure \\",
            "      --target rediss://default:PASSWORD@my-cache.xxxxxx.use1.cache.amazonaws.com:6379",
            "  liftoff redis copy --source redis://old:6379 --target redis://new:6379 --db 0 --replace --json copy.json"
        })
public final class RedisCopyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RedisEndpoints endpoints;

    @Mixin
    CopyOptions copy;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream err = Streams.of(spec.commandLine().getErr());
        CopyResult r = RedisCopy.run(copy.config(endpoints.endpoints(err)), err);
        PrintStream human = json.toStdout() ? err : out;
        human.printf(
                "copied %d keys (%s) of databases %s in %.1f s, %s, by %s (%s)%n",
                r.keys(),
                ByteSize.human(r.bytes()),
                r.databases(),
                r.seconds(),
                Rate.human(r.keysPerSecond()).replace("/s", " keys/s"),
                r.method(),
                r.methodReason());
        if (r.bigKeys() > 0) {
            human.println(r.bigKeys() + " big keys were copied in pieces");
        }
        if (r.vanished() > 0) {
            human.println(r.vanished() + " keys expired or were deleted on the source before their turn; not copied");
        }
        json.write(r, out);
        return 0;
    }
}
