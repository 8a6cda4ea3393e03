package dev.liftoff.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.liftoff.core.LiftoffException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the peak requests per second of an app from a Heroku export directory ({@code EXPORT_DIR/APP/metrics.json},
 * {@code processes.<type>.requests_per_second_peak}): the web process's figure, or the sum over process types that
 * have one (only processes behind the router receive requests). Only this one number is read here; the plan module
 * owns the rest of the export.
 */
public final class HerokuPeak {
    private HerokuPeak() {}

    /**
     * @throws LiftoffException (usage) naming the file when it is missing or holds no peak
     */
    public static double requestsPerSecond(Path appDir) {
        Path file = appDir.resolve("metrics.json");
        if (!Files.isRegularFile(file)) {
            throw LiftoffException.usage("--heroku: " + file
                    + " not found; point --heroku at EXPORT_DIR/APP of a Heroku export with metrics");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw LiftoffException.usage("--heroku: " + file + " is not valid JSON (" + e.getMessage() + ")");
        }
        JsonNode processes = root == null ? null : root.get("processes");
        if (processes == null || !processes.isObject()) {
            throw LiftoffException.usage("--heroku: " + file + " has no 'processes' object");
        }
        JsonNode web = processes.path("web").get("requests_per_second_peak");
        if (web != null && web.isNumber() && web.asDouble() > 0) {
            return web.asDouble();
        }
        double sum = 0;
        for (JsonNode p : processes) {
            JsonNode peak = p.get("requests_per_second_peak");
            if (peak != null && peak.isNumber()) {
                sum += peak.asDouble();
            }
        }
        if (sum <= 0) {
            throw LiftoffException.usage("--heroku: " + file
                    + " has no processes.*.requests_per_second_peak; give an absolute rate such as --rate 100/s");
        }
        return sum;
    }
}
