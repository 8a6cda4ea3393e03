package dev.liftoff.redis.sync;

import dev.liftoff.redis.copy.OwnKeys;
import dev.liftoff.redis.resp.Endpoint;
import dev.liftoff.redis.resp.RespConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a sync's state in the hash {@code liftoff:sync:state} in one database of the target, rewritten every second and at
 * every phase change by a heartbeat thread ({@code liftoff-redis-state}) and kept for 7 days after the last write, so that {@code status}
 * and {@code finish} in other processes see it and a dead sync's state cleans itself up. {@link #close()} writes a last
 * time and stops the thread.
 */
public final class StateStore implements AutoCloseable {
    private static final long KEEP_MILLIS = 7L * 24 * 3600 * 1000;

    private final Endpoint target;
    private final int db;
    private final SyncStats stats;
    private final Thread thread;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running = true;
    private RespConnection connection;

    public StateStore(Endpoint target, int db, SyncStats stats) {
        this.target = target;
        this.db = db;
        this.stats = stats;
        write();
        stats.onPhaseChange(wake::release);
        this.thread = Thread.ofPlatform().name("liftoff-redis-state").daemon().unstarted(this::beat);
        thread.start();
    }

    private void beat() {
        while (running) {
            try {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            try {
                write();
            } catch (RuntimeException e) {
                // The next beat reconnects; a missed beat only makes the state look older.
                close(connection);
                connection = null;
            }
        }
    }

    private synchronized void write() {
        if (connection == null) {
            connection = RespConnection.open(target, "state");
            connection.select(db);
        }
        List<Object> cmd = new ArrayList<>();
        cmd.add("HSET");
        cmd.add(OwnKeys.SYNC_STATE);
        for (Map.Entry<String, String> e : stats.fields().entrySet()) {
            cmd.add(e.getKey());
            cmd.add(e.getValue());
        }
        connection.send(cmd);
        connection.send("PEXPIRE", OwnKeys.SYNC_STATE, KEEP_MILLIS);
        connection.flush();
        RespConnection.check(connection.read());
        RespConnection.check(connection.read());
    }

    /** Reads the state hash, empty when no sync has written one. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> read(RespConnection target, int db) {
        target.select(db);
        List<Object> flat = (List<Object>) target.callOk("HGETALL", OwnKeys.SYNC_STATE);
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            m.put(
                    new String((byte[]) flat.get(i), StandardCharsets.UTF_8),
                    new String((byte[]) flat.get(i + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            write();
        } catch (RuntimeException ignored) {
            // The sync is stopping; a state that stays one beat old is all that is lost.
        } finally {
            close(connection);
        }
    }

    private static void close(RespConnection c) {
        if (c != null) {
            c.close();
        }
    }
}
