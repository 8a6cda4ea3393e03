package dev.liftoff.cli.redis;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.redis.RedisVerify;
import dev.liftoff.redis.VerifyConfig;
import dev.liftoff.redis.VerifyResult;
import dev.liftoff.redis.verify.Difference;
import java.io.PrintStream;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff redis verify}: compare source and target. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Compare the source and the target: key sets both ways, types, contents and expiry times (within",
            "--ttl-tolerance), every key (--full, the default) or a random sample. Keys that differ are compared",
            "twice, so a change a live sync has not applied yet does not count. Exit 1 naming the keys that differ."
        },
        footer = {
            "",
            "Examples:",
            "  liftoff redis verify --source \"$REDIS_URL\" --tls-insecure --target redis://new:6379",
            "  liftoff redis verify --source \"$REDIS_URL\" --target redis://new:6379 --sample 10000 --json verify.json"
        })
public final class RedisVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RedisEndpoints endpoints;

    static final class Scope {
        @Option(names = "--sample", paramLabel = "N", description = "Compare N random keys each way.")
        Integer sample;

        @Option(names = "--full", description = "Compare every key (the default).")
        boolean full;
    }

    @ArgGroup(exclusive = true)
    Scope scope;

    @Option(names = "--db", paramLabel = "N", description = "Compare only logical database N.")
    Integer db;

    @Option(
            names = "--ttl-tolerance",
            paramLabel = "DURATION",
            defaultValue = "2s",
            description = "How far two remaining lifetimes may differ (default: ${DEFAULT-VALUE}).")
    String ttlTolerance;

    @Option(
            names = "--show",
            paramLabel = "N",
            defaultValue = "" + VerifyConfig.DEFAULT_MAX_REPORTED,
            description = "Name at most N differing keys (default: ${DEFAULT-VALUE}); all are counted.")
    int show;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream err = Streams.of(spec.commandLine().getErr());
        OptionalInt sample = scope == null || scope.sample == null ? OptionalInt.empty() : OptionalInt.of(scope.sample);
        VerifyConfig config = new VerifyConfig(
                endpoints.endpoints(err),
                db == null ? OptionalInt.empty() : OptionalInt.of(db),
                sample,
                Durations.parse(ttlTolerance, "--ttl-tolerance"),
                show);
        VerifyResult r = RedisVerify.run(config, err);
        PrintStream human = json.toStdout() ? err : out;
        for (Difference d : r.examples()) {
            human.printf("db%d '%s': %s%n", d.db(), d.key(), d.detail());
        }
        if (r.differences() > r.examples().size()) {
            human.printf("... and %d more%n", r.differences() - r.examples().size());
        }
        json.write(r, out);
        if (!r.same()) {
            throw LiftoffException.checkFailed(r.differences() + " of " + r.keysCompared() + " keys differ ("
                    + r.missingOnTarget() + " missing on the target, " + r.extraOnTarget() + " only on the target, "
                    + r.typeMismatches() + " of another type, " + r.contentMismatches() + " with other contents, "
                    + r.ttlMismatches() + " with other expiry times); copy again with --replace or keep the sync"
                    + " running and verify again");
        }
        human.printf(
                "source and target match: %d keys compared (%s) in databases %s in %.1f s%n",
                r.keysCompared(), r.scope(), r.databases(), r.seconds());
        return 0;
    }
}
