package dev.liftoff.migrate.runbook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The journal folded into one {@link PhaseRecord} per phase, in the runbook's order, with phases the journal does not
 * mention yet as not started. Immutable.
 */
public final class History {
    private final Map<String, PhaseRecord> records;

    private History(Map<String, PhaseRecord> records) {
        this.records = records;
    }

    /** Folds entries (oldest first) for the given phase names; entries about other phases are ignored. */
    public static History of(List<String> phaseNames, List<JournalEntry> entries) {
        Map<String, PhaseRecord> out = new LinkedHashMap<>();
        for (String name : phaseNames) {
            int attempts = 0;
            Instant started = null;
            Instant ended = null;
            PhaseStatus status = null;
            String detail = "";
            Map<String, Object> metrics = Map.of();
            List<String> notes = new ArrayList<>();
            for (JournalEntry e : entries) {
                if (!e.phase().equals(name)) {
                    continue;
                }
                switch (e.event()) {
                    case JournalEntry.STARTED -> {
                        attempts++;
                        started = e.at();
                        ended = null;
                        status = null;
                        detail = "";
                        metrics = Map.of();
                        notes.clear();
                    }
                    case JournalEntry.NOTE -> notes.add(e.detail() == null ? "" : e.detail());
                    case JournalEntry.ENDED -> {
                        ended = e.at();
                        status = e.status();
                        detail = e.detail() == null ? "" : e.detail();
                        metrics = e.metrics();
                    }
                    default -> {
                        // entries of a newer liftoff stay readable; this version has nothing to fold from them
                    }
                }
            }
            out.put(
                    name,
                    new PhaseRecord(
                            name,
                            attempts,
                            Optional.ofNullable(started),
                            Optional.ofNullable(ended),
                            Optional.ofNullable(status),
                            detail,
                            metrics,
                            notes));
        }
        return new History(out);
    }

    /** Every phase's record, in the runbook's order. */
    public List<PhaseRecord> phases() {
        return List.copyOf(records.values());
    }

    public PhaseRecord phase(String name) {
        PhaseRecord r = records.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no phase named " + name);
        }
        return r;
    }

    /** The first phase a run must start at, or empty when every phase is complete. */
    public Optional<PhaseRecord> next() {
        return records.values().stream().filter(r -> !r.complete()).findFirst();
    }
}
