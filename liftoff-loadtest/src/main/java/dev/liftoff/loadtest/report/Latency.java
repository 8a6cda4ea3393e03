package dev.liftoff.loadtest.report;

import org.HdrHistogram.Histogram;

/** Latency percentiles of answered requests, in milliseconds (0 when nothing was answered). */
public record Latency(double p50, double p90, double p95, double p99, double max, double mean) {
    /** Reads a histogram recorded in microseconds. */
    public static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0, 0);
        }
        return new Latency(
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getMaxValue()),
                Math.round(micros.getMean() / 10.0) / 100.0);
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
