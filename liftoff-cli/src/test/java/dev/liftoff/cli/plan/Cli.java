package dev.liftoff.cli.plan;

import dev.liftoff.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in-process and writes small Heroku exports for its tests. */
final class Cli {
    record Run(int exit, String out, String err) {}

    private Cli() {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A one-app export: web 2 × Standard-1X, a worker on Basic, Essential-0 and a secret config var. */
    static Path export(Path dir) {
        Path app = dir.resolve("shop");
        write(app.resolve("apps-info.json"), "{\"app\": {\"name\": \"shop\", \"region\": {\"name\": \"us\"}}}");
        write(
                app.resolve("formation.json"),
                "[{\"type\": \"web\", \"quantity\": 2, \"size\": \"Standard-1X\", \"command\": \"node server.js\"},"
                        + " {\"type\": \"worker\", \"quantity\": 1, \"size\": \"Basic\", \"command\": \"node worker.js\"}]");
        write(
                app.resolve("addons.json"),
                "[{\"name\": \"pg-1\", \"addon_service\": {\"name\": \"heroku-postgresql\"}, \"plan\": {\"name\":"
                        + " \"heroku-postgresql:essential-0\", \"price\": {\"cents\": 500, \"unit\": \"month\"}},"
                        + " \"config_vars\": [\"DATABASE_URL\"]}]");
        write(
                app.resolve("config.json"),
                "{\"DATABASE_URL\": \"postgres://u:cli-db-secret@h/d\", \"API_TOKEN\": \"cli-token-secret\"}");
        return dir;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
