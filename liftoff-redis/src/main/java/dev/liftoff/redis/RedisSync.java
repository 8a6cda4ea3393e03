package dev.liftoff.redis;

import dev.liftoff.core.Durations;
import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.redis.copy.MoveContext;
import dev.liftoff.redis.copy.OwnKeys;
import dev.liftoff.redis.resp.RespConnection;
import dev.liftoff.redis.sync.ChangeQueue;
import dev.liftoff.redis.sync.NotificationSync;
import dev.liftoff.redis.sync.ReplicaSync;
import dev.liftoff.redis.sync.StateStore;
import dev.liftoff.redis.sync.SyncEngine;
import dev.liftoff.redis.sync.SyncStats;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Live sync of a Redis keyspace, and the two calls other processes make while it runs: {@link #status} reads the
 * state the sync keeps in {@code liftoff:sync:state} on the target (database 0, or the one database synced), and
 * {@link #finish} writes a marker key on the source and returns once the sync has carried it to the target, which
 * proves every change made on the source before the call is there too.
 */
public final class RedisSync {
    /** A heartbeat older than this means the sync process is gone. */
    private static final double ALIVE_SECONDS = 5;

    private static final long STATE_GRACE_NANOS = 2_500_000_000L;

    private RedisSync() {}

    /**
     * Checks both ends, picks the mode, then copies and streams changes on a new thread until the returned handle is
     * closed. Nothing is written before the checks pass.
     *
     * @param status where notices (mode chosen, reconnects) go; the caller owns it
     */
    public static RunningSync start(SyncConfig config, PrintStream status) {
        Endpoints eps = config.endpoints();
        Preflight.Plan plan;
        try (RespConnection source = RespConnection.open(eps.sourceEndpoint(), "check");
                RespConnection target = RespConnection.open(eps.targetEndpoint(), "check")) {
            plan = Preflight.check(
                    eps, config.db(), source, target, !config.copy().replace());
            refuseRunningSync(target, plan.stateDb());
        }
        MoveContext ctx = RedisCopy.context(plan, config.copy().bigKeyBytes(), status);
        ChangeQueue queue = new ChangeQueue();
        OptionalInt only = Preflight.only(eps, config.db());
        String replicaReason = null;
        ReplicaSync.Stream stream = null;
        if (config.mode() != SyncMode.NOTIFICATIONS) {
            if (!plan.dumpRestore()) {
                replicaReason = plan.methodReason() + " (replica mode restores the source's snapshot as is)";
            } else {
                try {
                    stream = ReplicaSync.open(eps.sourceEndpoint(), null, 0);
                } catch (ReplicaSync.Refused e) {
                    replicaReason = "the source refuses replication (" + e.getMessage() + ")";
                }
            }
            if (replicaReason != null && config.mode() == SyncMode.REPLICA) {
                throw new LiftoffException(
                        ErrorCode.ENVIRONMENT,
                        "--mode replica cannot run: " + replicaReason + "; use --mode notifications (or auto,"
                                + " which falls back to it)");
            }
        }
        SyncEngine engine;
        SyncStats stats;
        if (stream != null) {
            String reason = config.mode() == SyncMode.REPLICA
                    ? "asked for with --mode replica"
                    : "the source allows PSYNC, so auto acts as its replica";
            status.println("redis sync: mode replica: " + reason);
            stats = new SyncStats("replica", reason, eps.source().toString(), queue, ctx);
            engine = new ReplicaSync(stream, eps.sourceEndpoint(), eps.targetEndpoint(), only, ctx, stats, status);
        } else {
            String reason = replicaReason == null
                    ? "asked for with --mode notifications"
                    : replicaReason + ", so auto uses keyspace notifications";
            status.println("redis sync: mode notifications: " + reason);
            stats = new SyncStats("notifications", reason, eps.source().toString(), queue, ctx);
            engine = new NotificationSync(
                    eps.sourceEndpoint(),
                    eps.targetEndpoint(),
                    plan.databases(),
                    only,
                    ctx,
                    config.copy().jobs(),
                    queue,
                    stats,
                    status);
        }
        stats.keysTotal(plan.source().totalKeys());
        StateStore state;
        try {
            state = new StateStore(eps.targetEndpoint(), plan.stateDb(), stats);
        } catch (RuntimeException e) {
            if (stream != null) {
                stream.connection().close();
            }
            throw e;
        }
        return new RunningSync(engine, stats, state);
    }

    private static void refuseRunningSync(RespConnection target, int stateDb) {
        SyncStatus existing = toStatus(StateStore.read(target, stateDb));
        if (existing != null && existing.running()) {
            throw new LiftoffException(
                    ErrorCode.ENVIRONMENT,
                    "a sync into this target is already running (phase " + existing.phase() + ", heartbeat "
                            + Math.round(existing.heartbeatAgeSeconds()) + "s ago); stop it first");
        }
    }

    /**
     * Reads the state of the sync into {@code endpoints.target()}.
     *
     * @param db the one database synced, if the sync was started with {@code --db}
     * @throws LiftoffException (exit 3) when no sync has written state there
     */
    public static SyncStatus status(Endpoints endpoints, OptionalInt db) {
        int stateDb = Preflight.only(endpoints, db).orElse(0);
        try (RespConnection target = RespConnection.open(endpoints.targetEndpoint(), "status")) {
            SyncStatus s = toStatus(StateStore.read(target, stateDb));
            // A FLUSHALL carried to the target removes the state too, until the sync's next beat (at most a second).
            for (long deadline = System.nanoTime() + STATE_GRACE_NANOS; s == null && System.nanoTime() < deadline; ) {
                sleep(100);
                s = toStatus(StateStore.read(target, stateDb));
            }
            if (s == null) {
                throw new LiftoffException(
                        ErrorCode.ENVIRONMENT,
                        "no liftoff sync has written state to the target (key " + OwnKeys.SYNC_STATE + " in db "
                                + stateDb + "); start one with 'liftoff redis sync'");
            }
            return s;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiftoffException(ErrorCode.ENVIRONMENT, "interrupted while reading the sync's state");
        }
    }

    private static SyncStatus toStatus(Map<String, String> f) {
        if (f.isEmpty()) {
            return null;
        }
        double age = (System.currentTimeMillis() - num(f, "updated_at_ms")) / 1000.0;
        String phase = f.getOrDefault("phase", "unknown");
        boolean running = age <= ALIVE_SECONDS && !phase.equals("stopped") && !phase.equals("failed");
        return new SyncStatus(
                phase,
                f.getOrDefault("mode", "unknown"),
                f.getOrDefault("mode_reason", ""),
                running,
                Math.max(0, age),
                Double.parseDouble(f.getOrDefault("lag_seconds", "0")),
                num(f, "keys_copied"),
                num(f, "keys_total"),
                num(f, "changes_applied"),
                num(f, "changes_pending"),
                num(f, "resyncs"),
                Instant.ofEpochMilli(num(f, "started_at_ms")).toString(),
                f.getOrDefault("source", ""));
    }

    private static long num(Map<String, String> f, String name) {
        try {
            return Long.parseLong(f.getOrDefault(name, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Writes {@code liftoff:finish:UUID} (expiring in 10 minutes) to the source and waits until the running sync has
     * written it to the target: then every change made on the source before this call is on the target.
     *
     * @throws LiftoffException exit 3 when no sync is running; exit 1 when {@code timeout} passes first
     */
    public static FinishResult finish(Endpoints endpoints, OptionalInt db, Duration timeout)
            throws InterruptedException {
        int stateDb = Preflight.only(endpoints, db).orElse(0);
        SyncStatus s = status(endpoints, db);
        if (!s.running()) {
            throw new LiftoffException(
                    ErrorCode.ENVIRONMENT,
                    "no sync is running into the target (phase " + s.phase() + ", last heartbeat "
                            + Math.round(s.heartbeatAgeSeconds()) + "s ago); start 'liftoff redis sync' first");
        }
        String marker = OwnKeys.FINISH_PREFIX + UUID.randomUUID();
        long started = System.nanoTime();
        try (RespConnection source = RespConnection.open(endpoints.sourceEndpoint(), "finish");
                RespConnection target = RespConnection.open(endpoints.targetEndpoint(), "finish")) {
            source.select(stateDb);
            target.select(stateDb);
            source.callOk("SET", marker, "1", "PX", 600_000);
            long deadline = started + timeout.toNanos();
            try {
                while ((Long) target.callOk("EXISTS", marker) == 0) {
                    if (System.nanoTime() > deadline) {
                        SyncStatus now = status(endpoints, db);
                        throw LiftoffException.checkFailed("the sync did not carry the finish marker to the target"
                                + " within " + Durations.human(timeout) + " (phase " + now.phase() + ", lag "
                                + now.lagSeconds() + "s, " + now.changesPending() + " changes pending); wait and rerun"
                                + " finish, or raise --timeout");
                    }
                    Thread.sleep(20);
                }
            } finally {
                source.call("DEL", marker);
            }
            target.call("DEL", marker);
        }
        return new FinishResult(marker, (System.nanoTime() - started) / 1e9);
    }
}
