package dev.liftoff.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations the way people write them: {@code 500ms}, {@code 15s}, {@code 5m}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * Parses one or more number-unit parts ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}).
     *
     * @param what names the option or field in the error, e.g. {@code "--timeout"}
     * @throws LiftoffException with {@link ErrorCode#USAGE} when the text is not a duration
     */
    public static Duration parse(String text, String what) {
        String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher m = PART.matcher(t);
        int at = 0;
        double millis = 0;
        while (at < t.length() && m.find(at) && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 86_400_000;
            };
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw LiftoffException.usage(
                    what + ": '" + text + "' is not a duration; write for example 500ms, 15s, 5m or 1h30m");
        }
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    /** A short human form: {@code 850ms}, {@code 3.2s}, {@code 4m12s}, {@code 1h05m}. */
    public static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 0) {
            return "-" + human(d.negated());
        }
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(java.util.Locale.ROOT, "%02ds", s % 60);
        }
        return (s / 3600) + "h" + String.format(java.util.Locale.ROOT, "%02dm", (s % 3600) / 60);
    }
}
