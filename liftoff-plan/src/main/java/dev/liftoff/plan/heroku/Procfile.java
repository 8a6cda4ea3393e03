package dev.liftoff.plan.heroku;

import dev.liftoff.core.LiftoffException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app's {@code Procfile}: process types and their commands, in file order. {@code release} is Heroku's release
 * phase, which runs once before each deploy rather than as a service.
 */
public record Procfile(Path file, Map<String, String> processes) {
    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]+)\\s*:\\s*(.+)$");

    public Procfile {
        processes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(processes));
    }

    /** Reads {@code APP_DIR/Procfile}. */
    public static Procfile read(Path appDir) {
        Path file = appDir.resolve("Procfile");
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw LiftoffException.usage(
                    file + ": missing; the app's repository needs a Procfile naming its" + " processes (web: COMMAND)");
        } catch (IOException e) {
            throw LiftoffException.environment(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        Map<String, String> processes = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw LiftoffException.usage(file + ": line " + (i + 1) + " is not 'type: command'");
            }
            processes.put(m.group(1), m.group(2).strip());
        }
        return new Procfile(file, processes);
    }

    /** The processes that run as services: all but {@code release}. */
    public Map<String, String> services() {
        Map<String, String> s = new LinkedHashMap<>(processes);
        s.remove("release");
        return s;
    }

    public Optional<String> release() {
        return Optional.ofNullable(processes.get("release"));
    }
}
