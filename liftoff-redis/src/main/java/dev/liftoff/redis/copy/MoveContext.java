package dev.liftoff.redis.copy;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every {@link KeyMover} of one run shares: the chosen method (which may switch once from dump/restore to
 * type-aware), the size above which a key is copied in pieces, the target's clock offset and the counters.
 * Thread-safe.
 */
public final class MoveContext {
    /** Bytes per pipelined chunk of small keys: bounds what one worker holds at once. */
    static final long CHUNK_BYTES = 8L << 20;

    private final AtomicBoolean dumpRestore;
    private volatile String methodReason;
    private volatile boolean memoryUsage = true;
    private final long bigKeyBytes;
    private final long targetClockOffsetMillis;
    private final int targetVersion;
    private final PrintStream status;

    final LongAdder keys = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder bigKeys = new LongAdder();
    final LongAdder gone = new LongAdder();
    final LongAdder deleted = new LongAdder();

    /**
     * @param dumpRestore whether to start with DUMP/RESTORE (same or newer target) or the type-aware path
     * @param methodReason why, for the result
     * @param bigKeyBytes keys whose estimated size is above this are copied in pieces
     * @param targetClockOffsetMillis the target's clock minus ours, for absolute expiry times
     * @param targetVersion the target's version number (see {@code ServerInfo.versionNumber()})
     * @param status where to say that the method switched
     */
    public MoveContext(
            boolean dumpRestore,
            String methodReason,
            long bigKeyBytes,
            long targetClockOffsetMillis,
            int targetVersion,
            PrintStream status) {
        this.dumpRestore = new AtomicBoolean(dumpRestore);
        this.methodReason = methodReason;
        this.bigKeyBytes = bigKeyBytes;
        this.targetClockOffsetMillis = targetClockOffsetMillis;
        this.targetVersion = targetVersion;
        this.status = status;
    }

    boolean dumpRestore() {
        return dumpRestore.get();
    }

    /** Called when the target rejects a payload: from here on every worker takes the type-aware path. */
    void payloadsIncompatible(String serverMessage) {
        if (dumpRestore.compareAndSet(true, false)) {
            methodReason = "the target rejected DUMP payloads from the source (" + serverMessage + ")";
            status.println("redis: the target cannot read the source's DUMP payloads (" + serverMessage
                    + "); switching to the type-aware copy");
        }
    }

    boolean memoryUsage() {
        return memoryUsage;
    }

    void memoryUsageUnavailable() {
        memoryUsage = false;
    }

    public long bigKeyBytes() {
        return bigKeyBytes;
    }

    /** The target-clock time in milliseconds at which a key whose PTTL was read at {@code localMillis} expires. */
    long absoluteExpiry(long localMillis, long pttl) {
        return localMillis + targetClockOffsetMillis + pttl;
    }

    int targetVersion() {
        return targetVersion;
    }

    /** "dump-restore" or "type-aware". */
    public String method() {
        return dumpRestore() ? "dump-restore" : "type-aware";
    }

    public String methodReason() {
        return methodReason;
    }

    public long keys() {
        return keys.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long bigKeys() {
        return bigKeys.sum();
    }

    /** Keys that vanished (deleted or expired) between the scan and their copy. */
    public long gone() {
        return gone.sum();
    }

    /** Keys deleted on the target because they are gone from the source (sync only). */
    public long deleted() {
        return deleted.sum();
    }
}
