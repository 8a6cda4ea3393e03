package dev.liftoff.loadtest.engine;

import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What one event loop measured. The loop thread is the only writer: latencies go into one {@link SingleWriterRecorder}
 * per request name (wait-free for the writer), counters into arrays written with release semantics; the stats thread
 * reads interval histograms and counter totals once a second. No lock is taken on the request path.
 */
final class WorkerStats {
    static final int REQUESTS = 0;
    static final int ERRORS = 1;

    private final SingleWriterRecorder[] latencyMicros;
    private final Histogram[] recycled;
    private final AtomicLongArray perName;
    private final AtomicLongArray errorKinds = new AtomicLongArray(ErrorKind.values().length);
    private final AtomicLongArray statuses = new AtomicLongArray(600);
    static final int STARTED = 0;
    static final int QUEUED = 1;
    static final int NOT_STARTED = 2;
    static final int CONNECTIONS = 3;

    /** Sessions started, sessions that waited for a free slot, sessions never started, connections opened. */
    private final AtomicLongArray events = new AtomicLongArray(4);

    /**
     * Open model: how late each session started against its schedule, in microseconds. Written by the loop only and
     * read once the loop has stopped (after a task on it completed), so it needs no recorder.
     */
    final Histogram startLagMicros = new Histogram(3);

    /** Requests under way (connecting or waiting for an answer) on this loop. */
    volatile int inFlight;

    WorkerStats(int names) {
        latencyMicros = new SingleWriterRecorder[names];
        recycled = new Histogram[names];
        for (int i = 0; i < names; i++) {
            latencyMicros[i] = new SingleWriterRecorder(3);
        }
        perName = new AtomicLongArray(names * 2);
    }

    /** Records one answered request; loop thread only. */
    void response(int name, long latencyNanos, int status) {
        latencyMicros[name].recordValue(Math.max(1, latencyNanos / 1_000));
        bump(perName, name * 2 + REQUESTS);
        if (status >= 0 && status < 600) {
            bump(statuses, status);
        }
        if (status >= 400) {
            bump(perName, name * 2 + ERRORS);
            bump(errorKinds, (status >= 500 ? ErrorKind.STATUS_5XX : ErrorKind.STATUS_4XX).ordinal());
        }
    }

    /** Records how late a session started; loop thread only. */
    void startLag(long nanos) {
        startLagMicros.recordValue(Math.max(0, nanos / 1_000));
    }

    /** Records one request that failed without a usable answer; loop thread only. */
    void failure(int name, ErrorKind kind) {
        bump(perName, name * 2 + REQUESTS);
        bump(perName, name * 2 + ERRORS);
        bump(errorKinds, kind.ordinal());
    }

    /** Turns one answered request into an error after the fact (its extraction failed); loop thread only. */
    void extractionFailed(int name) {
        bump(perName, name * 2 + ERRORS);
        bump(errorKinds, ErrorKind.EXTRACT.ordinal());
    }

    /** Counts one of {@link #STARTED}, {@link #QUEUED}, {@link #NOT_STARTED}, {@link #CONNECTIONS}; loop only. */
    void event(int which, long n) {
        events.setRelease(which, events.getPlain(which) + n);
    }

    long events(int which) {
        return events.getAcquire(which);
    }

    /** The latencies recorded for {@code name} since the last call; stats thread only. */
    Histogram interval(int name) {
        Histogram h = latencyMicros[name].getIntervalHistogram(recycled[name]);
        recycled[name] = h;
        return h;
    }

    long count(int name, int which) {
        return perName.getAcquire(name * 2 + which);
    }

    long errorKind(ErrorKind kind) {
        return errorKinds.getAcquire(kind.ordinal());
    }

    long status(int code) {
        return statuses.getAcquire(code);
    }

    private static void bump(AtomicLongArray a, int i) {
        a.setRelease(i, a.getPlain(i) + 1);
    }
}
