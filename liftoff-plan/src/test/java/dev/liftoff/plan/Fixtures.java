package dev.liftoff.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The export fixtures in test resources, and a writer for exports built inside a test. */
public final class Fixtures {
    private Fixtures() {}

    /** A test resource directory: {@code heroku-sample/export}, {@code seed/repo}, ... */
    public static Path resource(String path) {
        try {
            return Paths.get(Fixtures.class.getResource("/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path sampleExport() {
        return resource("heroku-sample/export");
    }

    public static Path seedExport() {
        return resource("seed/export");
    }

    /** Writes one app directory of an export; files given as name, JSON, name, JSON ... */
    public static Path app(Path exportDir, String name, String... filesAndJson) {
        Path dir = exportDir.resolve(name);
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < filesAndJson.length; i += 2) {
                Files.writeString(dir.resolve(filesAndJson[i]), filesAndJson[i + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Copies a directory tree (a fixture into a temporary directory, where a test may write beside it). */
    public static Path copy(Path from, Path to) {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** Writes files (path, text, path, text ...) under a directory, creating parents. */
    public static Path files(Path dir, String... pathsAndText) {
        try {
            for (int i = 0; i < pathsAndText.length; i += 2) {
                Path f = dir.resolve(pathsAndText[i]);
                Files.createDirectories(f.getParent());
                Files.writeString(f, pathsAndText[i + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** {@code apps-info.json} for an app in a region and pipeline stage (null for none). */
    public static String appsInfo(String name, String region, String stage) {
        return "{\"app\": {\"name\": \"" + name + "\", \"region\": {\"name\": \"" + region
                + "\"}, \"stack\": {\"name\": \"heroku-24\"}}, \"pipeline_coupling\": "
                + (stage == null ? "null" : "{\"stage\": \"" + stage + "\"}") + "}";
    }
}
