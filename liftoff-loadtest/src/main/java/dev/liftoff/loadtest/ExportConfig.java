package dev.liftoff.loadtest;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.loadtest.scenario.ImportOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A JMeter export: the scenario (file or URL) and the thread group it runs under.
 *
 * @param threads JMeter threads; default: the source plan's, else {@link #DEFAULT_THREADS}
 * @param sessionsPerSecond a target rate for a Constant Throughput Timer, or empty for no pacing
 */
public record ExportConfig(
        Optional<Path> scenarioFile,
        Optional<String> url,
        ImportOptions imports,
        Path out,
        OptionalInt threads,
        OptionalDouble sessionsPerSecond,
        Duration duration,
        Duration ramp) {
    /** Threads when neither the options nor the source plan say. */
    public static final int DEFAULT_THREADS = 50;

    public ExportConfig {
        Objects.requireNonNull(scenarioFile, "scenarioFile");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(imports, "imports");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(sessionsPerSecond, "sessionsPerSecond");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(ramp, "ramp");
        if (scenarioFile.isPresent() == url.isPresent()) {
            throw LiftoffException.usage("give a scenario file or --url, exactly one of them");
        }
        if (threads.isPresent() && threads.getAsInt() < 1) {
            throw LiftoffException.usage("--connections must be at least 1");
        }
        if (duration.toMillis() < 1000) {
            throw LiftoffException.usage("--duration must be at least 1s");
        }
    }
}
