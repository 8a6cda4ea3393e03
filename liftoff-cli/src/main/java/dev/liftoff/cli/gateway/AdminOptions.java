package dev.liftoff.cli.gateway;

import dev.liftoff.gateway.AdminClient;
import dev.liftoff.gateway.AdminToken;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --admin URL --admin-token-file FILE}: how the control commands reach a running gateway. */
final class AdminOptions {
    @Option(
            names = "--admin",
            required = true,
            paramLabel = "URL",
            description = "The admin listener of 'liftoff gateway serve', e.g. http://127.0.0.1:9090 (or HOST:PORT).")
    String admin;

    @Option(
            names = "--admin-token-file",
            required = true,
            paramLabel = "FILE",
            description = "The file holding the bearer token given to 'liftoff gateway serve'.")
    Path tokenFile;

    /** Validates both options (usage errors) before any network traffic. */
    AdminClient client() {
        AdminToken token = AdminToken.read(tokenFile);
        return new AdminClient(AdminClient.parseUrl(admin, "--admin"), token);
    }
}
