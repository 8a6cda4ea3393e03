package dev.liftoff.plan.heroku;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One JSON file of an export, with typed getters whose errors name the file and the field ({@code formation.json:
 * [1].size ...}), so a hand-edited export says exactly what to fix.
 */
final class JsonDoc {
    private static final String FIX = "fix the file or export the app again with 'liftoff heroku export'";

    final Path file;
    final JsonNode root;

    private JsonDoc(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** Reads a required file; a missing or malformed one is a usage error naming it. */
    static JsonDoc read(Path file) {
        JsonDoc doc = readOptional(file);
        if (doc == null) {
            throw LiftoffException.usage(file + ": missing; " + FIX);
        }
        return doc;
    }

    /** Reads an optional file, or returns null when it does not exist. */
    static JsonDoc readOptional(Path file) {
        try {
            String text = Files.readString(file);
            JsonNode root = Json.mapper().readTree(text);
            if (root == null || root.isMissingNode()) {
                throw LiftoffException.usage(file + ": empty; " + FIX);
            }
            return new JsonDoc(file, root);
        } catch (NoSuchFileException e) {
            return null;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw LiftoffException.usage(
                    file + ": not valid JSON" + where + " (" + e.getOriginalMessage() + "); " + FIX);
        } catch (IOException e) {
            throw LiftoffException.environment(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    LiftoffException error(String field, String problem) {
        return LiftoffException.usage(file + ": " + field + " " + problem);
    }

    JsonNode array(JsonNode node, String where) {
        if (node == null || !node.isArray()) {
            throw error(where, "must be a JSON array; " + FIX);
        }
        return node;
    }

    JsonNode object(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw error(where, "must be a JSON object; " + FIX);
        }
        return node;
    }

    String text(JsonNode parent, String name, String where) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull() || !n.isTextual() || n.asText().isBlank()) {
            throw error(where + "." + name, "is missing or not a string; " + FIX);
        }
        return n.asText();
    }

    String optText(JsonNode parent, String name) {
        JsonNode n = parent == null ? null : parent.get(name);
        return n == null || n.isNull() || !n.isTextual() || n.asText().isBlank() ? null : n.asText();
    }

    int integer(JsonNode parent, String name, String where) {
        JsonNode n = parent.get(name);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 0) {
            throw error(where + "." + name, "must be a whole number of at least 0; " + FIX);
        }
        return n.asInt();
    }

    Integer optInteger(JsonNode parent, String name, String where) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        return integer(parent, name, where);
    }

    Double optNumber(JsonNode parent, String name, String where) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber() || n.asDouble() < 0) {
            throw error(where + "." + name, "must be a number of at least 0; " + FIX);
        }
        return n.asDouble();
    }
}
