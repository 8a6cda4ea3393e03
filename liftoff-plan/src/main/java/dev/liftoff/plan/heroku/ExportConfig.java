package dev.liftoff.plan.heroku;

import dev.liftoff.core.LiftoffException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link HerokuExporter#export} fetches.
 *
 * @param apps the Heroku app names, one directory each
 * @param outDir where the app directories go
 * @param apiUrl the Platform API ({@code https://api.heroku.com})
 * @param metricsUrl Heroku's metrics API ({@code https://api.metrics.heroku.com}), for autoscaling and utilization
 * @param apiKey the key, sent as a bearer token
 * @param metricsWindow how far back utilization is read
 * @param timeout per request
 */
public record ExportConfig(
        List<String> apps,
        Path outDir,
        URI apiUrl,
        URI metricsUrl,
        ApiKey apiKey,
        Duration metricsWindow,
        Duration timeout) {
    public static final URI DEFAULT_API_URL = URI.create("https://api.heroku.com");
    public static final URI DEFAULT_METRICS_URL = URI.create("https://api.metrics.heroku.com");
    public static final Duration DEFAULT_METRICS_WINDOW = Duration.ofDays(7);

    public ExportConfig {
        apps = List.copyOf(Objects.requireNonNull(apps, "apps"));
        if (apps.isEmpty()) {
            throw LiftoffException.usage("--app is required: the Heroku app to export (repeat it for staging)");
        }
        for (String app : apps) {
            if (!app.matches("[a-z0-9][a-z0-9-]{1,29}")) {
                throw LiftoffException.usage("--app '" + app + "' is not a Heroku app name (lowercase letters, digits"
                        + " and dashes); see 'heroku apps'");
            }
        }
        Objects.requireNonNull(outDir, "outDir");
        apiUrl = Objects.requireNonNullElse(apiUrl, DEFAULT_API_URL);
        metricsUrl = Objects.requireNonNullElse(metricsUrl, DEFAULT_METRICS_URL);
        Objects.requireNonNull(apiKey, "apiKey");
        metricsWindow = Objects.requireNonNullElse(metricsWindow, DEFAULT_METRICS_WINDOW);
        timeout = Objects.requireNonNullElse(timeout, Duration.ofSeconds(30));
        if (metricsWindow.toHours() < 1) {
            throw LiftoffException.usage("--metrics-window must be at least an hour");
        }
    }
}
