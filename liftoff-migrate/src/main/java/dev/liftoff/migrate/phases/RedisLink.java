package dev.liftoff.migrate.phases;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.RedisUrl;
import dev.liftoff.migrate.runbook.Verdict;
import dev.liftoff.redis.CopyConfig;
import dev.liftoff.redis.Endpoints;
import dev.liftoff.redis.RedisSync;
import dev.liftoff.redis.RedisVerify;
import dev.liftoff.redis.RunningSync;
import dev.liftoff.redis.SyncConfig;
import dev.liftoff.redis.SyncMode;
import dev.liftoff.redis.SyncStatus;
import dev.liftoff.redis.VerifyConfig;
import dev.liftoff.redis.VerifyResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The migration's Redis sync ({@link RedisSync}), run inside this process on the sync's own thread. Started by the
 * Redis sync phase, or by the cutover when a rerun resumes there. Thread-safe; {@link #close()} stops the sync.
 */
public final class RedisLink implements StoreLink {
    /** Keys a quick verify samples each way: enough to catch a broken sync, quick enough to run inside a freeze. */
    static final int QUICK_SAMPLE = 1_000;

    /** Longer than the sync's heartbeat window (5 s), after which a killed sync no longer counts as running. */
    private static final Duration HEARTBEAT_STALE = Duration.ofSeconds(12);

    private static final Duration POLL = Duration.ofMillis(250);

    private final Endpoints endpoints;
    private final OptionalInt db;
    private final PrintStream status;
    private RunningSync running;

    /**
     * @param status where the sync's notices go (mode chosen, reconnects); the caller owns it
     */
    public RedisLink(RedisUrl source, RedisUrl target, PrintStream status) {
        this.endpoints = new Endpoints(source, target, false);
        this.db = databases(source, target);
        this.status = status;
    }

    /** Every logical database when both URLs name database 0 (the default), else the one the source URL names. */
    public static OptionalInt databases(RedisUrl source, RedisUrl target) {
        return source.database() == 0 && target.database() == 0
                ? OptionalInt.empty()
                : OptionalInt.of(source.database());
    }

    @Override
    public String name() {
        return "redis";
    }

    /**
     * Starts the sync unless this process runs it already, and waits until its initial copy is done.
     *
     * @param replace whether the target may hold keys (an earlier attempt of this migration put them there)
     * @return the sync, streaming changes
     * @throws LiftoffException when the copy fails or does not finish within {@code timeout}
     */
    public synchronized RunningSync start(boolean replace, Duration timeout) {
        if (running == null) {
            awaitNoOtherSync();
            CopyConfig copy =
                    new CopyConfig(endpoints, db, replace, CopyConfig.DEFAULT_BIG_KEY_BYTES, CopyConfig.DEFAULT_JOBS);
            // AUTO: replica mode (PSYNC) where the source allows it, keyspace notifications where it does not.
            running = RedisSync.start(new SyncConfig(copy, SyncMode.AUTO), status);
        }
        try {
            if (!running.awaitStreaming(timeout)) {
                throw LiftoffException.environment("the Redis sync did not finish its copy within "
                        + dev.liftoff.core.Durations.human(timeout) + " (phase "
                        + running.stats().phase()
                        + "); see 'liftoff redis status' and run again to resume");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("interrupted while the Redis sync copied", e);
        }
        return running;
    }

    /**
     * A sync killed with this process's predecessor still looks alive until its heartbeat ages (5 s); wait that out
     * rather than refuse, and refuse only a sync that keeps beating (another process really runs one).
     */
    private void awaitNoOtherSync() {
        long deadline = System.nanoTime() + HEARTBEAT_STALE.toNanos();
        while (true) {
            SyncStatus s;
            try {
                s = RedisSync.status(endpoints, db);
            } catch (LiftoffException e) {
                return;
            }
            if (!s.running()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw LiftoffException.environment("another process runs a Redis sync into " + endpoints.target()
                        + " (heartbeat " + Math.round(s.heartbeatAgeSeconds()) + "s ago); stop it, then run again");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LiftoffException.environment("interrupted while waiting for an earlier Redis sync to stop", e);
            }
        }
    }

    @Override
    public Duration lag() {
        return Duration.ofMillis(
                Math.round(start(true, Duration.ofHours(1)).stats().lagSeconds() * 1000));
    }

    @Override
    public boolean finish(Duration timeout) {
        start(true, Duration.ofHours(1));
        try {
            RedisSync.finish(endpoints, db, timeout);
            return true;
        } catch (LiftoffException e) {
            if (e.code() == ErrorCode.CHECK_FAILED) {
                return false;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("interrupted while finishing the Redis sync", e);
        }
    }

    @Override
    public Verdict quickVerify(Duration timeout) {
        VerifyResult r = RedisVerify.run(
                new VerifyConfig(
                        endpoints,
                        db,
                        OptionalInt.of(QUICK_SAMPLE),
                        VerifyConfig.DEFAULT_TTL_TOLERANCE,
                        VerifyConfig.DEFAULT_MAX_REPORTED),
                status);
        if (r.same()) {
            return Verdict.same(r.keysCompared() + " sampled keys equal");
        }
        return Verdict.differs(r.differences() + " of " + r.keysCompared() + " sampled keys differ (first: "
                + r.examples().getFirst() + ")");
    }

    /** Keys the initial copy wrote, when this process ran it. */
    public synchronized long keysCopied() {
        return running == null ? 0 : running.stats().keysCopied();
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
