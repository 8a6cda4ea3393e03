package dev.liftoff.migrate.runbook;

import dev.liftoff.migrate.config.FreezeMode;
import java.time.Duration;

/**
 * The cutover's levers on traffic (the gateway in front of the old platform). Each method blocks until done and throws
 * {@link dev.liftoff.core.LiftoffException} when the lever cannot be pulled.
 */
public interface TrafficSwitch {
    /** Whether traffic already goes to the new upstream (a cutover interrupted after its switch). */
    boolean switched();

    /** Freezes writes: new requests are held or answered 503, in-flight ones go on. */
    void freeze(FreezeMode mode);

    /** Waits until no request is in flight to the current upstream; false when {@code timeout} passed first. */
    boolean waitIdle(Duration timeout);

    /** Points traffic at the new upstream, atomically. */
    void switchUpstream();

    /** Lets traffic flow again (mode pass) to whatever upstream is current. */
    void release();
}
