package dev.liftoff.migrate.runbook;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a running phase may use from the runbook: earlier phases' outcomes (from the journal, so they survive a
 * restart), a way to journal a step inside the phase, the log, and the clock. One per phase attempt; used from the
 * runbook's thread only.
 */
public final class RunContext {
    private final String phase;
    private final History history;
    private final Journal journal;
    private final Consumer<String> log;
    private final Clock clock;
    private final int attempt;

    RunContext(String phase, History history, Journal journal, Consumer<String> log, Clock clock, int attempt) {
        this.phase = phase;
        this.history = history;
        this.journal = journal;
        this.log = log;
        this.clock = clock;
        this.attempt = attempt;
    }

    /** An earlier phase's figures, when it completed (in this run or one before a restart). */
    public Optional<Map<String, Object>> previous(String phaseName) {
        PhaseRecord r = history.phase(phaseName);
        return r.complete() ? Optional.of(r.metrics()) : Optional.empty();
    }

    /**
     * Whether the journal shows a later phase started by an earlier run: what this phase writes to the target is there
     * already (together with {@link #attempt()} above 1, which says this phase itself ran before).
     */
    public boolean resuming() {
        List<PhaseRecord> all = history.phases();
        int at = all.indexOf(history.phase(phase));
        return all.subList(at + 1, all.size()).stream().anyMatch(r -> r.attempts() > 0);
    }

    /** 1 on the first attempt; more when the phase is run again after a crash or a refusal. */
    public int attempt() {
        return attempt;
    }

    /** Journals a step inside the phase (durably, before returning), and logs it. */
    public void note(String step) {
        journal.append(new JournalEntry(clock.instant(), JournalEntry.NOTE, phase, null, step, Map.of()));
        log.accept(phase + ": " + step);
    }

    /** A progress line for the user; not journaled. */
    public void log(String line) {
        log.accept(phase + ": " + line);
    }

    public Clock clock() {
        return clock;
    }
}
