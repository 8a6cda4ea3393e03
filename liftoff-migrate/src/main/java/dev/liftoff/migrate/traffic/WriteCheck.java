package dev.liftoff.migrate.traffic;

import java.util.List;

/**
 * The audit of a rehearsal's writes on the new platform, as the demo prints and writes it.
 *
 * @param writesTotal acknowledged writes
 * @param lostWrites acknowledged writes the new platform does not have
 * @param duplicateWrites extra rows for a request id (one order stored twice)
 * @param changedIds acknowledged writes stored under another id than the one the app answered
 * @param writeDowntimeMs the longest gap between consecutive acknowledgements within the window audited
 * @param examples a few request ids of lost or duplicated writes, for looking them up
 */
public record WriteCheck(
        long writesTotal,
        long lostWrites,
        long duplicateWrites,
        long changedIds,
        long writeDowntimeMs,
        List<String> examples) {
    public WriteCheck {
        examples = List.copyOf(examples);
    }

    /** Nothing lost, nothing duplicated, every id as acknowledged. */
    public boolean passed() {
        return lostWrites == 0 && duplicateWrites == 0 && changedIds == 0;
    }
}
