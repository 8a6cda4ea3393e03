package dev.liftoff.postgres;

import java.util.List;
import java.util.Objects;

/**
 * What {@link PgSync#cleanup} removed. Immutable; serializes to JSON with {@code dev.liftoff.core.report.Json}.
 *
 * @param source the source URL, password masked
 * @param target the target URL, password masked
 * @param removedFromSource each object removed from the source, described for people
 * @param removedFromTarget each object removed from the target
 */
public record PgCleanupResult(
        String source, String target, List<String> removedFromSource, List<String> removedFromTarget) {
    public PgCleanupResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        removedFromSource = List.copyOf(removedFromSource);
        removedFromTarget = List.copyOf(removedFromTarget);
    }
}
