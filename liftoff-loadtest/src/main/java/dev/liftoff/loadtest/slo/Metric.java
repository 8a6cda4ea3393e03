package dev.liftoff.loadtest.slo;

/** What an SLO check measures. */
public enum Metric {
    /** A latency percentile, in milliseconds; the check carries the percentile. */
    PERCENTILE,
    /** The slowest answer, in milliseconds. */
    MAX,
    /** The mean latency, in milliseconds. */
    MEAN,
    /** Failed requests as a fraction of all requests (written as a percentage). */
    ERRORS,
    /** Requests per second over the run. */
    RPS
}
