package dev.liftoff.plan.heroku;

import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.LiftoffException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a Heroku export: a directory with one subdirectory per app (or one app's directory itself), in the layout
 * {@code liftoff heroku export} writes. Every malformed or missing piece is a usage error naming the file and the
 * field. Stateless and thread-safe.
 */
public final class HerokuExport {
    public static final String APPS_INFO = "apps-info.json";
    public static final String FORMATION = "formation.json";
    public static final String ADDONS = "addons.json";
    public static final String CONFIG = "config.json";
    public static final String AUTOSCALING = "autoscaling.json";
    public static final String METRICS = "metrics.json";
    public static final String DYNO_SIZES = "dyno-sizes.json";

    private HerokuExport() {}

    /** The apps of an export directory, production apps first, then by name. */
    public static List<HerokuApp> read(Path exportDir) {
        if (!Files.isDirectory(exportDir)) {
            throw LiftoffException.usage("--heroku " + exportDir
                    + ": not a directory; pass the directory 'liftoff heroku export --out DIR' wrote");
        }
        if (Files.exists(exportDir.resolve(APPS_INFO))) {
            return List.of(readApp(exportDir));
        }
        List<HerokuApp> apps = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(exportDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (Files.exists(dir.resolve(APPS_INFO)) || Files.exists(dir.resolve(FORMATION))) {
                    apps.add(readApp(dir));
                }
            }
        } catch (IOException e) {
            throw LiftoffException.environment(exportDir + ": cannot list (" + e.getMessage() + ")", e);
        }
        if (apps.isEmpty()) {
            throw LiftoffException.usage(exportDir + ": no app directories (each holds " + APPS_INFO + ", " + FORMATION
                    + ", ...); export one with 'liftoff heroku export --app NAME --out " + exportDir + "'");
        }
        apps.sort(Comparator.comparing((HerokuApp a) -> !a.isProduction()).thenComparing(HerokuApp::name));
        return List.copyOf(apps);
    }

    /** One app's directory. */
    public static HerokuApp readApp(Path dir) {
        JsonDoc info = JsonDoc.read(dir.resolve(APPS_INFO));
        JsonNode app = info.object(info.root.get("app"), "app");
        String name = info.text(app, "name", "app");
        JsonNode region = app.get("region");
        JsonNode stack = app.get("stack");
        String stage = info.optText(info.root.get("pipeline_coupling"), "stage");
        Map<String, BigDecimal> dynoPrices = dynoPrices(JsonDoc.readOptional(dir.resolve(DYNO_SIZES)));
        return new HerokuApp(
                name,
                environment(name, stage),
                info.optText(region, "name"),
                info.optText(stack, "name"),
                info.optText(app, "buildpack_provided_description"),
                formation(JsonDoc.read(dir.resolve(FORMATION))),
                addons(JsonDoc.read(dir.resolve(ADDONS))),
                ConfigVars.names(dir),
                autoscaling(JsonDoc.readOptional(dir.resolve(AUTOSCALING))),
                metrics(JsonDoc.readOptional(dir.resolve(METRICS))),
                dynoPrices,
                dir);
    }

    static String environment(String appName, String pipelineStage) {
        if (pipelineStage != null) {
            return pipelineStage.equals("production") ? "production" : "staging";
        }
        String n = appName.toLowerCase(Locale.ROOT);
        return n.contains("staging") || n.endsWith("-stage") || n.endsWith("-stg") ? "staging" : "production";
    }

    private static List<Formation> formation(JsonDoc doc) {
        List<Formation> list = new ArrayList<>();
        JsonNode array = doc.array(doc.root, "the top level");
        for (int i = 0; i < array.size(); i++) {
            JsonNode p = doc.object(array.get(i), "[" + i + "]");
            String where = "[" + i + "]";
            String type = doc.text(p, "type", where);
            String sizeName = doc.text(p, "size", where);
            DynoSize size = DynoSize.find(sizeName)
                    .orElseThrow(() -> doc.error(
                            where + ".size",
                            "'" + sizeName + "' (process '" + type + "') is not a dyno size liftoff knows ("
                                    + String.join(", ", DynoSize.knownNames())
                                    + "); use one of them with the same vCPUs and memory"));
            list.add(new Formation(type, doc.integer(p, "quantity", where), size, doc.optText(p, "command")));
        }
        return list;
    }

    private static List<Addon> addons(JsonDoc doc) {
        List<Addon> list = new ArrayList<>();
        JsonNode array = doc.array(doc.root, "the top level");
        for (int i = 0; i < array.size(); i++) {
            String where = "[" + i + "]";
            JsonNode a = doc.object(array.get(i), where);
            String state = doc.optText(a, "state");
            if ("deprovisioned".equals(state) || "deprovisioning".equals(state)) {
                continue;
            }
            JsonNode service = doc.object(a.get("addon_service"), where + ".addon_service");
            JsonNode plan = doc.object(a.get("plan"), where + ".plan");
            BigDecimal price = null;
            String source = null;
            if (isPrice(a.get("billed_price"))) {
                price = monthly(doc, a.get("billed_price"), where + ".billed_price");
                source = ADDONS + " " + where + ".billed_price";
            } else if (isPrice(plan.get("price"))) {
                price = monthly(doc, plan.get("price"), where + ".plan.price");
                source = ADDONS + " " + where + ".plan.price";
            }
            List<String> vars = new ArrayList<>();
            JsonNode cv = a.get("config_vars");
            if (cv != null && cv.isArray()) {
                cv.forEach(v -> vars.add(v.asText()));
            }
            list.add(new Addon(
                    doc.text(a, "name", where),
                    doc.text(service, "name", where + ".addon_service"),
                    doc.text(plan, "name", where + ".plan"),
                    price,
                    source,
                    vars));
        }
        return list;
    }

    private static boolean isPrice(JsonNode node) {
        return node != null
                && node.isObject()
                && node.has("cents")
                && !node.get("cents").isNull();
    }

    /** A Heroku price object ({@code {"cents": 900, "unit": "month"}}) in dollars a month. */
    static BigDecimal monthly(JsonDoc doc, JsonNode price, String where) {
        JsonNode cents = price.get("cents");
        if (!cents.isIntegralNumber() || cents.asLong() < 0) {
            throw doc.error(where + ".cents", "must be a whole number of cents of at least 0");
        }
        String unit = doc.optText(price, "unit");
        BigDecimal usd = BigDecimal.valueOf(cents.asLong()).movePointLeft(2);
        if (unit == null || unit.equals("month")) {
            return usd;
        }
        if (unit.equals("hour")) {
            return usd.multiply(BigDecimal.valueOf(730));
        }
        throw doc.error(where + ".unit", "is '" + unit + "'; liftoff reads prices per 'month' or per 'hour'");
    }

    private static Map<String, Autoscaling> autoscaling(JsonDoc doc) {
        Map<String, Autoscaling> map = new LinkedHashMap<>();
        if (doc == null) {
            return map;
        }
        JsonNode array = doc.array(doc.root, "the top level");
        for (int i = 0; i < array.size(); i++) {
            String where = "[" + i + "]";
            JsonNode a = doc.object(array.get(i), where);
            String type = doc.text(a, "process_type", where);
            int min = doc.integer(a, "min_quantity", where);
            int max = doc.integer(a, "max_quantity", where);
            if (max < min) {
                throw doc.error(where + ".max_quantity", "is " + max + ", below min_quantity " + min);
            }
            map.put(type, new Autoscaling(type, min, max, doc.optInteger(a, "p95_response_time_ms", where)));
        }
        return map;
    }

    private static AppMetrics metrics(JsonDoc doc) {
        if (doc == null) {
            return AppMetrics.NONE;
        }
        JsonNode root = doc.object(doc.root, "the top level");
        Integer window = doc.optInteger(root, "window_days", "");
        Map<String, ProcessMetrics> processes = new LinkedHashMap<>();
        JsonNode procs = root.get("processes");
        if (procs != null) {
            doc.object(procs, "processes");
            for (Map.Entry<String, JsonNode> e : procs.properties()) {
                String where = "processes." + e.getKey();
                JsonNode p = doc.object(e.getValue(), where);
                processes.put(
                        e.getKey(),
                        new ProcessMetrics(
                                doc.optNumber(p, "cpu_load_avg_p95", where),
                                doc.optNumber(p, "memory_mb_p95", where),
                                doc.optNumber(p, "requests_per_second_peak", where),
                                doc.optNumber(p, "response_time_ms_p95", where)));
            }
        }
        return new AppMetrics(
                window == null ? 0 : window, processes, doc.optNumber(root, "log_volume_gb_per_month", ""));
    }

    private static Map<String, BigDecimal> dynoPrices(JsonDoc doc) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        if (doc == null) {
            return prices;
        }
        JsonNode array = doc.array(doc.root, "the top level");
        for (int i = 0; i < array.size(); i++) {
            String where = "[" + i + "]";
            JsonNode s = doc.object(array.get(i), where);
            String name = doc.text(s, "name", where);
            if (isPrice(s.get("cost"))) {
                prices.put(name.toLowerCase(Locale.ROOT), monthly(doc, s.get("cost"), where + ".cost"));
            }
        }
        return prices;
    }
}
