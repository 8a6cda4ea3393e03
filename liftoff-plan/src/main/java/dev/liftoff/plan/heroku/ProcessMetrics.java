package dev.liftoff.plan.heroku;

/**
 * What one process type used over the metrics window; every figure may be null when Heroku did not report it.
 *
 * @param cpuLoadAvgP95 p95 of the per-dyno load average, in cores
 * @param memoryMbP95 p95 of the per-dyno memory in use, in MB
 * @param requestsPerSecondPeak the peak request rate of the whole process type (web only)
 * @param responseTimeMsP95 p95 response time (web only)
 */
public record ProcessMetrics(
        Double cpuLoadAvgP95, Double memoryMbP95, Double requestsPerSecondPeak, Double responseTimeMsP95) {
    /** Whether there is enough to right-size a task: CPU and memory. */
    public boolean sizable() {
        return cpuLoadAvgP95 != null && memoryMbP95 != null;
    }
}
