package dev.liftoff.redis.sync;

/** A way of keeping the target in step: {@link NotificationSync} or {@link ReplicaSync}. */
public interface SyncEngine {
    /** Copies, then applies changes until {@link #stop()}; blocks the calling thread. */
    void run() throws InterruptedException;

    /** Asks {@link #run()} to return soon; callable from any thread. */
    void stop();
}
