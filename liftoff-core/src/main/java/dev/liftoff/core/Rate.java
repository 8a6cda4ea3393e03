package dev.liftoff.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Events per second, parsed from {@code 500/s}, {@code 30/m}, {@code 2/ms}, printed as {@code 500/s} or {@code 1.2k/s}. */
public record Rate(double perSecond) {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(ms|s|m|h)");

    public Rate {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a rate must be a finite number of 0 or more: " + perSecond);
        }
    }

    /**
     * Parses {@code N/s}, {@code N/m}, {@code N/h} or {@code N/ms}.
     *
     * @param what names the option or field in the error
     */
    public static Rate parse(String text, String what) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw LiftoffException.usage(what + ": '" + text + "' is not a rate; write for example 500/s or 30/m");
        }
        double n = Double.parseDouble(m.group(1));
        double perSecond =
                switch (m.group(2)) {
                    case "ms" -> n * 1000;
                    case "s" -> n;
                    case "m" -> n / 60;
                    default -> n / 3600;
                };
        return new Rate(perSecond);
    }

    /** A human form of a per-second figure: {@code 0.5/s}, {@code 500/s}, {@code 12k/s}, {@code 1.3M/s}. */
    public static String human(double perSecond) {
        if (perSecond >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM/s", perSecond / 1_000_000);
        }
        if (perSecond >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk/s", perSecond / 1_000);
        }
        if (perSecond >= 1_000) {
            return String.format(Locale.ROOT, "%.1fk/s", perSecond / 1_000);
        }
        if (perSecond >= 10 || perSecond == Math.floor(perSecond)) {
            return String.format(Locale.ROOT, "%.0f/s", perSecond);
        }
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    @Override
    public String toString() {
        return human(perSecond);
    }
}
