package dev.liftoff.migrate.config;

import dev.liftoff.core.LiftoffException;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A value that {@code liftoff.yaml} names by environment variable ({@code ${env:DATABASE_URL}}) instead of holding it,
 * because connection URLs carry passwords. {@code where} locates the reference ({@code liftoff.yaml:4:
 * source.postgres}) for messages. Immutable.
 */
public record EnvRef(String variable, String where) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public EnvRef {
        Objects.requireNonNull(where, "where");
        if (variable == null || !NAME.matcher(variable).matches()) {
            throw LiftoffException.usage(
                    where + ": '" + variable + "' is not an environment variable name; write ${env:NAME}");
        }
    }

    /**
     * The variable's value in {@code env}.
     *
     * @throws LiftoffException a usage error naming the variable and the place that refers to it when it is unset
     */
    public String resolve(Map<String, String> env) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw LiftoffException.usage(where + ": environment variable " + variable
                    + " is not set; export it with the URL before running liftoff");
        }
        return value;
    }

    /** {@code ${env:NAME}}, as written in the file: safe to print. */
    @Override
    public String toString() {
        return "${env:" + variable + "}";
    }
}
