package dev.liftoff.loadtest.engine;

/**
 * What one second of the run looked like.
 *
 * @param second seconds since the start, from 1 (the sample covers {@code second-1} to {@code second})
 * @param requests requests completed in the second (answered or failed)
 * @param errors of them, errors
 * @param p50Ms median latency of the answers in the second, in milliseconds (0 without answers)
 * @param inFlight requests under way at the end of the second
 * @param sessionsStarted sessions started in the second
 */
public record SecondSample(
        int second,
        long requests,
        long errors,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double maxMs,
        int inFlight,
        long sessionsStarted) {}
