package dev.liftoff.migrate.runbook;

/** How a phase ended. */
public enum PhaseStatus {
    /** It did its work; a rerun goes on with the next phase. */
    DONE,
    /** It had nothing to do (not configured, or its work was already done); a rerun goes on with the next phase. */
    SKIPPED,
    /** It decided not to go on (a policy refused); the run stops, and a rerun starts this phase again. */
    ABANDONED,
    /** It threw; the run stops, and a rerun starts this phase again. */
    FAILED;

    /** Whether a rerun may go past this phase. */
    public boolean complete() {
        return this == DONE || this == SKIPPED;
    }
}
