package dev.liftoff.loadtest.scenario;

import java.util.Objects;

/** One request header; the value may reference session variables. */
public record Header(String name, Template value) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank() || name.indexOf(':') >= 0 || name.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("not a header name: '" + name + "'");
        }
    }

    public static Header of(String name, String value) {
        return new Header(name, Template.of(value));
    }
}
