package dev.liftoff.loadtest.scenario;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Where scenarios come from: a single URL, or a HAR, JMeter or YAML file chosen by its extension. Thread-safe. */
public final class Scenarios {
    private Scenarios() {}

    /**
     * A scenario of one GET of {@code url}, named {@code GET /path}.
     *
     * @throws LiftoffException (usage) when {@code url} is not an absolute http(s) URL
     */
    public static Scenario url(String url, ImportOptions options) {
        URI uri;
        try {
            uri = new URI(url.strip());
            Origin.of(uri);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw LiftoffException.usage("--url: '" + Redaction.maskUserInfo(url)
                    + "' is not an http(s) URL; write for example http://127.0.0.1:8080/health");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Step step = Step.get("GET " + path, Origin.of(uri), target);
        if (options.baseUrl().isPresent()) {
            step = options.baseUrl().get().apply(step);
        }
        // The scenario's name shows in reports; a password in the URL must not.
        return Scenario.ofSteps(Redaction.maskUserInfo(url), List.of(step));
    }

    /**
     * Loads {@code file}: {@code .har}, {@code .jmx}, {@code .yaml} or {@code .yml}.
     *
     * @throws LiftoffException (usage) naming the file and the place in it when it cannot be read or understood
     */
    public static Scenario load(Path file, ImportOptions options) {
        if (!Files.isRegularFile(file)) {
            throw LiftoffException.usage(file + ": no such file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".har")) {
            return HarReader.read(file, options);
        }
        if (name.endsWith(".jmx")) {
            return JmxReader.read(file, options);
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YamlReader.read(file, options);
        }
        throw LiftoffException.usage(file + ": unknown scenario type; use a .har, .jmx, .yaml or .yml file");
    }
}
