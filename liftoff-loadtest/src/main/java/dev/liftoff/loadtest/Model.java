package dev.liftoff.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** How the load is applied; see {@link LoadTest}. */
public sealed interface Model {
    /** The default cap on sessions in flight in the open model: high, so only a truly stuck server reaches it. */
    int DEFAULT_MAX_IN_FLIGHT = 10_000;

    /**
     * Open model: {@code sessionsPerSecond} sessions start each second whatever the server does, after a linear ramp
     * from zero over {@code ramp}; at most {@code maxInFlight} run at once.
     */
    record Open(double sessionsPerSecond, Duration ramp, int maxInFlight) implements Model {
        public Open {
            Objects.requireNonNull(ramp, "ramp");
            if (!(sessionsPerSecond > 0) || Double.isInfinite(sessionsPerSecond)) {
                throw new IllegalArgumentException("the rate must be more than 0/s");
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("--max-in-flight must be at least 1");
            }
        }
    }

    /**
     * Open model at a multiple of the app's recorded peak: {@code multiple} times the peak requests per second in
     * the Heroku export directory {@code herokuApp} (its {@code metrics.json}), turned into sessions per second by
     * dividing by the scenario's requests per session.
     */
    record OpenAtPeak(double multiple, Path herokuApp, Duration ramp, int maxInFlight) implements Model {
        public OpenAtPeak {
            Objects.requireNonNull(herokuApp, "herokuApp");
            Objects.requireNonNull(ramp, "ramp");
            if (!(multiple > 0) || Double.isInfinite(multiple)) {
                throw new IllegalArgumentException("the multiple must be more than 0");
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("--max-in-flight must be at least 1");
            }
        }
    }

    /** Closed model: {@code connections} users, each sending as soon as its previous request is answered. */
    record Closed(int connections) implements Model {
        public Closed {
            if (connections < 1) {
                throw new IllegalArgumentException("--connections must be at least 1");
            }
        }
    }
}
