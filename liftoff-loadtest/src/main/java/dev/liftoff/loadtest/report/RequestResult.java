package dev.liftoff.loadtest.report;

/** The figures of one request name (or of the whole run). */
public record RequestResult(
        long requests, long errors, double throughputRps, double durationSeconds, Latency latencyMs, SloResult slo) {}
