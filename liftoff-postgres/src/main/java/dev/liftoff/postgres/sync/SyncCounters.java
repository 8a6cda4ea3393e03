package dev.liftoff.postgres.sync;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What a running sync has done, written by the sync thread and read by progress displays. Thread-safe. */
public final class SyncCounters {
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private volatile Instant lastCommit;
    private volatile Instant positionTime;
    private volatile String phase = "starting";
    private volatile String capture = "";

    void committed(long changeCount, long transactionCount, Instant position) {
        changes.addAndGet(changeCount);
        transactions.addAndGet(transactionCount);
        lastCommit = Instant.now();
        if (position != null) {
            positionTime = position;
        }
    }

    void caughtUp(Instant sourceTime) {
        positionTime = sourceTime;
    }

    void phase(String p) {
        phase = p;
    }

    void capture(String c) {
        capture = c;
    }

    /** Changes applied by this run. */
    public long changes() {
        return changes.get();
    }

    /** Source transactions applied by this run. */
    public long transactions() {
        return transactions.get();
    }

    /** When the last target transaction committed (local clock), or {@code null}. */
    public Instant lastCommit() {
        return lastCommit;
    }

    /** Source time before which every committed change is applied, as of the last commit that moved it. */
    public Instant positionTime() {
        return positionTime;
    }

    /** {@code starting}, {@code copying}, {@code streaming}, {@code stopped}. */
    public String phase() {
        return phase;
    }

    /** The capture method, once chosen. */
    public String capture() {
        return capture;
    }
}
