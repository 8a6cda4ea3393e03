package dev.liftoff.gateway;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests waiting in {@link Mode#HOLD}, across all event loops. The count is bounded by {@code --hold-max}; each
 * request's own event loop decides its fate (released, timed out, or its client gone), so the count is decremented
 * exactly once, there.
 */
final class HoldQueue {
    private final int max;
    private final AtomicInteger count = new AtomicInteger();
    private final ConcurrentLinkedQueue<FrontendHandler.Held> queue = new ConcurrentLinkedQueue<>();

    HoldQueue(int max) {
        this.max = max;
    }

    /** Takes a place in the queue, or answers false when {@code --hold-max} requests already wait. */
    boolean tryReserve() {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a place taken by {@link #tryReserve}. */
    void unreserve() {
        count.decrementAndGet();
    }

    void enqueue(FrontendHandler.Held h) {
        queue.add(h);
    }

    void remove(FrontendHandler.Held h) {
        queue.remove(h);
    }

    /** Hands every waiting request back to its event loop, which looks at the mode again. */
    void releaseAll() {
        FrontendHandler.Held h;
        while ((h = queue.poll()) != null) {
            h.release();
        }
    }

    int size() {
        return count.get();
    }
}
