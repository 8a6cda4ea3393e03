package dev.liftoff.loadtest.report;

import dev.liftoff.core.report.html.HtmlPage;
import dev.liftoff.core.report.html.HtmlTable;
import dev.liftoff.core.report.html.LineChart;
import dev.liftoff.loadtest.engine.SecondSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The self-contained HTML report of a load test: the verdict, key figures, throughput, latency percentiles and errors
 * over time as inline SVG charts, and tables per request, per SLO check, per error kind and status. Stateless.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** Writes the report atomically. */
    public static void write(LoadTestResult r, Path file) {
        page(r).write(file);
    }

    /** The report page. */
    public static HtmlPage page(LoadTestResult r) {
        String load = r.model().equals("open")
                ? "open model, " + num(r.targetRate()) + " sessions/s"
                : "closed model, " + r.connections() + " connections";
        HtmlPage page = HtmlPage.titled("Load test: " + r.scenario())
                .subtitle(load + ", " + num(r.durationSeconds()) + " s, " + r.requestsPerSession()
                        + " request(s) per session")
                .footer("liftoff loadtest; latency measured from each request's intended start"
                        + (r.model().equals("open") ? " (coordinated omission corrected)" : ""));
        if (!r.slo().checks().isEmpty()) {
            if (r.slo().passed()) {
                page.callout("ok", "All " + r.slo().checks().size() + " SLO checks passed.");
            } else {
                List<String> broken =
                        r.slo().broken().stream().map(CheckResult::explain).toList();
                page.callout("bad", "SLO broken: " + String.join("; ", broken));
            }
        }
        if (r.schedule() != null && r.schedule().fellBehind()) {
            page.callout("note", "The schedule fell behind: " + r.schedule().reason());
        }
        if (r.rateSource() != null) {
            page.paragraph("Rate: " + r.rateSource() + ".");
        }
        Latency l = r.latencyMs();
        page.figures(List.of(
                new String[] {"requests", String.valueOf(r.requests())},
                new String[] {"requests/s", num(r.throughputRps())},
                new String[] {"errors", r.errors() + " (" + pct(r.errorRate()) + ")"},
                new String[] {"p50", l.p50() + " ms"},
                new String[] {"p95", l.p95() + " ms"},
                new String[] {"p99", l.p99() + " ms"},
                new String[] {"max", l.max() + " ms"}));

        List<SecondSample> s = r.series();
        double[] x = new double[s.size()];
        double[] rps = new double[s.size()];
        double[] started = new double[s.size()];
        double[] errors = new double[s.size()];
        double[] p50 = new double[s.size()];
        double[] p90 = new double[s.size()];
        double[] p99 = new double[s.size()];
        double[] max = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            SecondSample t = s.get(i);
            x[i] = t.second();
            rps[i] = t.requests();
            started[i] = t.sessionsStarted();
            errors[i] = t.errors();
            boolean any = t.requests() > t.errors() || t.maxMs() > 0;
            p50[i] = any ? t.p50Ms() : Double.NaN;
            p90[i] = any ? t.p90Ms() : Double.NaN;
            p99[i] = any ? t.p99Ms() : Double.NaN;
            max[i] = any ? t.maxMs() : Double.NaN;
        }
        page.heading("Over time");
        LineChart throughput = LineChart.titled("Throughput")
                .axes("seconds", "per second")
                .series("requests/s", x, rps, LineChart.Style.AREA);
        if (r.model().equals("open")) {
            throughput.series("sessions started/s", x, started, LineChart.Style.LINE);
        }
        page.chart(throughput);
        page.chart(LineChart.titled("Latency percentiles")
                .axes("seconds", "milliseconds")
                .series("p50", x, p50, LineChart.Style.LINE)
                .series("p90", x, p90, LineChart.Style.LINE)
                .series("p99", x, p99, LineChart.Style.LINE)
                .series("max", x, max, LineChart.Style.LINE));
        page.chart(LineChart.titled("Errors")
                .axes("seconds", "errors per second")
                .series("errors/s", x, errors, LineChart.Style.AREA));

        page.heading("Requests");
        HtmlTable requests = HtmlTable.of(
                        "request",
                        "requests",
                        "errors",
                        "error %",
                        "req/s",
                        "p50 ms",
                        "p90 ms",
                        "p95 ms",
                        "p99 ms",
                        "max ms")
                .rightAlign(1, 2, 3, 4, 5, 6, 7, 8, 9);
        requests.row(
                HtmlTable.Status.NONE,
                row(
                        "all",
                        new RequestResult(
                                r.requests(),
                                r.errors(),
                                r.throughputRps(),
                                r.durationSeconds(),
                                r.latencyMs(),
                                r.slo())));
        for (Map.Entry<String, RequestResult> e : r.byRequest().entrySet()) {
            RequestResult q = e.getValue();
            requests.row(q.slo().passed() ? HtmlTable.Status.NONE : HtmlTable.Status.BAD, row(e.getKey(), q));
        }
        page.table(requests);

        if (!r.slo().checks().isEmpty()) {
            page.heading("SLO checks");
            HtmlTable checks =
                    HtmlTable.of("check", "request", "measured", "result").rightAlign(2);
            for (CheckResult c : r.slo().checks()) {
                checks.row(
                        c.passed() ? HtmlTable.Status.OK : HtmlTable.Status.BAD,
                        c.check(),
                        c.request() == null ? "all" : c.request(),
                        c.actual() == null ? "no data" : CheckResult.format(c.actual()) + " " + c.unit(),
                        c.passed() ? "passed" : "broken");
            }
            page.table(checks);
        }
        if (r.schedule() != null) {
            Schedule sc = r.schedule();
            page.heading("Schedule");
            page.table(HtmlTable.of(
                            "target sessions/s",
                            "achieved sessions/s",
                            "due",
                            "started",
                            "waited for a slot",
                            "never started",
                            "start lag p99 ms",
                            "start lag max ms")
                    .rightAlign(0, 1, 2, 3, 4, 5, 6, 7)
                    .row(
                            sc.fellBehind() ? HtmlTable.Status.WARN : HtmlTable.Status.OK,
                            num(sc.targetRate()),
                            num(sc.achievedRate()),
                            sc.sessionsDue(),
                            sc.sessionsStarted(),
                            sc.sessionsQueued(),
                            sc.sessionsNotStarted(),
                            num(sc.startLagP99Ms()),
                            num(sc.startLagMaxMs())));
        }
        if (!r.errorsByKind().isEmpty() || !r.statusCodes().isEmpty()) {
            page.heading("Answers and errors");
            HtmlTable t = HtmlTable.of("kind", "count").rightAlign(1);
            r.statusCodes().forEach((code, n) -> t.row("HTTP " + code, n));
            r.errorsByKind()
                    .forEach((kind, n) -> t.row(
                            kind.startsWith("status") ? HtmlTable.Status.NONE : HtmlTable.Status.BAD,
                            "error: " + kind,
                            n));
            page.table(t);
        }
        if (!r.skippedHosts().isEmpty() || !r.warnings().isEmpty()) {
            page.heading("Scenario import");
            if (!r.skippedHosts().isEmpty()) {
                HtmlTable t = HtmlTable.of("skipped host", "requests").rightAlign(1);
                r.skippedHosts().forEach(t::row);
                page.table(t);
            }
            for (String w : r.warnings()) {
                page.callout("note", w);
            }
        }
        return page;
    }

    private static Object[] row(String name, RequestResult q) {
        Latency l = q.latencyMs();
        List<Object> cells = new ArrayList<>(List.of(
                name,
                q.requests(),
                q.errors(),
                pct(q.requests() == 0 ? 0 : (double) q.errors() / q.requests()),
                num(q.throughputRps()),
                l.p50(),
                l.p90(),
                l.p95(),
                l.p99(),
                l.max()));
        return cells.toArray();
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
