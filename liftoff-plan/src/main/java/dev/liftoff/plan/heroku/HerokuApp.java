package dev.liftoff.plan.heroku;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One app of a Heroku export, as planning needs it. Holds config var names only, never values.
 *
 * @param name the Heroku app name
 * @param environment {@code production} or {@code staging}: the pipeline stage, else guessed from the name
 * @param herokuRegion Heroku's region name ({@code us}, {@code eu})
 * @param stack the Heroku stack ({@code heroku-24}), or empty
 * @param buildpack the buildpack description ({@code heroku/ruby}), or empty
 * @param formation the process types, in the export's order
 * @param addons the provisioned add-ons
 * @param configVarNames the names of the app's config vars
 * @param autoscaling autoscaling ranges by process type
 * @param metrics utilization, or {@link AppMetrics#NONE}
 * @param dynoPrices monthly dyno prices by size name from {@code dyno-sizes.json}, when the export has them
 * @param directory where the app's files are
 */
public record HerokuApp(
        String name,
        String environment,
        String herokuRegion,
        String stack,
        String buildpack,
        List<Formation> formation,
        List<Addon> addons,
        List<String> configVarNames,
        Map<String, Autoscaling> autoscaling,
        AppMetrics metrics,
        Map<String, BigDecimal> dynoPrices,
        Path directory) {
    public HerokuApp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(environment, "environment");
        herokuRegion = herokuRegion == null ? "" : herokuRegion;
        stack = stack == null ? "" : stack;
        buildpack = buildpack == null ? "" : buildpack;
        formation = List.copyOf(formation);
        addons = List.copyOf(addons);
        configVarNames = List.copyOf(configVarNames);
        autoscaling = Map.copyOf(autoscaling);
        metrics = Objects.requireNonNull(metrics, "metrics");
        dynoPrices = Map.copyOf(dynoPrices);
        Objects.requireNonNull(directory, "directory");
    }

    public Optional<Formation> process(String type) {
        return formation.stream().filter(f -> f.type().equals(type)).findFirst();
    }

    /**
     * Whether the new stack sets this config var itself, so it stays out of the secret: {@code DATABASE_URL},
     * {@code REDIS_URL}, {@code REDIS_TLS_URL}, Heroku's own {@code HEROKU_*} (dyno metadata, attachment aliases),
     * and every var a Postgres, Key-Value Store or logging add-on set.
     */
    public boolean replacedByStack(String configVar) {
        if (configVar.equals("DATABASE_URL")
                || configVar.equals("REDIS_URL")
                || configVar.equals("REDIS_TLS_URL")
                || configVar.startsWith("HEROKU_")) {
            return true;
        }
        return addons.stream()
                .filter(a -> a.kind() != Addon.Kind.NOT_MAPPED && a.kind() != Addon.Kind.SCHEDULER)
                .anyMatch(a -> a.configVars().contains(configVar));
    }

    public boolean isProduction() {
        return environment.equals("production");
    }
}
