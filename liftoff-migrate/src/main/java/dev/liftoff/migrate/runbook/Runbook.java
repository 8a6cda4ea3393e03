package dev.liftoff.migrate.runbook;

import dev.liftoff.core.LiftoffException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs phases in order, journaling each start and end, and resumes at the first phase the journal does not show as
 * complete: the one a crash interrupted, one that failed, or one that was abandoned. A run whose journal shows every
 * phase complete does nothing. Stateless between runs (the journal is the state); a run blocks its caller's thread.
 */
public final class Runbook {
    private final List<Phase> phases;

    /** @throws IllegalArgumentException when two phases share a name */
    public Runbook(List<Phase> phases) {
        this.phases = List.copyOf(phases);
        Set<String> names = new HashSet<>();
        for (Phase p : this.phases) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two phases are named " + p.name());
            }
        }
    }

    public List<Phase> phases() {
        return phases;
    }

    public List<String> phaseNames() {
        return phases.stream().map(Phase::name).toList();
    }

    /** The journal's entries folded for this runbook's phases. */
    public History history(List<JournalEntry> entries) {
        return History.of(phaseNames(), entries);
    }

    /**
     * Runs from the first incomplete phase to the end, or until a phase is abandoned.
     *
     * @param log receives one line per phase start, end and note
     * @return the records of every phase; {@link RunbookResult#abandonedBy()} names a phase that refused to go on
     * @throws LiftoffException what a phase threw, after journaling it as failed
     */
    public RunbookResult run(Journal journal, Consumer<String> log, Clock clock) {
        History history = history(journal.entries());
        Optional<PhaseRecord> next = history.next();
        if (next.isEmpty()) {
            log.accept("every phase is complete already (journal " + journal.file() + ")");
            return new RunbookResult(history.phases(), Optional.empty());
        }
        int from = phaseNames().indexOf(next.get().name());
        if (next.get().interrupted()) {
            log.accept("resuming at " + next.get().name() + ", interrupted after starting at "
                    + next.get().startedAt().orElseThrow());
        } else if (from > 0) {
            log.accept("resuming at " + next.get().name() + " (" + from + " phases complete)");
        }
        for (Phase phase : phases.subList(from, phases.size())) {
            int attempt = history.phase(phase.name()).attempts() + 1;
            journal.append(new JournalEntry(clock.instant(), JournalEntry.STARTED, phase.name(), null, null, Map.of()));
            log.accept(phase.name() + ": " + phase.description());
            RunContext ctx = new RunContext(phase.name(), history, journal, log, clock, attempt);
            PhaseOutcome outcome;
            try {
                outcome = phase.run(ctx);
            } catch (RuntimeException e) {
                journal.append(new JournalEntry(
                        clock.instant(), JournalEntry.ENDED, phase.name(), PhaseStatus.FAILED, message(e), Map.of()));
                throw e;
            }
            if (outcome.status() == PhaseStatus.FAILED) {
                throw new IllegalStateException(phase.name() + " returned FAILED; phases throw to fail");
            }
            journal.append(new JournalEntry(
                    clock.instant(),
                    JournalEntry.ENDED,
                    phase.name(),
                    outcome.status(),
                    outcome.summary(),
                    outcome.metrics()));
            log.accept(phase.name() + ": " + outcome.status().name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + outcome.summary());
            history = history(journal.entries());
            if (outcome.status() == PhaseStatus.ABANDONED) {
                return new RunbookResult(history.phases(), Optional.of(phase.name()));
            }
        }
        return new RunbookResult(history.phases(), Optional.empty());
    }

    private static String message(RuntimeException e) {
        return e instanceof LiftoffException ? e.getMessage() : e.toString();
    }
}
