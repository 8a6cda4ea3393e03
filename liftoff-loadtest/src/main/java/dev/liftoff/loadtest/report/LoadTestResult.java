package dev.liftoff.loadtest.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.liftoff.loadtest.engine.SecondSample;
import java.util.List;
import java.util.Map;

/**
 * Everything a load test measured, as written to {@code --json}: totals, latency in milliseconds, the SLO verdict,
 * the same per request name ({@code by_request}), per-second series and how the schedule went.
 *
 * @param model {@code open} or {@code closed}
 * @param targetRate open model: sessions per second asked for
 * @param rateSource open model: where the rate came from when it was relative ({@code 3x peak 35/s from ...})
 * @param connections closed model: the number of connections
 * @param requestsPerSession requests in one pass through the scenario
 * @param durationSeconds the load window: from the start until sessions stopped being started (the requested
 *     duration, or less when interrupted); answers still under way then are waited for and counted
 * @param throughputRps requests completed per second over {@code durationSeconds}
 * @param schedule open model only
 * @param warnings what the scenario import skipped
 * @param skippedHosts HAR: requests left out, by host
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadTestResult(
        String scenario,
        String model,
        Double targetRate,
        String rateSource,
        Integer connections,
        int requestsPerSession,
        long requests,
        long errors,
        double throughputRps,
        double durationSeconds,
        Latency latencyMs,
        SloResult slo,
        Map<String, RequestResult> byRequest,
        Schedule schedule,
        Map<String, Long> errorsByKind,
        Map<String, Long> statusCodes,
        long connectionsOpened,
        String transport,
        List<String> warnings,
        Map<String, Integer> skippedHosts,
        List<SecondSample> series) {
    public LoadTestResult {
        byRequest = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byRequest));
        errorsByKind = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(errorsByKind));
        statusCodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(statusCodes));
        warnings = List.copyOf(warnings);
        skippedHosts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skippedHosts));
        series = List.copyOf(series);
    }

    /** The share of requests that failed, from 0 to 1. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
