package dev.liftoff.loadtest.scenario;

import dev.liftoff.core.LiftoffException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where a recording is replayed: {@code https://staging.example.com/v2} sends {@code /api/orders} to
 * {@code https://staging.example.com/v2/api/orders}.
 *
 * @param pathPrefix empty, or a path starting with {@code /} and not ending with one
 */
public record BaseUrl(Origin origin, String pathPrefix) {
    public BaseUrl {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (!pathPrefix.isEmpty() && (!pathPrefix.startsWith("/") || pathPrefix.endsWith("/"))) {
            throw new IllegalArgumentException("path prefix must be empty or /like/this: '" + pathPrefix + "'");
        }
    }

    /** Parses {@code --base-url}. */
    public static BaseUrl parse(String text, String what) {
        try {
            URI uri = new URI(text.strip());
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(text, "no query or fragment allowed");
            }
            return new BaseUrl(Origin.of(uri), path);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw LiftoffException.usage(
                    what + ": '" + text
                            + "' is not a base URL; write for example https://staging.example.com or http://127.0.0.1:8080/app");
        }
    }

    /** The step sent here instead of where it was recorded. */
    public Step apply(Step s) {
        return new Step(
                s.name(),
                s.method(),
                origin,
                pathPrefix.isEmpty()
                        ? s.target()
                        : Template.of(pathPrefix + s.target().raw()),
                s.headers(),
                s.body(),
                s.think(),
                s.extractions());
    }

    @Override
    public String toString() {
        return origin + pathPrefix;
    }
}
