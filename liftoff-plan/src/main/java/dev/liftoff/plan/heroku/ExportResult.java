package dev.liftoff.plan.heroku;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link HerokuExporter#export} wrote.
 *
 * @param apps one entry per app, in the order asked
 */
public record ExportResult(List<App> apps) {
    public ExportResult {
        apps = List.copyOf(apps);
    }

    /**
     * One exported app.
     *
     * @param app the app name
     * @param directory its directory
     * @param files the files written there
     * @param configVars how many config vars {@code config.json} holds (the values only there, mode 600)
     * @param notes what could not be fetched and why (autoscaling, metrics)
     */
    public record App(String app, Path directory, List<String> files, int configVars, List<String> notes) {
        public App {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }
    }
}
