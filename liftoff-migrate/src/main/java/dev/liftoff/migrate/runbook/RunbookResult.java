package dev.liftoff.migrate.runbook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended and every phase's record, across restarts. Immutable.
 *
 * @param abandonedBy the phase that refused to go on ({@link PhaseStatus#ABANDONED}), when one did; its record's
 *     detail says why
 */
public record RunbookResult(List<PhaseRecord> phases, Optional<String> abandonedBy) {
    public RunbookResult {
        phases = List.copyOf(phases);
        Objects.requireNonNull(abandonedBy, "abandonedBy");
    }

    /** Whether every phase is complete. */
    public boolean completed() {
        return abandonedBy.isEmpty() && phases.stream().allMatch(PhaseRecord::complete);
    }

    public PhaseRecord phase(String name) {
        return phases.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no phase named " + name));
    }
}
