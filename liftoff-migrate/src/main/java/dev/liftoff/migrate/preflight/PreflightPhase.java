package dev.liftoff.migrate.preflight;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.migrate.config.MigrateConfig;
import dev.liftoff.migrate.runbook.Phase;
import dev.liftoff.migrate.runbook.PhaseOutcome;
import dev.liftoff.migrate.runbook.RunContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The runbook's first phase: {@link Preflight}, stopping the run on a blocker. Changes nothing, so reruns are safe. */
public final class PreflightPhase implements Phase {
    /** The phase's name in the journal. */
    public static final String NAME = "preflight";

    private final MigrateConfig config;
    private final Map<String, String> env;

    public PreflightPhase(MigrateConfig config, Map<String, String> env) {
        this.config = Objects.requireNonNull(config, "config");
        this.env = Map.copyOf(env);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "check every endpoint, that source and target differ and the target is empty, pg_dump, the gateway";
    }

    @Override
    public PhaseOutcome run(RunContext ctx) {
        List<Finding> findings = Preflight.inspect(config, env, ctx.resuming());
        for (Finding f : findings) {
            if (f.severity() != Finding.Severity.OK) {
                ctx.log(f.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.check() + ": " + f.message());
            }
        }
        List<Finding> blockers = findings.stream()
                .filter(f -> f.severity() == Finding.Severity.BLOCKER)
                .toList();
        if (!blockers.isEmpty()) {
            Finding first = blockers.getFirst();
            throw LiftoffException.checkFailed("preflight found " + blockers.size() + " blocker"
                    + (blockers.size() == 1 ? "" : "s") + ", first: " + first.check() + ": " + first.message()
                    + "; 'liftoff migrate plan' lists them all");
        }
        long warnings = findings.stream()
                .filter(f -> f.severity() == Finding.Severity.WARNING)
                .count();
        return PhaseOutcome.done(
                findings.size() + " checks passed" + (warnings == 0 ? "" : ", " + warnings + " warnings"),
                Map.of("checks", (long) findings.size(), "warnings", warnings));
    }
}
