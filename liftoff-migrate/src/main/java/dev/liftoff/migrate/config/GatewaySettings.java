package dev.liftoff.migrate.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The gateway that already fronts the old platform: its admin API, the file holding the admin token (the token itself
 * never enters {@code liftoff.yaml}), and the upstream it switches to at cutover.
 *
 * @param admin the admin listener, e.g. {@code http://127.0.0.1:9091}
 * @param tokenFile the bearer token's file, resolved against the directory of {@code liftoff.yaml}
 * @param newUpstream where the new platform's web process answers
 */
public record GatewaySettings(URI admin, Path tokenFile, URI newUpstream) {
    public GatewaySettings {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(newUpstream, "newUpstream");
    }
}
