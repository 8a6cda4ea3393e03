package dev.liftoff.loadtest;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.Rate;
import dev.liftoff.loadtest.engine.EngineResult;
import dev.liftoff.loadtest.engine.ErrorKind;
import dev.liftoff.loadtest.engine.Load;
import dev.liftoff.loadtest.engine.LoadRun;
import dev.liftoff.loadtest.engine.SecondSample;
import dev.liftoff.loadtest.report.Latency;
import dev.liftoff.loadtest.report.LoadTestResult;
import dev.liftoff.loadtest.report.RequestResult;
import dev.liftoff.loadtest.report.Schedule;
import dev.liftoff.loadtest.report.SloResult;
import dev.liftoff.loadtest.scenario.JmxWriter;
import dev.liftoff.loadtest.scenario.Scenario;
import dev.liftoff.loadtest.scenario.Scenarios;
import dev.liftoff.loadtest.scenario.Step;
import dev.liftoff.loadtest.slo.Evaluation;
import dev.liftoff.loadtest.slo.Slo;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.HdrHistogram.Histogram;

/**
 * Load tests: replay a scenario under the open model (sessions arrive at a rate whatever the server does; latency
 * measured from each session's intended start, so stalls show) or the closed model (N connections as fast as the
 * server answers), judge SLOs, and export scenarios as JMeter plans. A session is one pass through the scenario's
 * steps; open-model rates count sessions per second. Blocking; thread-safe (each call is independent).
 */
public final class LoadTest {
    /** Hears about a run while it goes; called on the thread that called {@link #run}. */
    public interface Listener {
        /** The scenario is loaded and the load decided; the run starts next. */
        default void starting(Scenario scenario, String load) {}

        /** One more second of figures. Must be quick. */
        default void second(SecondSample sample) {}
    }

    private LoadTest() {}

    /** Loads the scenario a config names, as {@link #run} would. */
    public static Scenario scenario(LoadTestConfig config) {
        return config.url().isPresent()
                ? Scenarios.url(config.url().get(), config.imports())
                : Scenarios.load(config.scenarioFile().get(), config.imports());
    }

    /**
     * Runs the load test and judges its SLOs. A broken SLO is not an exception: it is {@code slo().passed() == false}
     * in the result, so the caller can write reports before deciding the exit code.
     *
     * @throws LiftoffException usage for bad scenarios or SLOs on unknown requests, environment for unresolvable
     *     hosts
     */
    public static LoadTestResult run(LoadTestConfig config, Listener listener) {
        Scenario scenario = scenario(config);
        List<String> names =
                scenario.steps().stream().map(Step::name).distinct().toList();
        config.slo().requireRequests(names);
        int perSession = scenario.steps().size();
        String rateSource = null;
        Load load;
        switch (config.model()) {
            case Model.Open o -> load = new Load.Open(o.sessionsPerSecond(), o.ramp(), o.maxInFlight());
            case Model.OpenAtPeak p -> {
                double peak = HerokuPeak.requestsPerSecond(p.herokuApp());
                double sessions = p.multiple() * peak / perSession;
                rateSource = String.format(
                        Locale.ROOT,
                        "%sx the peak of %s requests/s in %s, at %d request%s per session",
                        number(p.multiple()),
                        number(peak),
                        p.herokuApp().resolve("metrics.json"),
                        perSession,
                        perSession == 1 ? "" : "s");
                load = new Load.Open(sessions, p.ramp(), p.maxInFlight());
            }
            case Model.Closed c -> load = new Load.Closed(c.connections());
        }
        listener.starting(scenario, describe(load, perSession));
        EngineResult raw = LoadRun.run(
                new LoadRun.Settings(
                        scenario, load, config.duration(), config.timeout(), config.ioThreads(), config.insecureTls()),
                listener::second);
        return result(scenario, config.slo(), load, rateSource, raw);
    }

    /** What the load is, for people: {@code 500 sessions/s (500 requests/s)} or {@code 32 connections}. */
    static String describe(Load load, int perSession) {
        return switch (load) {
            case Load.Open o ->
                Rate.human(o.rate()).replace("/s", " sessions/s") + " ("
                        + Rate.human(o.rate() * perSession).replace("/s", " requests/s") + ")"
                        + (o.ramp().isZero() ? "" : " after a " + dev.liftoff.core.Durations.human(o.ramp()) + " ramp");
            case Load.Closed c -> c.connections() + (c.connections() == 1 ? " connection" : " connections");
        };
    }

    private static LoadTestResult result(Scenario scenario, Slo slo, Load load, String rateSource, EngineResult raw) {
        // Throughput over the load window, not until the last straggler answered: one request hanging until the
        // timeout after a short run would otherwise halve the figure (and break an rps SLO) for no real reason.
        // Answers that arrive after the window are still counted: they were sent within it.
        double seconds = Math.max(raw.windowNanos() / 1e9, 1e-3);
        Histogram all = new Histogram(3);
        long requests = 0;
        long errors = 0;
        Map<String, RequestResult> byRequest = new LinkedHashMap<>();
        for (int i = 0; i < raw.names().size(); i++) {
            Histogram h = raw.latencyMicros().get(i);
            all.add(h);
            long r = raw.requests().get(i);
            long e = raw.errors().get(i);
            requests += r;
            errors += e;
            String name = raw.names().get(i);
            double rps = round(r / seconds);
            SloResult judged = Evaluation.judge(slo, Optional.of(name), new Evaluation.Figures(r, e, rps, h));
            byRequest.put(name, new RequestResult(r, e, rps, round(seconds), Latency.of(h), judged));
        }
        double rps = round(requests / seconds);
        SloResult own = Evaluation.judge(slo, Optional.empty(), new Evaluation.Figures(requests, errors, rps, all));
        var checks = new java.util.ArrayList<>(own.checks());
        byRequest.values().forEach(r -> checks.addAll(r.slo().checks()));
        SloResult overall = new SloResult(checks.stream().allMatch(c -> c.passed()), checks);

        Map<String, Long> kinds = new LinkedHashMap<>();
        for (ErrorKind k : ErrorKind.values()) {
            Long n = raw.errorKinds().get(k);
            if (n != null) {
                kinds.put(k.key(), n);
            }
        }
        Map<String, Long> statuses = new LinkedHashMap<>();
        new java.util.TreeMap<>(raw.statuses()).forEach((code, n) -> statuses.put(String.valueOf(code), n));

        Double target = null;
        Integer connections = null;
        Schedule schedule = null;
        if (load instanceof Load.Open o) {
            target = round(o.rate());
            schedule = schedule(o, raw);
        } else if (load instanceof Load.Closed c) {
            connections = c.connections();
        }
        return new LoadTestResult(
                scenario.source(),
                load instanceof Load.Open ? "open" : "closed",
                target,
                rateSource,
                connections,
                scenario.steps().size(),
                requests,
                errors,
                rps,
                round(seconds),
                Latency.of(all),
                overall,
                byRequest,
                schedule,
                kinds,
                statuses,
                raw.connectionsOpened(),
                raw.transport(),
                scenario.warnings(),
                scenario.skippedHosts(),
                raw.seconds());
    }

    private static Schedule schedule(Load.Open o, EngineResult raw) {
        // The target scaled by the share of due sessions that started: a ramp does not count as falling behind.
        double achieved = raw.sessionsDue() == 0 ? 0 : round(o.rate() * raw.sessionsStarted() / raw.sessionsDue());
        Histogram lag = raw.startLagMicros();
        double lagP99 = lag.getTotalCount() == 0 ? 0 : round(lag.getValueAtPercentile(99) / 1000.0);
        double lagMax = lag.getTotalCount() == 0 ? 0 : round(lag.getMaxValue() / 1000.0);
        boolean late = lagP99 > Schedule.LATE_START_MS;
        boolean behind = raw.sessionsQueued() > 0 || raw.sessionsStarted() < raw.sessionsDue() * 0.99 || late;
        String reason = null;
        if (raw.sessionsQueued() > 0) {
            reason = String.format(
                    Locale.ROOT,
                    "the cap of %d sessions in flight (--max-in-flight) was reached: %d sessions waited for a free"
                            + " slot and %d never started; the server is not keeping up, or raise --max-in-flight",
                    o.maxInFlight(),
                    raw.sessionsQueued(),
                    raw.sessionsNotStarted());
        } else if (raw.sessionsStarted() < raw.sessionsDue() * 0.99) {
            reason = String.format(
                    Locale.ROOT,
                    "the load generator started %d of %d due sessions: it ran out of CPU; use more --io-threads or"
                            + " a bigger machine, or run the exported JMeter plan on several",
                    raw.sessionsStarted(),
                    raw.sessionsDue());
        } else if (late) {
            reason = String.format(
                    Locale.ROOT,
                    "the load generator started sessions late (p99 %s ms, max %s ms behind schedule), and the"
                            + " latencies include that wait: it ran short of CPU; use more --io-threads, a quieter or"
                            + " bigger machine, or run the exported JMeter plan on several",
                    number(lagP99),
                    number(lagMax));
        }
        return new Schedule(
                round(o.rate()),
                achieved,
                raw.sessionsDue(),
                raw.sessionsStarted(),
                raw.sessionsQueued(),
                raw.sessionsNotStarted(),
                o.maxInFlight(),
                lagP99,
                lagMax,
                behind,
                reason);
    }

    /**
     * Writes the scenario of {@code config} as a JMeter plan.
     *
     * @throws LiftoffException usage for a bad scenario, environment when the file cannot be written
     */
    public static ExportResult export(ExportConfig config) {
        Scenario scenario = config.scenarioFile().isPresent()
                ? Scenarios.load(config.scenarioFile().get(), config.imports())
                : Scenarios.url(config.url().orElseThrow(), config.imports());
        int threads = config.threads().orElse(scenario.threads().orElse(ExportConfig.DEFAULT_THREADS));
        OptionalDouble rate = config.sessionsPerSecond();
        String xml = JmxWriter.write(scenario, threads, config.duration(), config.ramp(), rate);
        dev.liftoff.core.report.Json.writeString(config.out(), xml);
        return new ExportResult(
                config.out().toString(),
                scenario.steps().size(),
                new LinkedHashSet<>(scenario.steps().stream().map(Step::name).toList()).size(),
                threads,
                rate.isPresent() ? rate.getAsDouble() : null,
                config.duration().toSeconds(),
                scenario.warnings());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
