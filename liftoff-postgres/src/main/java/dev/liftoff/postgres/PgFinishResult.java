package dev.liftoff.postgres;

import java.util.List;
import java.util.Objects;

/**
 * What {@link PgSync#finish} did. Immutable; serializes to JSON with {@code dev.liftoff.core.report.Json}.
 *
 * @param source the source URL, password masked
 * @param target the target URL, password masked
 * @param capture {@code triggers} or {@code logical}
 * @param waitedSeconds how long the barrier took to pass
 * @param appliedChanges changes applied since streaming began, barrier included
 * @param sequences sequences set on the target to the source's values
 * @param notices what was left out (a sequence missing on the target), one line each
 */
public record PgFinishResult(
        String source,
        String target,
        String capture,
        double waitedSeconds,
        long appliedChanges,
        int sequences,
        List<String> notices) {
    public PgFinishResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(capture, "capture");
        notices = List.copyOf(notices);
    }
}
