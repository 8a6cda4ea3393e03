package dev.liftoff.migrate.phases;

import dev.liftoff.core.Durations;
import dev.liftoff.loadtest.LoadTest;
import dev.liftoff.loadtest.LoadTestConfig;
import dev.liftoff.loadtest.Model;
import dev.liftoff.loadtest.report.CheckResult;
import dev.liftoff.loadtest.report.LoadTestResult;
import dev.liftoff.loadtest.scenario.BaseUrl;
import dev.liftoff.loadtest.scenario.ImportOptions;
import dev.liftoff.loadtest.slo.Slo;
import dev.liftoff.migrate.config.LoadTestSettings;
import dev.liftoff.migrate.runbook.Phase;
import dev.liftoff.migrate.runbook.PhaseOutcome;
import dev.liftoff.migrate.runbook.RunContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Load-tests the new platform before traffic moves there ({@link LoadTest}, open model at the configured rate). A
 * broken SLO abandons the run before the cutover, saying which objectives broke; a rerun tests again. A recorded
 * scenario (HAR, JMeter, YAML) is retargeted at the new upstream; a URL scenario is fetched as given. The scenario's
 * writes land on the new platform's data, so a read-only scenario is the safe choice while the sync runs.
 */
public final class LoadTestPhase implements Phase {
    private final LoadTestSettings settings;
    private final URI newUpstream;

    public LoadTestPhase(LoadTestSettings settings, URI newUpstream) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.newUpstream = Objects.requireNonNull(newUpstream, "newUpstream");
    }

    @Override
    public String name() {
        return "loadtest";
    }

    @Override
    public String description() {
        return "load-test the new platform at " + settings.rate() + " for " + Durations.human(settings.duration())
                + settings.slo().map(s -> " against " + s).orElse("") + "; stop before the cutover if an SLO breaks";
    }

    @Override
    public PhaseOutcome run(RunContext ctx) {
        boolean isUrl =
                settings.scenario().startsWith("http://") || settings.scenario().startsWith("https://");
        ImportOptions imports = isUrl
                ? ImportOptions.DEFAULTS
                : new ImportOptions(
                        Optional.of(BaseUrl.parse(newUpstream.toString(), "gateway.new_upstream")),
                        Optional.empty(),
                        java.util.Set.of(),
                        true);
        LoadTestConfig config = new LoadTestConfig(
                isUrl ? Optional.empty() : Optional.of(Path.of(settings.scenario())),
                isUrl ? Optional.of(settings.scenario()) : Optional.empty(),
                imports,
                new Model.Open(settings.rate().perSecond(), Duration.ZERO, Model.DEFAULT_MAX_IN_FLIGHT),
                settings.duration(),
                LoadTestConfig.DEFAULT_TIMEOUT,
                settings.slo().map(Slo::parse).orElse(Slo.none()),
                LoadTestConfig.defaultIoThreads(),
                false);
        ctx.log("sending " + settings.rate() + " for " + Durations.human(settings.duration()));
        LoadTestResult r = LoadTest.run(config, new LoadTest.Listener() {});
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("requests", r.requests());
        metrics.put("errors", r.errors());
        metrics.put("throughput_rps", r.throughputRps());
        metrics.put("p95_ms", r.latencyMs().p95());
        metrics.put("p99_ms", r.latencyMs().p99());
        metrics.put("slo_passed", r.slo().passed());
        String summary = String.format(
                java.util.Locale.ROOT,
                "%d requests at %.0f/s, %d errors, p95 %.0f ms, p99 %.0f ms",
                r.requests(),
                r.throughputRps(),
                r.errors(),
                r.latencyMs().p95(),
                r.latencyMs().p99());
        if (!r.slo().passed()) {
            String broken = r.slo().broken().stream().map(CheckResult::explain).collect(Collectors.joining(", "));
            return PhaseOutcome.abandoned(
                    "the new platform broke its SLOs (" + broken + "): " + summary
                            + "; size it up (or fix loadtest.slo) and run again",
                    metrics);
        }
        return PhaseOutcome.done(summary, metrics);
    }
}
