package dev.liftoff.loadtest.engine;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.loadtest.scenario.DataSet;
import dev.liftoff.loadtest.scenario.Origin;
import dev.liftoff.loadtest.scenario.Scenario;
import dev.liftoff.loadtest.scenario.Step;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scenario compiled for sending: request names and origins numbered, addresses resolved once (so connection storms
 * do not become DNS storms), static requests encoded. Thread-safe: the data-set cursors are atomic, the rest immutable.
 */
final class Plan {
    final Scenario scenario;
    final CompiledStep[] steps;
    final List<String> names;
    final List<Origin> origins;
    final InetSocketAddress[] addresses;
    private final boolean stateful;
    private final AtomicLong[] cursors;

    private Plan(
            Scenario scenario,
            List<CompiledStep> steps,
            List<String> names,
            List<Origin> origins,
            InetSocketAddress[] addresses) {
        this.scenario = scenario;
        this.steps = steps.toArray(CompiledStep[]::new);
        this.names = List.copyOf(names);
        this.origins = List.copyOf(origins);
        this.addresses = addresses;
        this.cursors = new AtomicLong[scenario.dataSets().size()];
        for (int i = 0; i < cursors.length; i++) {
            cursors[i] = new AtomicLong();
        }
        this.stateful = !scenario.dataSets().isEmpty()
                || scenario.steps().stream().anyMatch(s -> !s.extractions().isEmpty())
                || steps.stream().anyMatch(c -> !c.isStatic());
    }

    static Plan compile(Scenario scenario) {
        Map<String, Integer> names = new LinkedHashMap<>();
        Map<Origin, Integer> origins = new LinkedHashMap<>();
        List<CompiledStep> steps = new ArrayList<>();
        for (Step s : scenario.steps()) {
            int name = names.computeIfAbsent(s.name(), k -> names.size());
            int origin = origins.computeIfAbsent(s.origin(), k -> origins.size());
            steps.add(new CompiledStep(s.bindConstants(scenario.variables()), name, origin));
        }
        List<Origin> originList = List.copyOf(origins.keySet());
        InetSocketAddress[] addresses = new InetSocketAddress[originList.size()];
        for (int i = 0; i < addresses.length; i++) {
            Origin o = originList.get(i);
            try {
                addresses[i] = new InetSocketAddress(InetAddress.getByName(o.host()), o.port());
            } catch (UnknownHostException e) {
                throw LiftoffException.environment(
                        "cannot resolve host '" + o.host() + "' of " + o + "; check the URL or --base-url", e);
            }
        }
        return new Plan(scenario, steps, List.copyOf(names.keySet()), originList, addresses);
    }

    /** The variables a new session starts with; an immutable empty map when no step needs any. */
    Map<String, String> newSessionVariables() {
        if (!stateful) {
            return Map.of();
        }
        Map<String, String> vars = new HashMap<>(scenario.variables());
        List<DataSet> sets = scenario.dataSets();
        for (int i = 0; i < sets.size(); i++) {
            DataSet d = sets.get(i);
            List<String> row =
                    d.rows().get((int) (cursors[i].getAndIncrement() % d.rows().size()));
            for (int c = 0; c < d.variables().size() && c < row.size(); c++) {
                vars.put(d.variables().get(c), row.get(c));
            }
        }
        return vars;
    }
}
