package dev.liftoff.loadtest;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.loadtest.scenario.ImportOptions;
import dev.liftoff.loadtest.slo.Slo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One load test, validated when built.
 *
 * @param scenarioFile a HAR, JMeter or YAML scenario; exactly one of this and {@code url}
 * @param url a single URL to GET
 * @param timeout the longest a request may take before it counts as an error
 * @param ioThreads event loops sending requests (one per core is right)
 * @param insecureTls accept any TLS certificate (a staging stack with a self-signed one)
 */
public record LoadTestConfig(
        Optional<Path> scenarioFile,
        Optional<String> url,
        ImportOptions imports,
        Model model,
        Duration duration,
        Duration timeout,
        Slo slo,
        int ioThreads,
        boolean insecureTls) {
    /** The request timeout when none is given: Heroku's router gives up after 30 s too. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public LoadTestConfig {
        Objects.requireNonNull(scenarioFile, "scenarioFile");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(imports, "imports");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(slo, "slo");
        if (scenarioFile.isPresent() == url.isPresent()) {
            throw LiftoffException.usage("give a scenario file or --url, exactly one of them");
        }
        if (duration.isNegative() || duration.toMillis() < 1000) {
            throw LiftoffException.usage("--duration must be at least 1s");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw LiftoffException.usage("--timeout must be positive");
        }
        if (ioThreads < 1) {
            throw LiftoffException.usage("--io-threads must be at least 1");
        }
    }

    /** One event loop per available core. */
    public static int defaultIoThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
