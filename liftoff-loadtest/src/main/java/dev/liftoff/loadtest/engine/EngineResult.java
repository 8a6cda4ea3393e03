package dev.liftoff.loadtest.engine;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The raw measurements of a run: per request name a latency histogram in microseconds and counts, the per-second
 * series, and how the schedule went. The histograms belong to the caller.
 *
 * @param names request names, in the scenario's order
 * @param latencyMicros per name, every answered request's latency
 * @param elapsedNanos from the start until the last request was done
 * @param windowNanos the load window (the requested duration, or less when interrupted)
 * @param sessionsDue open model: sessions the schedule called for within the window
 * @param sessionsStarted sessions started (open model: including late ones)
 * @param sessionsQueued open model: sessions that waited for a free slot because the in-flight cap was reached
 * @param sessionsNotStarted open model: sessions still waiting for a slot when the window closed
 * @param transport the network transport used, {@code epoll} or {@code nio}
 * @param startLagMicros open model: how late sessions started against the schedule when a slot was free (the load
 *     generator's own lateness), in microseconds; empty for the closed model
 */
public record EngineResult(
        List<String> names,
        List<Histogram> latencyMicros,
        List<Long> requests,
        List<Long> errors,
        List<SecondSample> seconds,
        Map<ErrorKind, Long> errorKinds,
        Map<Integer, Long> statuses,
        long elapsedNanos,
        long windowNanos,
        long sessionsDue,
        long sessionsStarted,
        long sessionsQueued,
        long sessionsNotStarted,
        long connectionsOpened,
        String transport,
        Histogram startLagMicros) {
    public EngineResult {
        names = List.copyOf(names);
        latencyMicros = List.copyOf(latencyMicros);
        requests = List.copyOf(requests);
        errors = List.copyOf(errors);
        seconds = List.copyOf(seconds);
        errorKinds = Map.copyOf(errorKinds);
        statuses = Map.copyOf(statuses);
    }
}
