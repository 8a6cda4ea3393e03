package dev.liftoff.redis.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Changed keys waiting to be applied, in the order they first changed, each once: a key that changes a thousand times
 * before the applier gets to it is copied once, in its latest state. A key keeps its place when it changes again, which
 * is safe because the applier re-reads the key's current state. Finish markers are barriers: {@link #drain} never
 * returns items from both sides of one. Thread-safe: one subscriber offers, one applier drains.
 */
public final class ChangeQueue {
    /** What to do with a changed key. */
    public enum Kind {
        /** Re-read and rewrite the key (or delete it when it is gone). */
        CONTENT,
        /** Only its expiry changed (EXPIRE, PERSIST): copy the TTL. */
        TTL,
        /** A finish marker: write it to the target once everything before it is applied. */
        MARKER
    }

    /** A key of a logical database; equality by bytes. */
    public record Key(int db, byte[] name) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.db == db && Arrays.equals(k.name, name);
        }

        @Override
        public int hashCode() {
            return 31 * db + Arrays.hashCode(name);
        }

        @Override
        public String toString() {
            return db + ":" + new String(name, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** One queued change. */
    public record Change(Key key, Kind kind, long queuedAtMillis) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    private final LinkedHashMap<Key, Change> pending = new LinkedHashMap<>();

    /** Queues a change; a CONTENT change upgrades a queued TTL change of the same key. */
    public void offer(int db, byte[] name, Kind kind) {
        Key key = new Key(db, name);
        lock.lock();
        try {
            if (kind == Kind.MARKER) {
                // A marker is unique by name and must stay behind everything queued so far.
                pending.remove(key);
                pending.put(key, new Change(key, kind, System.currentTimeMillis()));
            } else {
                Change prior = pending.get(key);
                if (prior == null) {
                    pending.put(key, new Change(key, kind, System.currentTimeMillis()));
                } else if (prior.kind() == Kind.TTL && kind == Kind.CONTENT) {
                    pending.put(key, new Change(key, kind, prior.queuedAtMillis()));
                }
            }
            nonEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} changes in order, stopping after the first marker; waits up to {@code wait} for one.
     */
    public List<Change> drain(int max, long wait, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(wait);
            while (pending.isEmpty() && nanos > 0) {
                nanos = nonEmpty.awaitNanos(nanos);
            }
            List<Change> out = new ArrayList<>(Math.min(max, pending.size()));
            Iterator<Map.Entry<Key, Change>> it = pending.entrySet().iterator();
            while (it.hasNext() && out.size() < max) {
                Change c = it.next().getValue();
                it.remove();
                out.add(c);
                if (c.kind() == Kind.MARKER) {
                    break;
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** How long the oldest waiting change has waited, 0 when none waits. */
    public long oldestAgeMillis() {
        lock.lock();
        try {
            if (pending.isEmpty()) {
                return 0;
            }
            return Math.max(
                    0,
                    System.currentTimeMillis() - pending.firstEntry().getValue().queuedAtMillis());
        } finally {
            lock.unlock();
        }
    }
}
