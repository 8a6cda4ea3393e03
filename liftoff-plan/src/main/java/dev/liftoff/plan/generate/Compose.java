package dev.liftoff.plan.generate;

import static dev.liftoff.plan.generate.Cfn.list;
import static dev.liftoff.plan.generate.Cfn.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker-compose.yml}: each process built from its Dockerfile with PostgreSQL and Valkey beside it, the release
 * command as an opt-in service ({@code docker compose run --rm release}), other config from an optional {@code .env}.
 * The local database trusts connections from the compose network, so no password is written anywhere.
 */
final class Compose {
    private Compose() {}

    /**
     * @param context the build context (the repository root) relative to the compose file
     * @param dockerfiles each process's Dockerfile path relative to the context
     * @param web the web process
     * @param release the release command, or null
     * @param dbVars the config vars of the app's first PostgreSQL add-on ({@code DATABASE_URL}), or empty for none
     * @param cacheVars the config vars of its first Redis add-on ({@code REDIS_URL}, ...), or empty for none
     * @param configNames the app's config var names the stack does not replace (values are never passed)
     */
    static String render(
            String project,
            String context,
            Map<String, String> dockerfiles,
            String web,
            String release,
            List<String> dbVars,
            List<String> cacheVars,
            List<String> configNames) {
        boolean db = !dbVars.isEmpty();
        boolean redis = !cacheVars.isEmpty();
        Map<String, Object> services = new LinkedHashMap<>();
        dockerfiles.forEach((process, dockerfile) -> {
            Map<String, Object> s = service(context, dockerfile, dbVars, cacheVars, configNames);
            if (process.equals(web)) {
                s.put("ports", list(Dockerfiles.PORT + ":" + Dockerfiles.PORT));
            }
            services.put(process, s);
        });
        if (release != null) {
            Map<String, Object> r = service(context, dockerfiles.get(web), dbVars, cacheVars, configNames);
            // $$: compose would substitute $VAR itself, from the host, before the container's shell sees it.
            r.put("command", list("/bin/sh", "-c", release.replace("$", "$$")));
            r.put("profiles", list("release"));
            services.put("release", r);
        }
        if (db) {
            services.put(
                    "postgres",
                    map(
                            "image", BaseImages.POSTGRES,
                            "environment", map("POSTGRES_DB", "app", "POSTGRES_HOST_AUTH_METHOD", "trust"),
                            "healthcheck",
                                    map(
                                            "test",
                                            list("CMD", "pg_isready", "-U", "postgres", "-d", "app"),
                                            "interval",
                                            "2s",
                                            "timeout",
                                            "5s",
                                            "retries",
                                            30),
                            "volumes", list("postgres:/var/lib/postgresql/data")));
        }
        if (redis) {
            services.put("redis", map("image", BaseImages.VALKEY));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", project);
        doc.put("services", services);
        if (db) {
            doc.put("volumes", map("postgres", new LinkedHashMap<>()));
        }
        return "# Runs " + project + " locally: docker compose up --build (written by liftoff generate).\n"
                + "# The release phase: docker compose run --rm release. Other config vars: .env (see .env.example).\n"
                + Cfn.dump(doc);
    }

    private static Map<String, Object> service(
            String context, String dockerfile, List<String> dbVars, List<String> cacheVars, List<String> configNames) {
        boolean db = !dbVars.isEmpty();
        boolean redis = !cacheVars.isEmpty();
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(Dockerfiles.PORT));
        // Every name the add-on set on Heroku (REDIS_TLS_URL too: locally without TLS) points at the local server.
        dbVars.forEach(n -> env.put(n, "postgres://postgres@postgres:5432/app"));
        cacheVars.forEach(n -> env.put(n, "redis://redis:6379"));
        // Names only: compose fills each from .env or the shell, empty when unset; values never come from the export.
        configNames.forEach(n -> env.putIfAbsent(n, "${" + n + ":-}"));
        Map<String, Object> depends = new LinkedHashMap<>();
        if (db) {
            depends.put("postgres", map("condition", "service_healthy"));
        }
        if (redis) {
            depends.put("redis", map("condition", "service_started"));
        }
        return map(
                "build",
                map("context", context, "dockerfile", dockerfile),
                "environment",
                env,
                "env_file",
                List.of(map("path", ".env", "required", false)),
                "depends_on",
                depends.isEmpty() ? null : depends);
    }
}
