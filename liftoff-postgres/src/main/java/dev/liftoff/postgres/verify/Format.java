package dev.liftoff.postgres.verify;

import java.util.Locale;

/** Short forms for status lines and messages. Stateless. */
final class Format {
    private Format() {}

    /** {@code 950}, {@code 12.3k}, {@code 4.2M}, {@code 1.1B}. */
    static String count(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.1fB", n / 1e9);
    }

    /** Singular or plural: {@code 1 row}, {@code 2 rows}. */
    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
