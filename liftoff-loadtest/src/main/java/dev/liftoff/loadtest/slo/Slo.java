package dev.liftoff.loadtest.slo;

import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Service-level objectives that decide a load test's exit code, parsed from text like
 * {@code p95<300ms,p99<1s,errors<1%,rps>=400} with optional per-request checks {@code GET /api/orders:p95<200ms}.
 * Latency metrics are {@code p50}...{@code p99.9}, {@code max}, {@code mean}, compared with a duration; {@code errors}
 * with a percentage; {@code rps} with requests per second. Immutable.
 */
public record Slo(String text, List<Check> checks) {
    private static final Pattern METRIC = Pattern.compile("\\s*(p\\d{1,2}(?:\\.\\d+)?|max|mean|errors|rps)\\s*");
    private static final Pattern OP = Pattern.compile("(<=|>=|<|>)\\s*");

    public Slo {
        checks = List.copyOf(checks);
    }

    /** No objectives: every run passes. */
    public static Slo none() {
        return new Slo("", List.of());
    }

    /**
     * Parses {@code text}.
     *
     * @throws LiftoffException (usage) naming the character position (from 1) where the text stops making sense
     */
    public static Slo parse(String text) {
        if (text == null || text.isBlank()) {
            throw LiftoffException.usage("--slo: empty; write for example 'p95<300ms,errors<1%'");
        }
        List<Check> checks = new ArrayList<>();
        int at = 0;
        for (String part : text.split(",", -1)) {
            checks.add(check(text, part, at));
            at += part.length() + 1;
        }
        return new Slo(text, checks);
    }

    private static Check check(String all, String part, int offset) {
        if (part.isBlank()) {
            throw bad(all, offset, "an objective such as p95<300ms");
        }
        Optional<String> request = Optional.empty();
        int exprStart = 0;
        int colon = part.lastIndexOf(':');
        if (colon >= 0) {
            String name = part.substring(0, colon).strip();
            if (name.isEmpty()) {
                throw bad(all, offset + colon, "a request name before ':'");
            }
            request = Optional.of(name);
            exprStart = colon + 1;
        }
        Matcher m = METRIC.matcher(part);
        m.region(exprStart, part.length());
        if (!m.lookingAt()) {
            throw bad(
                    all,
                    offset + skipSpace(part, exprStart),
                    "a metric: p50, p90, p95, p99, p99.9, max, mean, errors or rps");
        }
        String metricText = m.group(1);
        int opAt = m.end();
        Matcher o = OP.matcher(part);
        o.region(opAt, part.length());
        if (!o.lookingAt()) {
            throw bad(all, offset + opAt, "a comparison: <, <=, > or >=");
        }
        Check.Comparison op =
                switch (o.group(1)) {
                    case "<" -> Check.Comparison.LT;
                    case "<=" -> Check.Comparison.LE;
                    case ">" -> Check.Comparison.GT;
                    default -> Check.Comparison.GE;
                };
        int valueAt = o.end();
        String value = part.substring(valueAt).strip().toLowerCase(Locale.ROOT);
        Metric metric;
        double percentile = 0;
        double threshold;
        switch (metricText) {
            case "errors" -> {
                metric = Metric.ERRORS;
                if (!value.matches("\\d+(\\.\\d+)?%")) {
                    throw bad(all, offset + valueAt, "a percentage such as 1% or 0.5%");
                }
                threshold = Double.parseDouble(value.substring(0, value.length() - 1)) / 100;
            }
            case "rps" -> {
                metric = Metric.RPS;
                String v = value.endsWith("/s") ? value.substring(0, value.length() - 2) : value;
                if (!v.matches("\\d+(\\.\\d+)?")) {
                    throw bad(all, offset + valueAt, "requests per second such as 400 or 400/s");
                }
                threshold = Double.parseDouble(v);
            }
            default -> {
                metric = metricText.equals("max")
                        ? Metric.MAX
                        : metricText.equals("mean") ? Metric.MEAN : Metric.PERCENTILE;
                if (metric == Metric.PERCENTILE) {
                    percentile = Double.parseDouble(metricText.substring(1));
                    if (percentile <= 0 || percentile >= 100) {
                        throw bad(all, offset + m.start(1), "a percentile between p1 and p99.99");
                    }
                }
                try {
                    threshold = Durations.parse(value, "--slo").toNanos() / 1e6;
                } catch (LiftoffException e) {
                    throw bad(all, offset + valueAt, "a duration such as 300ms or 1s");
                }
            }
        }
        return new Check(part.strip(), request, metric, percentile, op, threshold);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static LiftoffException bad(String all, int at, String expected) {
        return LiftoffException.usage("--slo '" + all + "': at character " + (at + 1) + " expected " + expected);
    }

    /**
     * Refuses checks on requests the scenario does not have.
     *
     * @throws LiftoffException (usage) naming the unknown request and the known ones
     */
    public void requireRequests(Collection<String> names) {
        for (Check c : checks) {
            if (c.request().isPresent() && !names.contains(c.request().get())) {
                throw LiftoffException.usage("--slo: no request named '"
                        + c.request().get() + "' in the scenario; its" + " requests are: " + String.join(", ", names));
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
