package dev.liftoff.migrate.phases;

import dev.liftoff.migrate.runbook.Phase;
import dev.liftoff.migrate.runbook.PhaseOutcome;
import dev.liftoff.migrate.runbook.RunContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Copies the Redis keyspace and keeps carrying changes ({@link RedisLink}); done once the copy is over and the sync
 * streams, which then runs on until the cutover finishes it. Rerun after a crash, it copies again over what the earlier
 * attempt wrote (every key is replaced, so nothing is left stale).
 */
public final class RedisSyncPhase implements Phase {
    /** How long the initial copy may take before the phase gives up (and a rerun resumes it). */
    static final Duration COPY_TIMEOUT = Duration.ofHours(6);

    private final Supplier<RedisLink> link;

    /** @param link the sync, opened on first use (so that building the runbook connects to nothing) */
    public RedisSyncPhase(Supplier<RedisLink> link) {
        this.link = Objects.requireNonNull(link, "link");
    }

    @Override
    public String name() {
        return "redis-sync";
    }

    @Override
    public String description() {
        return "copy every Redis key (SCAN, DUMP/RESTORE with TTLs), then carry every change live until the cutover";
    }

    @Override
    public PhaseOutcome run(RunContext ctx) {
        RedisLink redis = link.get();
        redis.start(ctx.attempt() > 1 || ctx.resuming(), COPY_TIMEOUT);
        long keys = redis.keysCopied();
        return PhaseOutcome.done(
                keys + " keys copied; streaming changes",
                Map.of("keys_copied", keys, "lag_ms", redis.lag().toMillis()));
    }
}
