package dev.liftoff.migrate.runbook;

/**
 * One step of the runbook. A phase may be run again after a crash in the middle of it, so it must be idempotent or
 * look up how far it got (in the target's bookkeeping, the gateway's state, or {@link RunContext#previous}) before it
 * acts. Called from the runbook's thread only.
 */
public interface Phase {
    /** A short unique name in lowercase ({@code copy}, {@code cutover}), used in the journal and the report. */
    String name();

    /** One line saying what the phase will do, for {@code migrate plan}. */
    String description();

    /**
     * Does the work, blocking until it is done.
     *
     * @return how it went; {@link PhaseStatus#ABANDONED} stops the run without an exception
     * @throws dev.liftoff.core.LiftoffException when it cannot go on; the runbook journals it and stops
     */
    PhaseOutcome run(RunContext ctx);
}
