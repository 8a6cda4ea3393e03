package dev.liftoff.loadtest.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Text with {@code ${name}} references, the way JMeter and the YAML scenarios write values that a session fills in
 * (extracted from an earlier response, or a CSV row). Immutable and thread-safe. A reference with no value renders as
 * written, so a missing variable shows in the request instead of vanishing.
 */
public final class Template {
    private final String raw;
    private final String[] literals;
    private final String[] names;

    private Template(String raw, List<String> literals, List<String> names) {
        this.raw = raw;
        this.literals = literals.toArray(String[]::new);
        this.names = names.toArray(String[]::new);
    }

    /** Parses {@code text}; an unclosed {@code ${} is a literal. */
    public static Template of(String text) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            int close = open < 0 ? -1 : text.indexOf('}', open + 2);
            if (open < 0 || close < 0) {
                lit.append(text, i, text.length());
                break;
            }
            lit.append(text, i, open);
            literals.add(lit.toString());
            lit.setLength(0);
            names.add(text.substring(open + 2, close));
            i = close + 1;
        }
        literals.add(lit.toString());
        return new Template(text, literals, names);
    }

    /** The text as written, references included. */
    public String raw() {
        return raw;
    }

    /** True when the text has no references: it renders the same for every session. */
    public boolean isStatic() {
        return names.length == 0;
    }

    /** Fills in the references that {@code values} knows; others stay as written. */
    public String render(Map<String, String> values) {
        if (names.length == 0) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < names.length; i++) {
            sb.append(literals[i]);
            String v = values.get(names[i]);
            sb.append(v != null ? v : "${" + names[i] + "}");
        }
        return sb.append(literals[names.length]).toString();
    }

    /** A template with the references that {@code constants} knows replaced, the others kept for later. */
    public Template bind(Map<String, String> constants) {
        if (names.length == 0 || constants.isEmpty()) {
            return this;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            sb.append(literals[i]);
            String v = constants.get(names[i]);
            sb.append(v != null ? v : "${" + names[i] + "}");
        }
        return of(sb.append(literals[names.length]).toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template t && t.raw.equals(raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return raw;
    }
}
