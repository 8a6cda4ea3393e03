package dev.liftoff.redis;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.redis.sync.StateStore;
import dev.liftoff.redis.sync.SyncEngine;
import dev.liftoff.redis.sync.SyncStats;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A sync running on its own thread ({@code liftoff-redis-sync}), returned by {@link RedisSync#start}. Thread-safe.
 * {@link #close()} stops it after the batch it is applying, writes the final state and waits for the thread; the caller
 * owns it and must close it.
 */
public final class RunningSync implements AutoCloseable {
    private final SyncEngine sync;
    private final SyncStats stats;
    private final StateStore state;
    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile RuntimeException failure;

    RunningSync(SyncEngine sync, SyncStats stats, StateStore state) {
        this.sync = sync;
        this.stats = stats;
        this.state = state;
        this.thread = Thread.ofPlatform().name("liftoff-redis-sync").unstarted(this::run);
        thread.start();
    }

    private void run() {
        try {
            sync.run();
            stats.phase("stopped");
        } catch (InterruptedException e) {
            stats.phase("stopped");
        } catch (RuntimeException e) {
            failure = e;
            stats.phase("failed");
        } finally {
            state.close();
            done.countDown();
        }
    }

    /** The live counters. */
    public SyncStats stats() {
        return stats;
    }

    /**
     * Waits until the initial copy is done and changes stream.
     *
     * @return false when {@code timeout} passed first
     * @throws RuntimeException what stopped the sync, if it failed
     */
    public boolean awaitStreaming(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stats.phase().equals("streaming")) {
            if (done.await(20, TimeUnit.MILLISECONDS)) {
                rethrow();
                return false;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
        }
        return true;
    }

    /** Blocks until the sync stops; rethrows what made it fail. */
    public void join() throws InterruptedException {
        done.await();
        rethrow();
    }

    private void rethrow() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
    }

    /** Stops the sync and waits for it; a failure is rethrown by {@link #join()}, not here. */
    @Override
    public void close() {
        sync.stop();
        try {
            if (!done.await(30, TimeUnit.SECONDS)) {
                thread.interrupt();
                done.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("interrupted while stopping the sync");
        }
    }
}
