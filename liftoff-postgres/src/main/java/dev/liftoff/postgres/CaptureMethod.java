package dev.liftoff.postgres;

import java.util.Locale;

/** How {@link PgSync} captures the source's changes. */
public enum CaptureMethod {
    /** Logical decoding where the source allows it, else triggers; the choice and its reason are reported. */
    AUTO,
    /**
     * Row and truncate triggers that log changes to a table in the source's {@code _liftoff} schema. Needs only
     * table ownership (all Heroku Postgres grants); costs the application's writes some throughput.
     */
    TRIGGERS,
    /**
     * Logical decoding ({@code pgoutput}) through a replication slot. Needs {@code wal_level = logical}, the
     * {@code REPLICATION} attribute and a free slot; tables without a primary key need {@code REPLICA IDENTITY FULL}.
     */
    LOGICAL;

    /** The name as options and reports write it: {@code auto}, {@code triggers}, {@code logical}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a label back ({@code triggers}); an unknown one is a usage error. */
    public static CaptureMethod of(String label) {
        for (CaptureMethod m : values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        throw dev.liftoff.core.LiftoffException.usage(
                "capture method '" + label + "' is not one of auto, triggers, logical");
    }
}
