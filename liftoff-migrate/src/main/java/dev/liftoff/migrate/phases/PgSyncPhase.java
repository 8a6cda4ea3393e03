package dev.liftoff.migrate.phases;

import dev.liftoff.migrate.runbook.Phase;
import dev.liftoff.migrate.runbook.PhaseOutcome;
import dev.liftoff.migrate.runbook.RunContext;
import dev.liftoff.postgres.PgSyncStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Installs change capture, copies schema and rows in one snapshot, and starts applying changes live
 * ({@link PgLink}); done once the sync streams, which it then does until the cutover finishes it. Rerun after a crash,
 * the sync resumes from the bookkeeping it keeps on the target.
 */
public final class PgSyncPhase implements Phase {
    /** How long the copy may take before the phase gives up (a rerun resumes it). */
    static final Duration COPY_TIMEOUT = Duration.ofHours(24);

    private final Supplier<PgLink> link;

    /** @param link the sync, opened on first use */
    public PgSyncPhase(Supplier<PgLink> link) {
        this.link = Objects.requireNonNull(link, "link");
    }

    @Override
    public String name() {
        return "pg-sync";
    }

    @Override
    public String description() {
        return "install change capture, copy schema and rows in one snapshot (indexes after), then apply every"
                + " change live until the cutover";
    }

    @Override
    public PhaseOutcome run(RunContext ctx) {
        PgLink pg = link.get();
        PgSyncStatus s = pg.start(COPY_TIMEOUT);
        Map<String, Object> metrics = new LinkedHashMap<>();
        String copied = "copied";
        Optional<long[]> figures = pg.copied();
        if (figures.isPresent()) {
            metrics.put("rows_copied", figures.get()[0]);
            metrics.put("tables_copied", figures.get()[1]);
            copied = String.format(
                    Locale.ROOT,
                    "copied %,d rows of %d %s",
                    figures.get()[0],
                    figures.get()[1],
                    figures.get()[1] == 1 ? "table" : "tables");
        }
        metrics.put("capture", String.valueOf(s.capture()));
        metrics.put("applied_changes", s.appliedChanges());
        if (s.lagSeconds() != null) {
            metrics.put("lag_ms", Math.round(s.lagSeconds() * 1000));
        }
        return PhaseOutcome.done(copied + "; streaming changes (" + s.capture() + " capture)", metrics);
    }
}
