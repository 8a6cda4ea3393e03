package dev.liftoff.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes, parsed from and printed as {@code 512B}, {@code 64KB}, {@code 64MB}, {@code 1.5GB}, with
 * 1024-based units as PostgreSQL and Redis print them.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    private static final Pattern FORM =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    public static ByteSize of(long bytes) {
        return new ByteSize(bytes);
    }

    /**
     * Parses a size such as {@code 64MB} or {@code 1.5g}; a bare number is bytes.
     *
     * @param what names the option or field in the error
     */
    public static ByteSize parse(String text, String what) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw LiftoffException.usage(what + ": '" + text + "' is not a size; write for example 512KB, 64MB or 2GB");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        int power =
                switch (unit.charAt(0)) {
                    case 'k' -> 1;
                    case 'm' -> 2;
                    case 'g' -> 3;
                    case 't' -> 4;
                    default -> 0;
                };
        return new ByteSize(Math.round(n * Math.pow(1024, power)));
    }

    /** A human form: {@code 0B}, {@code 980B}, {@code 64MB}, {@code 1.5GB}. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return (v >= 100 || v == Math.floor(v))
                ? String.format(Locale.ROOT, "%.0f%s", v, UNITS[u])
                : String.format(Locale.ROOT, "%.1f%s", v, UNITS[u]);
    }

    @Override
    public int compareTo(ByteSize o) {
        return Long.compare(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return human(bytes);
    }
}
