package dev.liftoff.loadtest.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One request of a session. The origin is fixed when the scenario is loaded (so connections can be made ahead);
 * path, header values and body may reference session variables.
 *
 * @param name the request name that results are grouped by
 * @param target the path and query, starting with {@code /}
 * @param body the body, if any
 * @param think a pause before the request
 */
public record Step(
        String name,
        String method,
        Origin origin,
        Template target,
        List<Header> headers,
        Optional<Template> body,
        Think think,
        List<Extraction> extractions) {
    public Step {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(think, "think");
        method = method.toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("not an HTTP method: '" + method + "'");
        }
        if (!target.raw().startsWith("/")) {
            throw new IllegalArgumentException("a request target must start with '/': '" + target.raw() + "'");
        }
        headers = List.copyOf(headers);
        body = Objects.requireNonNull(body, "body");
        extractions = List.copyOf(extractions);
    }

    /** A step with no headers, body, think time or extraction. */
    public static Step get(String name, Origin origin, String target) {
        return new Step(name, "GET", origin, Template.of(target), List.of(), Optional.empty(), Think.NONE, List.of());
    }

    /** This step with the references that {@code constants} knows filled in. */
    public Step bindConstants(java.util.Map<String, String> constants) {
        if (constants.isEmpty()) {
            return this;
        }
        return new Step(
                name,
                method,
                origin,
                target.bind(constants),
                headers.stream()
                        .map(h -> new Header(h.name(), h.value().bind(constants)))
                        .toList(),
                body.map(b -> b.bind(constants)),
                think,
                extractions);
    }

    /** The full URL as written, for messages and exports. */
    public String url() {
        return origin + target.raw();
    }
}
