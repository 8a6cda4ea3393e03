package dev.liftoff.plan.generate;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.plan.GenerateConfig;
import dev.liftoff.plan.GenerateResult;
import dev.liftoff.plan.PlanResult;
import dev.liftoff.plan.heroku.Autoscaling;
import dev.liftoff.plan.heroku.Formation;
import dev.liftoff.plan.heroku.HerokuApp;
import dev.liftoff.plan.heroku.Procfile;
import dev.liftoff.plan.sizing.AppSizing;
import dev.liftoff.plan.sizing.CacheSize;
import dev.liftoff.plan.sizing.DatabaseSize;
import dev.liftoff.plan.sizing.FargateSize;
import dev.liftoff.plan.sizing.ServiceSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lays out what {@link dev.liftoff.plan.Generator} writes: checks the input, picks the production and staging apps
 * (a staging environment is derived from production, one small task per process, when the export has none), and
 * writes each file. Deterministic: the same input gives byte-identical files.
 */
public final class Writer {
    private Writer() {}

    public static GenerateResult write(GenerateConfig config, PlanResult plan, List<HerokuApp> apps) {
        Path repo = config.repo();
        Path out = config.out().toAbsolutePath().normalize();
        if (out.equals(repo.toAbsolutePath().normalize())) {
            throw LiftoffException.usage("--out " + config.out() + " is the repository root, whose README.md it"
                    + " would replace; write into a directory of it, e.g. --out " + repo.resolve("deploy"));
        }
        Procfile procfile = Procfile.read(repo);
        if (!procfile.processes().containsKey("web")) {
            throw LiftoffException.usage(procfile.file() + " has no web process (it has "
                    + String.join(", ", procfile.processes().keySet()) + "); the stack serves HTTP from 'web'"
                    + " behind the load balancer: add a line 'web: COMMAND' that listens on $PORT");
        }
        Stack stack = StackDetector.detect(repo, config.stack());
        Dockerfiles.Build build = Dockerfiles.build(stack);
        List<String> notes = new ArrayList<>(build.notes());

        HerokuApp production =
                apps.stream().filter(HerokuApp::isProduction).findFirst().orElse(apps.get(0));
        Optional<HerokuApp> staging =
                apps.stream().filter(a -> !a.isProduction()).findFirst();
        String prefix = repoPrefix(repo, out);

        Map<String, String> commands = new LinkedHashMap<>(procfile.services());
        for (HerokuApp app : apps) {
            for (Formation f : app.formation()) {
                if (!f.type().equals("release") && !f.command().isEmpty()) {
                    commands.putIfAbsent(f.type(), f.command());
                }
            }
        }
        Target prod = target(config, plan, production, "production", commands, procfile, prefix, 0, notes);
        Target stag = staging.map(s -> target(config, plan, s, "staging", commands, procfile, prefix, 1, notes))
                .orElseGet(() -> {
                    notes.add("the export has no staging app: staging is production's stack with one task per"
                            + " process, the smallest database and one cache node");
                    return derivedStaging(prod);
                });
        // Images only for the processes that run somewhere (as Heroku's formation says); the release command runs in
        // web's image, as it did on Heroku (one slug for every process).
        Map<String, String> running = new LinkedHashMap<>();
        commands.forEach((process, command) -> {
            if (Stream.of(prod, stag)
                    .flatMap(t -> t.sizing().services().stream())
                    .anyMatch(svc -> svc.process().equals(process))) {
                running.put(process, command);
            }
        });
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> dockerfiles = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : running.entrySet()) {
            String path = "docker/" + p.getKey() + "/Dockerfile";
            files.put(
                    path,
                    Dockerfiles.dockerfile(
                            build,
                            production.name(),
                            p.getKey(),
                            p.getValue(),
                            p.getKey().equals("web")));
            files.put(path + ".dockerignore", Dockerfiles.dockerignore(stack));
            dockerfiles.put(p.getKey(), join(prefix, path));
        }
        files.put(".dockerignore", Dockerfiles.dockerignore(stack));

        for (Target t : List.of(prod, stag)) {
            files.put("cloudformation/" + t.environment() + ".yaml", StackTemplate.render(t));
        }
        files.put("buildspec.yml", BuildSpec.render(dockerfiles));
        Map<String, String> composeFiles = new LinkedHashMap<>();
        Path fromRepo = repo.toAbsolutePath().normalize().relativize(out);
        running.keySet()
                .forEach(p -> composeFiles.put(
                        p,
                        fromRepo.resolve("docker/" + p + "/Dockerfile")
                                .toString()
                                .replace('\\', '/')));
        files.put(
                "docker-compose.yml",
                Compose.render(
                        production.name(),
                        relative(out, repo),
                        composeFiles,
                        "web",
                        procfile.release().orElse(null),
                        prod.sizing().databases().stream()
                                .findFirst()
                                .map(d -> d.configVars().isEmpty() ? List.of("DATABASE_URL") : d.configVars())
                                .orElse(List.of()),
                        prod.sizing().caches().stream()
                                .findFirst()
                                .map(c -> c.configVars().isEmpty() ? List.of("REDIS_URL") : c.configVars())
                                .orElse(List.of()),
                        prod.secretVars()));
        files.put(".env.example", envExample(production));
        for (String process : commands.keySet()) {
            if (!running.containsKey(process)) {
                notes.add("'" + process + "' runs no dynos in " + production.name() + ": no image or service for"
                        + " it; scale it up on Heroku and export again, or copy docker/web/Dockerfile with its"
                        + " command");
            }
        }
        files.put(
                "README.md",
                Readme.render(
                        config,
                        production,
                        prod,
                        stag,
                        stack,
                        prefix,
                        plan,
                        procfile.release().isPresent(),
                        notes));

        for (Map.Entry<String, String> f : files.entrySet()) {
            writeFile(out.resolve(f.getKey()), f.getValue());
        }
        return new GenerateResult(
                out,
                stack.toString(),
                List.copyOf(files.keySet()),
                List.of(prod.environment(), stag.environment()),
                notes,
                plan.awsMonthlyUsd());
    }

    private static Target target(
            GenerateConfig config,
            PlanResult plan,
            HerokuApp app,
            String environment,
            Map<String, String> commands,
            Procfile procfile,
            String prefix,
            int octet,
            List<String> notes) {
        AppSizing sizing = plan.apps().stream()
                .filter(a -> a.app().equals(app.name()))
                .findFirst()
                .orElseThrow();
        if (sizing.services().stream().noneMatch(ServiceSize::web)) {
            List<ServiceSize> services = new ArrayList<>(sizing.services());
            services.add(
                    0,
                    new ServiceSize(
                            "web",
                            true,
                            new FargateSize(new java.math.BigDecimal("0.25"), new java.math.BigDecimal("0.5")),
                            1,
                            1,
                            2,
                            null,
                            commands.get("web"),
                            "web runs no dynos on Heroku: one small task"));
            sizing = new AppSizing(
                    sizing.app(),
                    sizing.environment(),
                    sizing.option(),
                    services,
                    sizing.databases(),
                    sizing.caches(),
                    sizing.notes());
            notes.add(app.name() + " runs no web dynos; its template has one small web task");
        }
        Map<String, String> own = new LinkedHashMap<>();
        for (ServiceSize s : sizing.services()) {
            own.put(s.process(), commands.getOrDefault(s.process(), s.command()));
        }
        List<String> secretVars = app.configVarNames().stream()
                .filter(n -> !app.replacedByStack(n))
                .toList();
        Autoscaling web = app.autoscaling().get("web");
        int latency = web != null && web.p95ResponseTimeMs() != null ? web.p95ResponseTimeMs() : 1000;
        return new Target(
                app.name(),
                environment,
                sizing,
                own,
                procfile.release().orElse(null),
                secretVars,
                config.network(),
                config.arch(),
                config.domain() == null
                        ? null
                        : (environment.equals("production") ? config.domain() : "staging." + config.domain()),
                prefix,
                latency,
                octet);
    }

    private static Target derivedStaging(Target prod) {
        List<ServiceSize> services = prod.sizing().services().stream()
                .map(s -> new ServiceSize(
                        s.process(),
                        s.web(),
                        s.size(),
                        1,
                        1,
                        2,
                        s.requestsPerTargetPerMinute(),
                        s.command(),
                        "staging: one task of production's size"))
                .toList();
        List<DatabaseSize> dbs = prod.sizing().databases().stream()
                .map(d -> new DatabaseSize(
                        d.addon(),
                        d.plan(),
                        "db.t4g.micro",
                        20,
                        false,
                        d.configVars(),
                        "staging: the smallest instance"))
                .toList();
        List<CacheSize> caches = prod.sizing().caches().stream()
                .map(c -> new CacheSize(
                        c.addon(),
                        c.plan(),
                        c.engine(),
                        "cache.t4g.micro",
                        1,
                        c.configVars(),
                        "staging: one small node"))
                .toList();
        AppSizing sizing =
                new AppSizing(prod.app(), "staging", prod.sizing().option(), services, dbs, caches, List.of());
        return new Target(
                prod.app(),
                "staging",
                sizing,
                prod.commands(),
                prod.releaseCommand(),
                prod.secretVars(),
                prod.network(),
                prod.arch(),
                prod.domain() == null ? null : "staging." + prod.domain(),
                prod.repoPrefix(),
                prod.latencyGoalMs(),
                1);
    }

    private static String envExample(HerokuApp app) {
        StringBuilder sb = new StringBuilder("# Config var names of " + app.name()
                + " (no values): copy to .env and fill in for docker compose.\n"
                + "# DATABASE_URL and REDIS_URL come from docker-compose.yml.\n");
        for (String name : app.configVarNames()) {
            if (!app.replacedByStack(name)) {
                sb.append(name).append("=\n");
            }
        }
        return sb.toString();
    }

    /**
     * Writes one file with the umask's usual permissions. Not {@code Json.writeString}: its temporary file makes
     * every file owner-only (0600), wrong for files committed to a repository and read by Docker and CodeBuild.
     */
    private static void writeFile(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LiftoffException.environment(
                    "cannot write " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); pass a writable --out",
                    e);
        }
    }

    /** Where {@code out} sits in the repository, or its own name when it is elsewhere (to be copied in). */
    static String repoPrefix(Path repo, Path out) {
        Path r = repo.toAbsolutePath().normalize();
        if (out.startsWith(r)) {
            return r.relativize(out).toString().replace('\\', '/');
        }
        return out.getFileName().toString();
    }

    private static String relative(Path out, Path repo) {
        Path r = repo.toAbsolutePath().normalize();
        String rel = out.relativize(r).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
    }

    private static String join(String prefix, String path) {
        return prefix.isEmpty() ? path : prefix + "/" + path;
    }
}
