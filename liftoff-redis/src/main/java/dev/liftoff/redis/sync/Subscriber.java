package dev.liftoff.redis.sync;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.redis.copy.OwnKeys;
import dev.liftoff.redis.resp.ConnectionLostException;
import dev.liftoff.redis.resp.Endpoint;
import dev.liftoff.redis.resp.RespConnection;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens to keyspace notifications of the source on its own thread ({@code liftoff-redis-events}) and queues every
 * changed key. When the connection drops it reconnects (backing off up to 5 s), subscribes again and raises
 * {@link #takeResyncRequest()}, because events published while it was away are lost and only a rescan recovers them.
 * {@link #close()} stops it from any thread.
 */
public final class Subscriber implements AutoCloseable {
    private static final byte[] PMESSAGE = "pmessage".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREFIX = "__keyspace@".getBytes(StandardCharsets.US_ASCII);

    private final Endpoint source;
    private final String pattern;
    private final ChangeQueue queue;
    private final PrintStream status;
    private final AtomicLong events = new AtomicLong();
    private volatile RespConnection connection;
    private volatile boolean closed;
    private volatile boolean resync;
    private volatile RuntimeException failure;
    private Thread thread;

    /**
     * @param database the one database to watch, or -1 for all
     */
    public Subscriber(Endpoint source, int database, ChangeQueue queue, PrintStream status) {
        this.source = source;
        this.pattern = "__keyspace@" + (database < 0 ? "*" : Integer.toString(database)) + "__:*";
        this.queue = queue;
        this.status = status;
    }

    /** Connects and subscribes (so events from here on are queued), then starts the listening thread. */
    public void start() {
        connection = subscribe();
        thread = Thread.ofPlatform().name("liftoff-redis-events").daemon().unstarted(this::listen);
        thread.start();
    }

    private RespConnection subscribe() {
        RespConnection c = RespConnection.open(source, "events");
        try {
            c.readTimeout(0);
            Object reply = c.call("PSUBSCRIBE", pattern);
            if (!(reply instanceof List<?>)) {
                throw new LiftoffException(
                        ErrorCode.ENVIRONMENT,
                        "the " + source.describe() + " refused PSUBSCRIBE (" + reply + "); liftoff needs pub/sub for"
                                + " keyspace notifications: use --mode replica, or allow PSUBSCRIBE for this user");
            }
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private void listen() {
        while (!closed) {
            try {
                Object msg = connection.read();
                if (msg instanceof List<?> parts
                        && parts.size() == 4
                        && Arrays.equals((byte[]) parts.get(0), PMESSAGE)) {
                    List<Object> p = (List<Object>) parts;
                    onEvent((byte[]) p.get(2), new String((byte[]) p.get(3), StandardCharsets.US_ASCII));
                }
            } catch (ConnectionLostException e) {
                if (closed) {
                    return;
                }
                status.println("redis sync: " + e.getMessage() + "; reconnecting, then rescanning for missed changes");
                reconnect();
            } catch (RuntimeException e) {
                failure = e;
                return;
            }
        }
    }

    private void reconnect() {
        long backoff = 100;
        while (!closed) {
            try {
                connection.close();
                connection = subscribe();
                resync = true;
                status.println("redis sync: events resubscribed on the " + source.describe());
                return;
            } catch (RuntimeException e) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    /** Turns {@code __keyspace@3__:key} and an event name into a queued change. */
    void onEvent(byte[] channel, String event) {
        events.incrementAndGet();
        int at = PREFIX.length;
        int db = 0;
        while (at < channel.length && channel[at] >= '0' && channel[at] <= '9') {
            db = db * 10 + (channel[at++] - '0');
        }
        // Skip the "__:" after the number.
        byte[] key = Arrays.copyOfRange(channel, at + 3, channel.length);
        if (OwnKeys.isOwn(key)) {
            if (OwnKeys.isFinishMarker(key) && event.equals("set")) {
                queue.offer(db, key, ChangeQueue.Kind.MARKER);
            }
            return;
        }
        ChangeQueue.Kind kind =
                event.equals("expire") || event.equals("persist") ? ChangeQueue.Kind.TTL : ChangeQueue.Kind.CONTENT;
        queue.offer(db, key, kind);
    }

    /** True once after each reconnect: the caller must rescan. */
    public boolean takeResyncRequest() {
        boolean r = resync;
        resync = false;
        return r;
    }

    /** Events received so far. */
    public long events() {
        return events.get();
    }

    /** Throws what stopped the listening thread, if anything did. */
    public void checkAlive() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        RespConnection c = connection;
        if (c != null) {
            c.close();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
