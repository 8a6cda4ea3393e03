package dev.liftoff.loadtest.engine;

import java.time.Duration;
import java.util.Objects;

/** How load is applied: sessions arriving on a schedule (open model), or a fixed number of users (closed model). */
public sealed interface Load {
    /**
     * Sessions start at {@code rate} per second, whatever the server does, after a linear ramp from zero over
     * {@code ramp}. At most {@code maxInFlight} sessions run at once (split evenly over the event loops); sessions
     * due beyond that wait, and their wait counts in their latency.
     */
    record Open(double rate, Duration ramp, int maxInFlight) implements Load {
        public Open {
            Objects.requireNonNull(ramp, "ramp");
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("the rate must be more than 0 sessions per second");
            }
            if (ramp.isNegative()) {
                throw new IllegalArgumentException("the ramp must not be negative");
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("max in flight must be at least 1");
            }
        }

        /** When session {@code n} (from 0) is due, in nanoseconds after the start. */
        public long offsetNanos(long n) {
            double rampSeconds = ramp.toNanos() / 1e9;
            double inRamp = rate * rampSeconds / 2; // sessions started during the ramp
            double seconds = n < inRamp ? Math.sqrt(2 * rampSeconds * n / rate) : rampSeconds + (n - inRamp) / rate;
            return (long) (seconds * 1e9);
        }

        /** How many sessions are due in the first {@code nanos} nanoseconds. */
        public long dueWithin(long nanos) {
            double t = nanos / 1e9;
            double rampSeconds = ramp.toNanos() / 1e9;
            double n = t < rampSeconds
                    ? rate * t * t / (2 * rampSeconds)
                    : rate * rampSeconds / 2 + rate * (t - rampSeconds);
            return (long) Math.ceil(n);
        }
    }

    /** {@code connections} users, each sending its next request as soon as the previous one is answered. */
    record Closed(int connections) implements Load {
        public Closed {
            if (connections < 1) {
                throw new IllegalArgumentException("at least one connection is needed");
            }
        }
    }
}
