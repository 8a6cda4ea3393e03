package dev.liftoff.redis.sync;

import dev.liftoff.redis.copy.MoveContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of one running sync, read by its heartbeat and by callers that poll it. Thread-safe.
 */
public final class SyncStats {
    private final String mode;
    private final String modeReason;
    private final String source;
    private final long startedAtMillis = System.currentTimeMillis();
    private final ChangeQueue queue;
    private final MoveContext ctx;
    private final LongAdder changesApplied = new LongAdder();
    private final LongAdder restored = new LongAdder();
    private final AtomicLong resyncs = new AtomicLong();
    private volatile String phase = "starting";
    private volatile long keysTotal;
    private volatile long keysCopied;
    private volatile long applyingSinceMillis;
    private volatile long behindSinceMillis;
    private volatile Runnable onPhase = () -> {};

    public SyncStats(String mode, String modeReason, String source, ChangeQueue queue, MoveContext ctx) {
        this.mode = mode;
        this.modeReason = modeReason;
        this.source = source;
        this.queue = queue;
        this.ctx = ctx;
    }

    public String phase() {
        return phase;
    }

    public void phase(String newPhase) {
        phase = newPhase;
        onPhase.run();
    }

    /** Asks the state store to write now rather than at its next beat (a finish marker was applied). */
    public void publish() {
        onPhase.run();
    }

    /** Called after every phase change and {@link #publish()} (the state store writes at once). */
    void onPhaseChange(Runnable listener) {
        onPhase = listener;
    }

    public String mode() {
        return mode;
    }

    public void keysTotal(long n) {
        keysTotal = n;
    }

    /** Keys on the source when the sync started: the initial copy's goal, for progress and ETA. */
    public long keysTotal() {
        return keysTotal;
    }

    /** Keys copied by the initial copy: the live counter while it runs, frozen after. */
    public long keysCopied() {
        return phase.equals("copying") ? ctx.keys() + restored.sum() : keysCopied;
    }

    /** Counts keys restored from a replication snapshot (the replica's copy, which does not use the mover). */
    public void restored(long n) {
        restored.add(n);
    }

    public void copyDone() {
        keysCopied = ctx.keys() + restored.sum();
    }

    public long changesApplied() {
        return changesApplied.sum();
    }

    public void applied(long n) {
        changesApplied.add(n);
    }

    public long resyncs() {
        return resyncs.get();
    }

    public void resynced() {
        resyncs.incrementAndGet();
    }

    /** Marks a batch as being applied since its oldest change was queued; 0 when none is. */
    public void applying(long oldestQueuedAtMillis) {
        applyingSinceMillis = oldestQueuedAtMillis;
    }

    /**
     * Marks the target as missing a change made on the source at or before this time (replica mode measures it
     * against samples of the source's replication offset); 0 when it has every sampled change.
     */
    public void behindSince(long sourceWriteMillis) {
        behindSinceMillis = sourceWriteMillis;
    }

    public long pending() {
        return queue.size();
    }

    /** How far the target trails the source: the age of the oldest change not yet applied. */
    public double lagSeconds() {
        long oldest = queue.oldestAgeMillis();
        long now = System.currentTimeMillis();
        for (long since : new long[] {applyingSinceMillis, behindSinceMillis}) {
            if (since > 0) {
                oldest = Math.max(oldest, now - since);
            }
        }
        return oldest / 1000.0;
    }

    /** The state as the hash fields stored on the target. */
    Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("phase", phase);
        m.put("mode", mode);
        m.put("mode_reason", modeReason);
        m.put("source", source);
        m.put("keys_total", Long.toString(keysTotal));
        m.put("keys_copied", Long.toString(keysCopied()));
        m.put("changes_applied", Long.toString(changesApplied()));
        m.put("changes_pending", Long.toString(pending()));
        m.put("lag_seconds", Double.toString(lagSeconds()));
        m.put("resyncs", Long.toString(resyncs()));
        m.put("started_at_ms", Long.toString(startedAtMillis));
        m.put("updated_at_ms", Long.toString(System.currentTimeMillis()));
        return m;
    }
}
