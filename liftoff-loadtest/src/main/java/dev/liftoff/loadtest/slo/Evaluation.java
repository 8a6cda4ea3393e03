package dev.liftoff.loadtest.slo;

import dev.liftoff.loadtest.report.CheckResult;
import dev.liftoff.loadtest.report.SloResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/** Judges SLO checks against measured figures. Stateless. */
public final class Evaluation {
    /**
     * The figures one check looks at: a whole run or one request name.
     *
     * @param latencyMicros answered requests' latencies in microseconds
     */
    public record Figures(long requests, long errors, double throughputRps, Histogram latencyMicros) {}

    private Evaluation() {}

    /**
     * Judges the checks that apply to {@code request} (empty: the run-wide checks) against {@code figures}.
     */
    public static SloResult judge(Slo slo, Optional<String> request, Figures figures) {
        List<CheckResult> results = new ArrayList<>();
        for (Check c : slo.checks()) {
            if (!c.request().equals(request)) {
                continue;
            }
            Double actual = measure(c, figures);
            String unit =
                    switch (c.metric()) {
                        case ERRORS -> "%";
                        case RPS -> "/s";
                        default -> "ms";
                    };
            double shownThreshold = c.metric() == Metric.ERRORS ? c.threshold() * 100 : c.threshold();
            Double shownActual = actual == null ? null : c.metric() == Metric.ERRORS ? round(actual * 100) : actual;
            results.add(new CheckResult(
                    c.text(),
                    c.request().orElse(null),
                    shownThreshold,
                    shownActual,
                    unit,
                    actual != null && c.holds(actual)));
        }
        return new SloResult(results.stream().allMatch(CheckResult::passed), results);
    }

    private static Double measure(Check c, Figures f) {
        Histogram h = f.latencyMicros();
        return switch (c.metric()) {
            case ERRORS -> f.requests() == 0 ? null : (double) f.errors() / f.requests();
            case RPS -> round(f.throughputRps());
            case PERCENTILE -> h.getTotalCount() == 0 ? null : round(h.getValueAtPercentile(c.percentile()) / 1000.0);
            case MAX -> h.getTotalCount() == 0 ? null : round(h.getMaxValue() / 1000.0);
            case MEAN -> h.getTotalCount() == 0 ? null : round(h.getMean() / 1000.0);
        };
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
