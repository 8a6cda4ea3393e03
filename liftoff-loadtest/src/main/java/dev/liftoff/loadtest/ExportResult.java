package dev.liftoff.loadtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param samplers HTTP samplers written (one per step)
 * @param requestNames distinct request names among them
 * @param sessionsPerSecond the Constant Throughput Timer's target, or null without one
 * @param warnings what the import skipped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportResult(
        String file,
        int samplers,
        int requestNames,
        int threads,
        Double sessionsPerSecond,
        long durationSeconds,
        List<String> warnings) {
    public ExportResult {
        warnings = List.copyOf(warnings);
    }
}
