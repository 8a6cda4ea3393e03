package dev.liftoff.plan.heroku;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An app's config vars from {@code config.json}. Planning reads {@link #names} only, which streams the file and never
 * materializes a value; {@link #load} holds the values in memory for {@code secrets push} and nowhere else:
 * {@link #toString()} lists names only. Immutable and thread-safe.
 */
public final class ConfigVars {
    private final Map<String, String> values;

    private ConfigVars(Map<String, String> values) {
        this.values = values;
    }

    /** The names of an app directory's config vars, in the file's order. */
    public static List<String> names(Path appDir) {
        Path file = appDir.resolve(HerokuExport.CONFIG);
        List<String> names = new ArrayList<>();
        try (JsonParser p = Json.mapper().getFactory().createParser(file.toFile())) {
            expectObject(file, p);
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                names.add(p.currentName());
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    throw notFlat(file, p.currentName());
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw LiftoffException.usage(file + ": not a JSON object of names and values");
            }
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw LiftoffException.usage(file + ": missing; export the app again with 'liftoff heroku export'");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw LiftoffException.usage(file + ": not valid JSON at line "
                    + e.getLocation().getLineNr() + "; fix it or export the app again");
        } catch (IOException e) {
            throw LiftoffException.environment(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return List.copyOf(names);
    }

    /** Reads names and values; for {@code secrets push} only. */
    public static ConfigVars load(Path appDir) {
        Path file = appDir.resolve(HerokuExport.CONFIG);
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser p = Json.mapper().getFactory().createParser(Files.readAllBytes(file))) {
            expectObject(file, p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    throw notFlat(file, name);
                }
                values.put(name, value == JsonToken.VALUE_NULL ? "" : p.getText());
            }
        } catch (NoSuchFileException e) {
            throw LiftoffException.usage(file + ": missing; export the app again with 'liftoff heroku export'");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw LiftoffException.usage(file + ": not valid JSON at line "
                    + e.getLocation().getLineNr() + "; fix it or export the app again");
        } catch (IOException e) {
            throw LiftoffException.environment(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return new ConfigVars(values);
    }

    private static void expectObject(Path file, JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw LiftoffException.usage(file + ": must be a JSON object of config var names and values "
                    + "(as 'heroku config --json' prints it)");
        }
    }

    private static LiftoffException notFlat(Path file, String name) {
        return LiftoffException.usage(
                file + ": " + name + " must be a string value, as 'heroku config --json' prints it");
    }

    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** The vars without the given names, for the secret that replaces them. */
    public ConfigVars without(Set<String> names) {
        Map<String, String> kept = new LinkedHashMap<>(values);
        kept.keySet().removeAll(names);
        return new ConfigVars(kept);
    }

    /** The values, for writing into a secret store; never log or print them. */
    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return "ConfigVars" + values.keySet();
    }
}
