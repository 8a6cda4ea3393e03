package dev.liftoff.loadtest.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of JSONPath that pulls one value out of an API answer: {@code $.token}, {@code $.data.items[0].id},
 * {@code $['user-id']}, {@code $.items[*].id} (the first match) and {@code $..id} (the first {@code id} anywhere,
 * depth first). Immutable and thread-safe.
 */
public final class JsonPath {
    private sealed interface Segment permits Field, Index, Wildcard, Deep {}

    private record Field(String name) implements Segment {}

    private record Index(int index) implements Segment {}

    private record Wildcard() implements Segment {}

    private record Deep(String name) implements Segment {}

    private final String expression;
    private final List<Segment> segments;

    private JsonPath(String expression, List<Segment> segments) {
        this.expression = expression;
        this.segments = List.copyOf(segments);
    }

    /**
     * Compiles {@code expression}.
     *
     * @throws IllegalArgumentException naming the character position where the expression stops making sense
     */
    public static JsonPath compile(String expression) {
        String e = expression.strip();
        if (!e.startsWith("$")) {
            throw new IllegalArgumentException("a JSONPath starts with '$': '" + expression + "'");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        while (i < e.length()) {
            char c = e.charAt(i);
            if (c == '.' && i + 1 < e.length() && e.charAt(i + 1) == '.') {
                int end = nameEnd(e, i + 2);
                if (end == i + 2) {
                    throw bad(expression, i + 2, "a name after '..'");
                }
                segments.add(new Deep(e.substring(i + 2, end)));
                i = end;
            } else if (c == '.') {
                if (i + 1 < e.length() && e.charAt(i + 1) == '*') {
                    segments.add(new Wildcard());
                    i += 2;
                    continue;
                }
                int end = nameEnd(e, i + 1);
                if (end == i + 1) {
                    throw bad(expression, i + 1, "a name after '.'");
                }
                segments.add(new Field(e.substring(i + 1, end)));
                i = end;
            } else if (c == '[') {
                int close = e.indexOf(']', i);
                if (close < 0) {
                    throw bad(expression, i, "a closing ']'");
                }
                String inner = e.substring(i + 1, close).strip();
                if (inner.equals("*")) {
                    segments.add(new Wildcard());
                } else if (inner.length() >= 2
                        && (inner.startsWith("'") && inner.endsWith("'")
                                || inner.startsWith("\"") && inner.endsWith("\""))) {
                    segments.add(new Field(inner.substring(1, inner.length() - 1)));
                } else {
                    try {
                        segments.add(new Index(Integer.parseInt(inner)));
                    } catch (NumberFormatException ex) {
                        throw bad(expression, i + 1, "an index, '*' or a quoted name inside [ ]");
                    }
                }
                i = close + 1;
            } else {
                throw bad(expression, i, "'.' or '['");
            }
        }
        return new JsonPath(expression, segments);
    }

    private static int nameEnd(String e, int from) {
        int i = from;
        while (i < e.length() && e.charAt(i) != '.' && e.charAt(i) != '[') {
            i++;
        }
        return i;
    }

    private static IllegalArgumentException bad(String expression, int at, String expected) {
        return new IllegalArgumentException(
                "JSONPath '" + expression + "' at character " + (at + 1) + ": expected " + expected);
    }

    public String expression() {
        return expression;
    }

    /** The first value the path reaches: text as is, numbers and booleans as written, objects and arrays as JSON. */
    public Optional<String> evaluate(JsonNode root) {
        JsonNode found = walk(root, 0);
        if (found == null || found.isMissingNode() || found.isNull()) {
            return Optional.empty();
        }
        return Optional.of(found.isValueNode() ? found.asText() : found.toString());
    }

    private JsonNode walk(JsonNode node, int at) {
        if (node == null) {
            return null;
        }
        if (at == segments.size()) {
            return node;
        }
        Segment s = segments.get(at);
        return switch (s) {
            case Field f -> walk(node.get(f.name()), at + 1);
            case Index x ->
                walk(node.isArray() ? node.get(x.index() < 0 ? node.size() + x.index() : x.index()) : null, at + 1);
            case Wildcard w -> {
                for (JsonNode child : node) {
                    JsonNode r = walk(child, at + 1);
                    if (r != null && !r.isMissingNode()) {
                        yield r;
                    }
                }
                yield null;
            }
            case Deep d -> deep(node, d.name(), at + 1);
        };
    }

    private JsonNode deep(JsonNode node, String name, int next) {
        if (node.isObject() && node.has(name)) {
            JsonNode r = walk(node.get(name), next);
            if (r != null) {
                return r;
            }
        }
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                JsonNode r = deep(child, name, next);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return expression;
    }
}
