package dev.liftoff.loadtest.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One SLO check after the run.
 *
 * @param check as written, e.g. {@code p95<300ms} or {@code GET /api/orders:p95<200ms}
 * @param request the request name it applied to, or null for the whole run
 * @param actual the measured value in {@code unit} (ms, %, or /s), or null when nothing was measured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String check, String request, double threshold, Double actual, String unit, boolean passed) {
    /** {@code p95<300ms (measured 412ms)}, for messages; a per-request check names its request as written. */
    public String explain() {
        return check + " (measured " + (actual == null ? "no data" : format(actual) + unit) + ")";
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12
                ? String.valueOf((long) v)
                : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
