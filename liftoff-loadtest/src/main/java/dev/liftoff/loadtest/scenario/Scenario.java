package dev.liftoff.loadtest.scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What one session does: its steps in order, the constants and data sets they draw on, and what the import left out.
 *
 * @param source the file or URL the scenario came from, for messages
 * @param variables values every session starts with
 * @param warnings parts of the source that were not understood and were skipped, one line each
 * @param skippedHosts requests left out because they went to another host (HAR), by host
 * @param threads the thread count the source asked for (JMeter), a default for the closed model
 */
public record Scenario(
        String source,
        List<Step> steps,
        Map<String, String> variables,
        List<DataSet> dataSets,
        List<String> warnings,
        Map<String, Integer> skippedHosts,
        OptionalInt threads) {
    public Scenario {
        Objects.requireNonNull(source, "source");
        steps = List.copyOf(steps);
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        dataSets = List.copyOf(dataSets);
        warnings = List.copyOf(warnings);
        skippedHosts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(skippedHosts));
        Objects.requireNonNull(threads, "threads");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(source + ": a scenario needs at least one request");
        }
    }

    /** A scenario of just these steps. */
    public static Scenario ofSteps(String source, List<Step> steps) {
        return new Scenario(source, steps, Map.of(), List.of(), List.of(), Map.of(), OptionalInt.empty());
    }
}
