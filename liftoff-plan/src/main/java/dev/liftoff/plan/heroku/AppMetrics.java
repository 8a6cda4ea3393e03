package dev.liftoff.plan.heroku;

import java.util.Map;
import java.util.Objects;

/**
 * An app's utilization over a window ({@code metrics.json}).
 *
 * @param windowDays how many days the figures cover (0 when there are none)
 * @param processes figures per process type
 * @param logVolumeGbPerMonth the app's log volume when known, else null
 */
public record AppMetrics(int windowDays, Map<String, ProcessMetrics> processes, Double logVolumeGbPerMonth) {
    /** No metrics at all: sizing falls back to like-for-like. */
    public static final AppMetrics NONE = new AppMetrics(0, Map.of(), null);

    public AppMetrics {
        processes = Map.copyOf(Objects.requireNonNull(processes, "processes"));
    }

    public ProcessMetrics process(String type) {
        return processes.get(type);
    }
}
