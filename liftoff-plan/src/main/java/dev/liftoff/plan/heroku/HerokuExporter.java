package dev.liftoff.plan.heroku;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.report.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Writes a Heroku export from the Platform API: per app, {@code apps-info.json} ({@code GET /apps/{app}} and its
 * pipeline coupling), {@code formation.json}, {@code addons.json} (plans expanded, with their prices and billed
 * prices), {@code config.json} (names and values, file mode 600: the only place values are written, for
 * {@code secrets push}), {@code dyno-sizes.json} (with their costs), and from Heroku's metrics API, where the account
 * has it, {@code autoscaling.json} (the web monitor) and {@code metrics.json} (p95 load and memory per process type,
 * peak request rate and p95 latency of web over the window). The metrics API is the one Heroku's dashboard and CLI use;
 * it is not documented as stable, so anything it refuses becomes a note rather than a failure. Blocking; each call
 * uses its own HTTP client.
 */
public final class HerokuExporter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HerokuExporter() {}

    /** Exports every configured app; an API failure on the Platform API is an environment error naming the request. */
    public static ExportResult export(ExportConfig config) {
        List<ExportResult.App> apps = new ArrayList<>();
        try (HerokuHttp api = new HerokuHttp(config.apiKey(), config.timeout())) {
            JsonNode sizes = null;
            for (String app : config.apps()) {
                if (sizes == null) {
                    sizes = api.get(config.apiUrl(), "/dyno-sizes", Map.of());
                }
                apps.add(exportApp(api, config, app, sizes));
            }
        }
        return new ExportResult(apps);
    }

    private static ExportResult.App exportApp(HerokuHttp api, ExportConfig config, String app, JsonNode sizes) {
        URI base = config.apiUrl();
        String path = "/apps/" + enc(app);
        JsonNode info = api.get(base, path, Map.of());
        JsonNode formation = api.get(base, path + "/formation", Map.of());
        JsonNode addons = api.get(base, path + "/addons", Map.of("Accept-Expansion", "addon_service,plan"));
        JsonNode vars = api.get(base, path + "/config-vars", Map.of());
        Optional<JsonNode> coupling = api.getIfPresent(base, path + "/pipeline-couplings", Map.of());

        Path dir = config.outDir().resolve(app);
        List<String> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        createPrivateDirectory(dir);

        ObjectNode appsInfo = NODES.objectNode();
        appsInfo.set("addons", NODES.arrayNode());
        appsInfo.set("app", info);
        appsInfo.set("dynos", NODES.arrayNode());
        appsInfo.set("pipeline_coupling", coupling.orElse(NODES.nullNode()));
        write(dir, HerokuExport.APPS_INFO, appsInfo, files);
        write(dir, HerokuExport.FORMATION, formation(formation), files);
        write(dir, HerokuExport.ADDONS, addons(addons), files);
        write(dir, HerokuExport.DYNO_SIZES, dynoSizes(sizes), files);
        writePrivate(dir.resolve(HerokuExport.CONFIG), Json.toJson(vars) + "\n");
        files.add(HerokuExport.CONFIG);

        String appId = info.path("id").asText(app);
        List<String> running = new ArrayList<>();
        formation.forEach(f -> {
            if (f.path("quantity").asInt() > 0) {
                running.add(f.path("type").asText());
            }
        });
        if (running.contains("web")) {
            try {
                autoscaling(api, config, appId)
                        .ifPresentOrElse(
                                a -> write(dir, HerokuExport.AUTOSCALING, a, files),
                                () -> notes.add(
                                        "no web autoscaling monitor: the formation's quantities are the range"));
            } catch (LiftoffException e) {
                notes.add("autoscaling not read: " + e.getMessage());
            }
        }
        ObjectNode metrics = metrics(api, config, appId, running, notes);
        if (metrics != null) {
            write(dir, HerokuExport.METRICS, metrics, files);
        }
        return new ExportResult.App(app, dir, files, vars.size(), notes);
    }

    private static ArrayNode formation(JsonNode list) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode f : list) {
            ObjectNode p = out.addObject();
            p.put("type", f.path("type").asText());
            p.put("quantity", f.path("quantity").asInt());
            p.put("size", f.path("size").asText());
            p.put("command", f.path("command").asText(""));
        }
        return out;
    }

    private static ArrayNode addons(JsonNode list) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode a : list) {
            ObjectNode o = out.addObject();
            o.put("name", a.path("name").asText());
            o.putObject("addon_service")
                    .put("name", a.path("addon_service").path("name").asText());
            ObjectNode plan = o.putObject("plan");
            plan.put("name", a.path("plan").path("name").asText());
            copyPrice(a.path("plan").path("price"), plan, "price");
            copyPrice(a.path("billed_price"), o, "billed_price");
            o.set("varsvars", a.path("varsvars").isArray() ? a.get("varsvars") : NODES.arrayNode());
            o.put("state", a.path("state").asText("provisioned"));
        }
        return out;
    }

    private static void copyPrice(JsonNode price, ObjectNode to, String field) {
        if (price.isObject() && price.has("cents") && !price.get("cents").isNull()) {
            ObjectNode p = to.putObject(field);
            p.put("cents", price.get("cents").asLong());
            p.put("unit", price.path("unit").asText("month"));
        }
    }

    private static ArrayNode dynoSizes(JsonNode list) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode s : list) {
            ObjectNode o = out.addObject();
            o.put("name", s.path("name").asText());
            o.set("compute", s.path("compute").isMissingNode() ? NODES.nullNode() : s.get("compute"));
            o.set("memory", s.path("memory").isMissingNode() ? NODES.nullNode() : s.get("memory"));
            o.put("dedicated", s.path("dedicated").asBoolean(false));
            JsonNode cost = s.path("cost");
            if (cost.isObject() && cost.has("cents")) {
                ObjectNode c = o.putObject("cost");
                c.put("cents", cost.get("cents").asLong());
                c.put("unit", cost.path("unit").asText("month"));
            } else {
                o.putNull("cost");
            }
        }
        return out;
    }

    /** The active scale monitor of web, as {@code autoscaling.json}. */
    private static Optional<ArrayNode> autoscaling(HerokuHttp api, ExportConfig config, String appId) {
        Optional<JsonNode> monitors =
                api.getIfPresent(config.metricsUrl(), "/apps/" + enc(appId) + "/formation/web/monitors", Map.of());
        if (monitors.isEmpty() || !monitors.get().isArray()) {
            return Optional.empty();
        }
        for (JsonNode m : monitors.get()) {
            if (m.path("action_type").asText().equals("scale")
                    && m.path("is_active").asBoolean(false)) {
                ArrayNode out = NODES.arrayNode();
                ObjectNode a = out.addObject();
                a.put("process_type", "web");
                a.put("min_quantity", m.path("min_quantity").asInt());
                a.put("max_quantity", m.path("max_quantity").asInt());
                if (m.has("value") && m.get("value").isNumber()) {
                    a.put("p95_response_time_ms", m.get("value").asInt());
                }
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }

    /** {@code metrics.json} from the metrics API, or null when it gave nothing usable. */
    private static ObjectNode metrics(
            HerokuHttp api, ExportConfig config, String appId, List<String> running, List<String> notes) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(config.metricsWindow());
        String query = "?start_time=" + enc(start.toString()) + "&end_time=" + enc(end.toString()) + "&step=1h";
        ObjectNode processes = NODES.objectNode();
        for (String type : running) {
            String base = "/apps/" + enc(appId) + "/formation/" + enc(type) + "/metrics/";
            ObjectNode p = NODES.objectNode();
            Double load = series(api, config, base + "load" + query, notes, type + " load")
                    .map(s -> s.p95(key -> key.contains("load"), 1))
                    .orElse(null);
            Double memory = series(api, config, base + "memory" + query, notes, type + " memory")
                    .map(s -> s.memoryMbP95())
                    .orElse(null);
            if (load != null) {
                p.put("cpu_load_avg_p95", round(load, 2));
            }
            if (memory != null) {
                p.put("memory_mb_p95", Math.round(memory));
            }
            if (type.equals("web")) {
                String router = "/apps/" + enc(appId) + "/router-metrics/";
                String webQuery = query + "&process_type=web";
                series(api, config, router + "status" + webQuery, notes, "web requests")
                        .map(Series::peakPerSecond)
                        .ifPresent(rps -> p.put("requests_per_second_peak", round(rps, 1)));
                series(api, config, router + "latency" + webQuery, notes, "web latency")
                        .map(s -> s.p95(key -> key.contains("p95"), 1))
                        .ifPresent(ms -> p.put("response_time_ms_p95", Math.round(ms)));
            }
            if (!p.isEmpty()) {
                processes.set(type, p);
            }
        }
        if (processes.isEmpty()) {
            return null;
        }
        ObjectNode m = NODES.objectNode();
        m.put("window_days", Math.max(1, (int) Math.ceil(config.metricsWindow().toHours() / 24.0)));
        m.set("processes", processes);
        return m;
    }

    private static Optional<Series> series(
            HerokuHttp api, ExportConfig config, String path, List<String> notes, String what) {
        try {
            Optional<JsonNode> body = api.getIfPresent(config.metricsUrl(), path, Map.of());
            if (body.isEmpty() || !body.get().path("data").isObject()) {
                notes.add(what + ": the metrics API has none for this app");
                return Optional.empty();
            }
            Series s = new Series(body.get());
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (LiftoffException e) {
            notes.add(what + " not read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** One metrics answer: named series of samples per step. */
    private record Series(JsonNode body) {
        boolean isEmpty() {
            return !body.path("data").properties().iterator().hasNext();
        }

        /** The series to use: the first key that matches, preferring a mean, else the first series. */
        Optional<Map.Entry<String, JsonNode>> pick(Predicate<String> wanted) {
            Map.Entry<String, JsonNode> first = null;
            Map.Entry<String, JsonNode> match = null;
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            body.path("data").properties().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isArray()) {
                    continue;
                }
                if (first == null) {
                    first = e;
                }
                if (wanted.test(e.getKey()) && (match == null || e.getKey().contains("mean"))) {
                    match = e;
                }
            }
            return Optional.ofNullable(match != null ? match : first);
        }

        Double p95(Predicate<String> wanted, double scale) {
            return pick(wanted)
                    .map(e -> percentile95(values(e.getValue())) * scale)
                    .orElse(null);
        }

        Double memoryMbP95() {
            Predicate<String> used =
                    k -> k.contains("memory") && !k.contains("quota") && !k.contains("limit") && !k.contains("swap");
            return pick(used)
                    .map(e -> {
                        double p = percentile95(values(e.getValue()));
                        return e.getKey().contains("bytes") ? p / (1024 * 1024) : p;
                    })
                    .orElse(null);
        }

        /** Requests per step summed over status codes, over the step's seconds; the largest. */
        Double peakPerSecond() {
            double[] total = null;
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            body.path("data").properties().iterator();
                    it.hasNext(); ) {
                JsonNode arr = it.next().getValue();
                if (!arr.isArray()) {
                    continue;
                }
                if (total == null) {
                    total = new double[arr.size()];
                }
                for (int i = 0; i < Math.min(arr.size(), total.length); i++) {
                    total[i] += arr.get(i).isNumber() ? arr.get(i).asDouble() : 0;
                }
            }
            if (total == null || total.length == 0) {
                return null;
            }
            return Arrays.stream(total).max().orElse(0) / (stepMinutes() * 60.0);
        }

        /** The step in minutes: a number, or {@code 10m}/{@code 1h}. */
        double stepMinutes() {
            JsonNode step = body.path("step");
            if (step.isNumber()) {
                return step.asDouble();
            }
            String s = step.asText("1h");
            try {
                if (s.endsWith("h")) {
                    return Double.parseDouble(s.substring(0, s.length() - 1)) * 60;
                }
                if (s.endsWith("m")) {
                    return Double.parseDouble(s.substring(0, s.length() - 1));
                }
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return 60;
            }
        }

        private static double[] values(JsonNode arr) {
            List<Double> v = new ArrayList<>();
            arr.forEach(x -> {
                if (x.isNumber()) {
                    v.add(x.asDouble());
                }
            });
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** The nearest-rank 95th percentile; 0 for no samples. */
    static double percentile95(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.95 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void write(Path dir, String name, JsonNode node, List<String> files) {
        Json.writeString(dir.resolve(name), Json.toJson(node) + "\n");
        files.add(name);
    }

    private static void createPrivateDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (posix()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw LiftoffException.environment(
                    "cannot create " + dir + " (" + e.getMessage() + "); check --out is writable", e);
        }
    }

    /** Writes a file readable by its owner only, through a temporary file created that way and a rename. */
    static void writePrivate(Path file, String text) {
        try {
            Path tmp = posix()
                    ? Files.createTempFile(
                            file.getParent(),
                            "." + file.getFileName(),
                            ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw LiftoffException.environment("cannot write " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
