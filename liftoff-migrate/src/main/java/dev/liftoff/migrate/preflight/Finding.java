package dev.liftoff.migrate.preflight;

import java.util.Objects;

/**
 * One preflight result.
 *
 * @param check what was checked, e.g. {@code target postgres}
 * @param severity whether it blocks the migration
 * @param message what was found and, when it is not {@link Severity#OK}, what to do; never a password
 */
public record Finding(String check, Severity severity, String message) {
    /** How much a finding matters. */
    public enum Severity {
        OK,
        /** Worth knowing; the migration can go on. */
        WARNING,
        /** The migration cannot start until it is fixed. */
        BLOCKER
    }

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    static Finding ok(String check, String message) {
        return new Finding(check, Severity.OK, message);
    }

    static Finding warning(String check, String message) {
        return new Finding(check, Severity.WARNING, message);
    }

    static Finding blocker(String check, String message) {
        return new Finding(check, Severity.BLOCKER, message);
    }
}
