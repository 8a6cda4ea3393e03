package dev.liftoff.gateway;

import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Distinct users seen within a sliding window. Keeps a 64-bit keyed hash of each session cookie or client address
 * (never the cookie itself: it is a credential) with the time it was last seen, at most {@link #CAPACITY} of them
 * (about 10 MB); past that, new users are not counted until old ones expire, and the count is a floor. Thread-safe.
 */
final class ActiveUsers {
    static final int CAPACITY = 100_000;

    private final long windowNanos;
    private final long seed = new SecureRandom().nextLong();
    private final ConcurrentHashMap<Long, Long> lastSeen = new ConcurrentHashMap<>();

    ActiveUsers(java.time.Duration window) {
        this.windowNanos = window.toNanos();
    }

    /** Records a user; {@code kind} keeps a cookie value and an address that happen to be equal apart. */
    void seen(char kind, String key, long nowNanos) {
        Long h = hash(kind, key);
        if (lastSeen.size() >= CAPACITY && !lastSeen.containsKey(h)) {
            sweep(nowNanos);
            if (lastSeen.size() >= CAPACITY) {
                return;
            }
        }
        lastSeen.put(h, nowNanos);
    }

    /** Users seen within the window; drops the expired ones on the way. */
    long count(long nowNanos) {
        sweep(nowNanos);
        return lastSeen.size();
    }

    private void sweep(long nowNanos) {
        for (Iterator<Map.Entry<Long, Long>> it = lastSeen.entrySet().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next().getValue() > windowNanos) {
                it.remove();
            }
        }
    }

    private long hash(char kind, String key) {
        long h = seed ^ kind;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
