package dev.liftoff.plan.generate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pinned base images, by runtime line: an exact tag for each, so a rebuild months later starts from the same
 * layers. A version the app asks for that is not listed gets the newest listed line and a note.
 */
final class BaseImages {
    static final String UV_IMAGE = "ghcr.io/astral-sh/uv:0.5.11";
    static final String POETRY_VERSION = "1.8.5";
    static final String GO_RUNTIME = "debian:12.8-slim";
    static final String POSTGRES = "postgres:16.6-bookworm";
    static final String VALKEY = "valkey/valkey:7.2.8";

    private static final Map<String, String> NODE =
            new TreeMap<>(Map.of("18", "18.20.5", "20", "20.18.1", "22", "22.12.0"));
    private static final Map<String, String> TEMURIN =
            new TreeMap<>(Map.of("11", "11.0.25_9", "17", "17.0.13_11", "21", "21.0.5_11"));
    private static final Map<String, String> PYTHON =
            new TreeMap<>(Map.of("3.11", "3.11.11", "3.12", "3.12.8", "3.13", "3.13.1"));
    private static final Map<String, String> RUBY =
            new TreeMap<>(Map.of("3.2", "3.2.6", "3.3", "3.3.6", "3.4", "3.4.1"));
    private static final Map<String, String> GO =
            new TreeMap<>(Map.of("1.21", "1.21.13", "1.22", "1.22.10", "1.23", "1.23.4"));

    /** A runtime line chosen for a stack, and a note when the tree asked for something else. */
    record Choice(String line, String exact, String note) {}

    private BaseImages() {}

    static Choice node(String spec) {
        return choose("Node", NODE, spec, "(\\d+)", "22");
    }

    static Choice java(String spec) {
        return choose("Java", TEMURIN, spec, "(\\d+)", "21");
    }

    static Choice python(String spec) {
        return choose("Python", PYTHON, spec, "(\\d+\\.\\d+)", "3.12");
    }

    static Choice ruby(String spec) {
        Choice c = choose("Ruby", RUBY, spec, "(\\d+\\.\\d+)", "3.3");
        // Ruby's official images carry every patch release: keep the exact version the Gemfile pins.
        if (spec.matches("\\d+\\.\\d+\\.\\d+") && RUBY.containsKey(c.line) && spec.startsWith(c.line + ".")) {
            return new Choice(c.line, spec, "");
        }
        return c;
    }

    static Choice go(String spec) {
        return choose("Go", GO, spec, "(\\d+\\.\\d+)", "1.23");
    }

    private static Choice choose(String what, Map<String, String> lines, String spec, String form, String newest) {
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty() || s.startsWith(">") || s.equals("*") || s.equals("latest")) {
            return new Choice(newest, lines.get(newest), s.isEmpty() ? "" : what + " '" + s + "': built on " + newest);
        }
        Matcher m = Pattern.compile(form).matcher(s);
        if (m.find() && lines.containsKey(m.group(1))) {
            return new Choice(m.group(1), lines.get(m.group(1)), "");
        }
        return new Choice(
                newest,
                lines.get(newest),
                what + " '" + s + "' is not a line liftoff pins (" + String.join(", ", List.copyOf(lines.keySet()))
                        + "); the Dockerfiles use " + lines.get(newest) + ": change the FROM lines if it must be "
                        + s);
    }
}
