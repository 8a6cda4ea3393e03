package dev.liftoff.cli.loadtest;

import dev.liftoff.loadtest.scenario.BaseUrl;
import dev.liftoff.loadtest.scenario.ImportOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which scenario, and how it is imported: shared by {@code run} and {@code export}. */
final class ScenarioArgs {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "SCENARIO",
            description = "A HAR recording (.har), a JMeter plan (.jmx) or a YAML scenario (.yaml, .yml).")
    Path scenario;

    @Option(names = "--url", paramLabel = "URL", description = "Instead of a scenario: GET this one URL.")
    String url;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "Send the scenario here instead: scheme, host and port replaced, the path put in front"
                    + " (e.g. https://staging.example.com).")
    String baseUrl;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "HAR: the app's host (default: the host of the first page request).")
    String host;

    @Option(
            names = "--include-host",
            paramLabel = "HOST",
            description = "HAR: also replay requests to this host (repeatable); other hosts are skipped and counted.")
    List<String> includeHosts = new ArrayList<>();

    @Option(names = "--no-cookies", description = "HAR: drop recorded Cookie headers.")
    boolean noCookies;

    ImportOptions imports() {
        return new ImportOptions(
                Optional.ofNullable(baseUrl).map(u -> BaseUrl.parse(u, "--base-url")),
                Optional.ofNullable(host).map(h -> h.toLowerCase(Locale.ROOT)),
                Set.copyOf(includeHosts.stream()
                        .map(h -> h.toLowerCase(Locale.ROOT))
                        .toList()),
                !noCookies);
    }

    Optional<Path> file() {
        return Optional.ofNullable(scenario);
    }

    Optional<String> url() {
        return Optional.ofNullable(url);
    }
}
