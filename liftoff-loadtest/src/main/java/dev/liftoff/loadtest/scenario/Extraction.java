package dev.liftoff.loadtest.scenario;

import java.util.Objects;

/**
 * A value taken from a response body into a session variable for later steps: by a JSONPath ({@code $.token},
 * {@code $.items[0].id}) or by a regular expression whose first group (or whole match, without groups) is the value.
 */
public record Extraction(String variable, Kind kind, String expression) {
    /** The expression language. */
    public enum Kind {
        JSONPATH,
        REGEX
    }

    public Extraction {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expression, "expression");
        if (variable.isBlank()) {
            throw new IllegalArgumentException("an extraction needs a variable name");
        }
    }
}
