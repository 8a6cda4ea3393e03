package dev.liftoff.cli.gateway;

import dev.liftoff.cli.common.Streams;
import dev.liftoff.gateway.AdminClient;
import dev.liftoff.gateway.GatewayStatus;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code liftoff gateway status}: what a running gateway is doing now. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show a running gateway's mode, upstream, requests in flight, requests held,",
            "open WebSockets and active users (distinct session cookies, else client",
            "addresses, seen within serve's --active-window)."
        },
        footer = {
            "",
            "Examples:",
            "  liftoff gateway status --admin http://127.0.0.1:9090 \\",
            "      --admin-token-file gateway.token",
            "  liftoff gateway status --json --admin 127.0.0.1:9090 \\",
            "      --admin-token-file gateway.token | jq .in_flight"
        })
public final class GatewayStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions admin;

    @Mixin
    JsonFlag json;

    @Override
    public Integer call() {
        PrintStream out = Streams.of(spec.commandLine().getOut());
        try (AdminClient client = admin.client()) {
            GatewayStatus s = client.status();
            if (!json.toStdout()) {
                out.print(StatusText.of(s));
                out.flush();
            }
            json.write(s, out);
        }
        return 0;
    }
}
