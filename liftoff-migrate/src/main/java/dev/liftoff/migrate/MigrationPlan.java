package dev.liftoff.migrate;

import dev.liftoff.migrate.preflight.Finding;
import dev.liftoff.migrate.preflight.Preflight;
import java.util.List;

/**
 * What {@code migrate plan} shows: the steps a run would take, how far the journal says an earlier run got, and every
 * preflight finding. Serializes with {@link dev.liftoff.core.report.Json}. Immutable.
 *
 * @param resumeAt the phase a run would start at, when the journal shows an earlier run; null for a fresh start
 */
public record MigrationPlan(List<Step> steps, String resumeAt, List<Finding> findings) {
    /**
     * One step.
     *
     * @param status from the journal: {@code pending}, {@code done}, {@code skipped}, {@code abandoned},
     *     {@code failed} or {@code interrupted}
     */
    public record Step(String name, String description, String status) {}

    public MigrationPlan {
        steps = List.copyOf(steps);
        findings = List.copyOf(findings);
    }

    /** Whether a preflight finding stands in the way. */
    public boolean blocked() {
        return Preflight.blocked(findings);
    }
}
