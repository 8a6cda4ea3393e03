package dev.liftoff.migrate.runbook;

import java.util.Objects;

/**
 * What a comparison of old and new data found.
 *
 * @param same whether they match
 * @param summary one line: what was compared when they match ({@code 3 tables, 12,408 rows}), what differs otherwise
 */
public record Verdict(boolean same, String summary) {
    public Verdict {
        Objects.requireNonNull(summary, "summary");
    }

    public static Verdict same(String summary) {
        return new Verdict(true, summary);
    }

    public static Verdict differs(String summary) {
        return new Verdict(false, summary);
    }
}
