package dev.liftoff.redis.sync;

import dev.liftoff.redis.copy.CopyPool;
import dev.liftoff.redis.copy.KeyMover;
import dev.liftoff.redis.copy.MoveContext;
import dev.liftoff.redis.copy.OwnKeys;
import dev.liftoff.redis.resp.ConnectionLostException;
import dev.liftoff.redis.resp.Endpoint;
import dev.liftoff.redis.resp.RespConnection;
import dev.liftoff.redis.resp.ServerInfo;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A live sync by keyspace notifications: subscribe, copy, then apply changed keys until stopped. Events are subscribed
 * before the copy starts, so a change made during the copy is applied after it; each changed key is re-read from the
 * source (so a burst of changes to one key costs one copy), and a key gone from the source is deleted from the target.
 * After the subscriber reconnects, a rescan copies every key again and deletes target keys the source no longer has.
 *
 * <p>{@link #run()} blocks on the calling thread until {@link #stop()} (from any thread) or a failure.
 */
public final class NotificationSync implements SyncEngine {
    private static final int BATCH = 512;
    private static final long MARKER_TTL_MILLIS = 600_000;
    private static final long FLUSH_CHECK_NANOS = 1_000_000_000L;

    private final Endpoint source;
    private final Endpoint target;
    private final List<Integer> copyDatabases;
    private final OptionalInt only;
    private final MoveContext ctx;
    private final int jobs;
    private final SyncStats stats;
    private final ChangeQueue queue;
    private final PrintStream status;
    private volatile boolean stopped;

    /**
     * @param copyDatabases databases the initial copy scans
     * @param only the one database to sync, else all
     */
    public NotificationSync(
            Endpoint source,
            Endpoint target,
            List<Integer> copyDatabases,
            OptionalInt only,
            MoveContext ctx,
            int jobs,
            ChangeQueue queue,
            SyncStats stats,
            PrintStream status) {
        this.source = source;
        this.target = target;
        this.copyDatabases = List.copyOf(copyDatabases);
        this.only = only;
        this.ctx = ctx;
        this.jobs = jobs;
        this.queue = queue;
        this.stats = stats;
        this.status = status;
    }

    @Override
    public void run() throws InterruptedException {
        Optional<String> previous;
        try (RespConnection control = RespConnection.open(source, "control")) {
            previous = Notifications.ensure(control, only.orElse(0));
        }
        // Read before the copy: a flush after this point may remove keys the copy already took, with no event.
        FlushWatch flushes = FlushWatch.start(source, status);
        Subscriber subscriber = new Subscriber(source, only.orElse(-1), queue, status);
        try {
            subscriber.start();
            stats.phase("copying");
            copy(copyDatabases, false);
            stats.copyDone();
            stats.phase("streaming");
            stream(subscriber, flushes);
        } finally {
            flushes.close();
            subscriber.close();
            previous.ifPresent(p -> {
                try (RespConnection control = RespConnection.open(source, "control")) {
                    Notifications.restore(control, p);
                } catch (RuntimeException e) {
                    status.println(
                            "redis sync: could not put notify-keyspace-events back to '" + p + "': " + e.getMessage());
                }
            });
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }

    private void copy(List<Integer> databases, boolean deleteGone) throws InterruptedException {
        try (RespConnection scanner = RespConnection.open(source, "scan");
                CopyPool pool = new CopyPool(ctx, source, target, jobs, deleteGone)) {
            pool.scan(scanner, databases, n -> {});
            pool.finish();
        }
    }

    private void stream(Subscriber subscriber, FlushWatch flushes) throws InterruptedException {
        KeyMover mover = new KeyMover(ctx, source, target, "apply");
        try {
            long backoff = 100;
            long flushCheckedAt = System.nanoTime();
            while (!stopped) {
                subscriber.checkAlive();
                if (subscriber.takeResyncRequest()) {
                    resync();
                }
                if (System.nanoTime() - flushCheckedAt > FLUSH_CHECK_NANOS) {
                    flushCheckedAt = System.nanoTime();
                    if (flushes.flushedSince()) {
                        flushed();
                    }
                }
                List<ChangeQueue.Change> batch = queue.drain(BATCH, 100, TimeUnit.MILLISECONDS);
                if (batch.isEmpty()) {
                    continue;
                }
                // A finish marker promises that everything before it is on the target: a flush (or SWAPDB) before it
                // has no event, so the counters are read again first (the marker's own write came after it).
                if (hasMarker(batch) && flushes.flushedSince()) {
                    requeue(batch);
                    flushed();
                    continue;
                }
                // The subscriber may have reconnected while this batch was drained; its events, a finish marker among
                // them, came after the lost ones, so the rescan must run first or the marker would promise too much.
                if (subscriber.takeResyncRequest()) {
                    requeue(batch);
                    resync();
                    continue;
                }
                try {
                    apply(batch, mover);
                    backoff = 100;
                } catch (ConnectionLostException e) {
                    status.println("redis sync: " + e.getMessage() + "; retrying");
                    requeue(batch);
                    stats.applying(0);
                    mover.close();
                    Thread.sleep(backoff);
                    backoff = Math.min(5_000, backoff * 2);
                    mover = reopen();
                }
            }
        } finally {
            mover.close();
        }
    }

    private static boolean hasMarker(List<ChangeQueue.Change> batch) {
        for (ChangeQueue.Change c : batch) {
            if (c.kind() == ChangeQueue.Kind.MARKER) {
                return true;
            }
        }
        return false;
    }

    private void flushed() throws InterruptedException {
        status.println("redis sync: FLUSHALL, FLUSHDB or SWAPDB ran on the source (they send no events); copying every"
                + " key again and deleting from the target what the source no longer has");
        resync();
    }

    private void requeue(List<ChangeQueue.Change> batch) {
        for (ChangeQueue.Change c : batch) {
            queue.offer(c.key().db(), c.key().name(), c.kind());
        }
    }

    private KeyMover reopen() throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                return new KeyMover(ctx, source, target, "apply");
            } catch (RuntimeException e) {
                if (stopped) {
                    throw e;
                }
                Thread.sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private void apply(List<ChangeQueue.Change> batch, KeyMover mover) {
        long oldest = Long.MAX_VALUE;
        Map<Integer, List<byte[]>> content = new TreeMap<>();
        Map<Integer, List<byte[]>> ttl = new TreeMap<>();
        ChangeQueue.Change marker = null;
        for (ChangeQueue.Change c : batch) {
            oldest = Math.min(oldest, c.queuedAtMillis());
            switch (c.kind()) {
                case CONTENT ->
                    content.computeIfAbsent(c.key().db(), d -> new ArrayList<>())
                            .add(c.key().name());
                case TTL ->
                    ttl.computeIfAbsent(c.key().db(), d -> new ArrayList<>())
                            .add(c.key().name());
                case MARKER -> marker = c;
            }
        }
        stats.applying(oldest);
        for (Map.Entry<Integer, List<byte[]>> e : content.entrySet()) {
            mover.move(e.getKey(), e.getValue(), true);
        }
        for (Map.Entry<Integer, List<byte[]>> e : ttl.entrySet()) {
            mover.moveTtl(e.getKey(), e.getValue());
        }
        if (marker != null) {
            // Everything queued before the marker is on the target now: say so where finish is looking.
            mover.writeTarget(marker.key().db(), List.of("SET", marker.key().name(), "1", "PX", MARKER_TTL_MILLIS));
        }
        stats.applied(batch.size() - (marker == null ? 0 : 1));
        stats.applying(0);
        if (marker != null) {
            stats.publish();
        }
    }

    /** Recovers changes missed while the subscriber was away: copy everything again, delete what the source lost. */
    private void resync() throws InterruptedException {
        stats.phase("resyncing");
        stats.resynced();
        List<Integer> sourceDbs;
        List<Integer> targetDbs;
        try (RespConnection s = RespConnection.open(source, "control");
                RespConnection t = RespConnection.open(target, "control")) {
            sourceDbs = databases(ServerInfo.of(s));
            targetDbs = databases(ServerInfo.of(t));
        }
        copy(sourceDbs, true);
        try (RespConnection scanner = RespConnection.open(target, "scan");
                KeyMover mover = new KeyMover(ctx, source, target, "prune")) {
            for (int db : targetDbs) {
                scanner.select(db);
                byte[] cursor = "0".getBytes(StandardCharsets.US_ASCII);
                do {
                    @SuppressWarnings("unchecked")
                    List<Object> reply = (List<Object>) scanner.callOk("SCAN", cursor, "COUNT", 1000);
                    cursor = (byte[]) reply.get(0);
                    List<byte[]> keys = new ArrayList<>();
                    for (Object k : (List<?>) reply.get(1)) {
                        if (!OwnKeys.isOwn((byte[]) k)) {
                            keys.add((byte[]) k);
                        }
                    }
                    if (!keys.isEmpty()) {
                        mover.pruneMissing(db, keys);
                    }
                } while (!(cursor.length == 1 && cursor[0] == '0'));
            }
        }
        queueFinishMarkers(sourceDbs);
        stats.phase("streaming");
    }

    /**
     * A finish marker set while the subscriber was away has no event, and the rescan leaves liftoff's own keys out:
     * queue the markers the source holds, behind every change queued so far, so that such a finish still returns.
     */
    private void queueFinishMarkers(List<Integer> databases) {
        byte[] match = (OwnKeys.FINISH_PREFIX + "*").getBytes(StandardCharsets.US_ASCII);
        try (RespConnection scanner = RespConnection.open(source, "scan")) {
            for (int db : databases) {
                scanner.select(db);
                byte[] cursor = "0".getBytes(StandardCharsets.US_ASCII);
                do {
                    @SuppressWarnings("unchecked")
                    List<Object> reply = (List<Object>) scanner.callOk("SCAN", cursor, "MATCH", match, "COUNT", 1000);
                    cursor = (byte[]) reply.get(0);
                    for (Object k : (List<?>) reply.get(1)) {
                        queue.offer(db, (byte[]) k, ChangeQueue.Kind.MARKER);
                    }
                } while (!(cursor.length == 1 && cursor[0] == '0'));
            }
        }
    }

    private List<Integer> databases(ServerInfo info) {
        if (only.isPresent()) {
            return List.of(only.getAsInt());
        }
        return List.copyOf(new TreeSet<>(info.keys().keySet()));
    }
}
