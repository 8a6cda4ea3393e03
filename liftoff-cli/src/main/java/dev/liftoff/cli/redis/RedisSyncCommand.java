package dev.liftoff.cli.redis;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.core.Rate;
import dev.liftoff.core.progress.Meter;
import dev.liftoff.core.progress.Progress;
import dev.liftoff.redis.RedisSync;
import dev.liftoff.redis.RunningSync;
import dev.liftoff.redis.SyncConfig;
import dev.liftoff.redis.SyncMode;
import dev.liftoff.redis.sync.SyncStats;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff redis sync}: copy, then carry every change until stopped. */
@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "Copy the keyspace, then carry every later change (writes, deletes, expirations, renames, TTL changes,",
            "in every database) to the target until stopped with Ctrl-C. 'replica' acts as a replica of the source",
            "(PSYNC: a snapshot, then the replication stream); 'notifications' re-reads each key named by keyspace",
            "events, turned on with CONFIG SET where allowed (where not, the error gives the provider's command) and",
            "rescans after a reconnect. 'auto' uses replica where the source allows PSYNC and the target is not",
            "older, else notifications, and says why. Run 'liftoff redis status' and 'liftoff redis finish' from",
            "another shell while it runs."
        },
        footer = {
            "",
            "Examples:",
            "  heroku redis:keyspace-notifications -c KEA -a myapp",
            "  liftoff redis sync --source \"$(heroku config:get REDIS_URL -a myapp)\" --tls-insecure \\",
            "      --target rediss://default:PASSWORD@my-cache.xxxxxx.use1.cache.amazonaws.com:6379",
            "  liftoff redis sync --source redis://old:6379 --target redis://new:6379 --mode replica",
            "  liftoff redis sync --source redis://old:6379 --target redis://new:6379 --mode notifications --db 0"
        })
public final class RedisSyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RedisEndpoints endpoints;

    @Mixin
    CopyOptions copy;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "auto",
            description = "How changes are captured: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). 'auto' says"
                    + " which it picked and why.")
    SyncMode mode;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream err = Streams.of(spec.commandLine().getErr());
        SyncConfig config = new SyncConfig(copy.config(endpoints.endpoints(err)), mode);
        RunningSync sync = RedisSync.start(config, err);
        // Ctrl-C runs this hook while the main thread is still in join(): the hook stops the sync, then holds the JVM
        // open until the main thread has printed the summary and written --json (the JVM halts when hooks return).
        CountDownLatch reported = new CountDownLatch(1);
        Thread stopper = Thread.ofPlatform().name("liftoff-redis-sync-stop").unstarted(() -> {
            sync.close();
            try {
                reported.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(stopper);
        boolean interrupted = false;
        try {
            try (Progress progress = Progress.start("redis-sync", err, progressLine(sync.stats()))) {
                sync.join();
            } catch (InterruptedException e) {
                // An interrupt is a request to stop, like Ctrl-C: stop cleanly and report, then restore the flag.
                interrupted = true;
            } finally {
                sync.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running: it is what stopped the sync.
                }
            }
            SyncStats s = sync.stats();
            PrintStream human = json.toStdout() ? err : out;
            human.printf(
                    "sync stopped: %d keys copied, %d changes applied, %d resyncs%n",
                    s.keysCopied(), s.changesApplied(), s.resyncs());
            json.write(RedisSync.status(config.endpoints(), config.db()), out);
            return 0;
        } finally {
            reported.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The progress line: keys/s and ETA while the initial copy runs, lag and changes after. */
    private static Supplier<String> progressLine(SyncStats s) {
        Meter meter = new Meter(s.keysTotal());
        long[] seen = {0};
        return () -> {
            long copied = s.keysCopied();
            meter.add(copied - seen[0]);
            seen[0] = copied;
            String head = "redis sync: " + s.phase() + " (" + s.mode() + "), " + copied + " keys copied";
            if (s.phase().equals("copying")) {
                meter.total(Math.max(s.keysTotal(), copied));
                String eta = meter.eta().map(d -> ", ETA " + Durations.human(d)).orElse("");
                return head + " of " + meter.total() + ", "
                        + Rate.human(meter.sample()).replace("/s", " keys/s") + eta;
            }
            return head + ", " + s.changesApplied() + " changes applied, " + s.pending() + " pending, lag "
                    + String.format(Locale.ROOT, "%.1fs", s.lagSeconds());
        };
    }
}
