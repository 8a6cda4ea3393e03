package dev.liftoff.postgres.sync;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop cleanly, raised from any thread (a signal handler, a test) and watched by the sync thread between
 * batches and while it waits. Thread-safe.
 */
public final class StopSignal {
    private final CountDownLatch raised = new CountDownLatch(1);

    /** Asks the sync to stop after the batch in flight; returns at once. */
    public void raise() {
        raised.countDown();
    }

    public boolean raised() {
        return raised.getCount() == 0;
    }

    /**
     * Waits {@code d}, or less if the stop is raised meanwhile.
     *
     * @return {@code true} when the whole time passed, {@code false} when the stop was raised
     */
    public boolean sleep(Duration d) {
        try {
            return !raised.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            raise();
            return false;
        }
    }
}
