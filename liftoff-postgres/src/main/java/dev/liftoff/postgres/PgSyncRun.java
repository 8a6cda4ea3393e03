package dev.liftoff.postgres;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.postgres.sync.SyncCounters;
import dev.liftoff.postgres.sync.SyncEngine;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A sync running on its own thread ({@code liftoff-pg-sync}), as {@link PgSync#start} returns it. Stop it with
 * {@link #stop()} (it finishes and commits the batch in flight, then closes its connections) and collect the outcome
 * with {@link #await()}; {@link #close()} does both. Thread-safe.
 */
public final class PgSyncRun implements AutoCloseable {
    private final SyncEngine engine;
    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile PgSyncResult result;
    private volatile RuntimeException failure;

    PgSyncRun(SyncEngine engine) {
        this.engine = engine;
        this.thread = Thread.ofPlatform().name("liftoff-pg-sync").unstarted(this::body);
    }

    void start() {
        thread.start();
    }

    private void body() {
        try {
            result = engine.run();
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("the sync thread died: " + e, e);
            throw e;
        } finally {
            done.countDown();
        }
    }

    /** Live figures: phase, capture, changes and transactions applied by this run. */
    public SyncCounters counters() {
        return engine.counters();
    }

    /** Asks the sync to stop cleanly; returns at once. */
    public void stop() {
        engine.stop();
    }

    /** Whether the sync thread has ended (stopped or failed). */
    public boolean isDone() {
        return done.getCount() == 0;
    }

    /**
     * Waits until the sync ends.
     *
     * @return what the run did
     * @throws LiftoffException when the sync failed
     */
    public PgSyncResult await() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("interrupted while waiting for the sync to stop", e);
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** Waits at most {@code timeout} for the sync to end; {@code true} when it did. */
    public boolean await(Duration timeout) {
        try {
            return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the sync and waits for it; a failure it ended with is not rethrown here. */
    @Override
    public void close() {
        stop();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
