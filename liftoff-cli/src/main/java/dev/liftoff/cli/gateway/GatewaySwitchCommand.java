package dev.liftoff.cli.gateway;

import dev.liftoff.cli.common.Streams;
import dev.liftoff.gateway.AdminClient;
import dev.liftoff.gateway.GatewayStatus;
import dev.liftoff.gateway.Upstream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff gateway switch --to URL}. */
@Command(
        name = "switch",
        mixinStandardHelpOptions = true,
        description = {
            "Point a running gateway at a new upstream, atomically: requests already sent",
            "to the old one finish there; every later one (and every held one, when the",
            "mode returns to pass) goes to the new one."
        },
        footer = {
            "",
            "Example:",
            "  liftoff gateway switch --to https://app.example-aws.com \\",
            "      --admin http://127.0.0.1:9090 --admin-token-file gateway.token"
        })
public final class GatewaySwitchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "URL",
            description = "The new upstream origin: http(s)://HOST[:PORT], no path.")
    String to;

    @Mixin
    AdminOptions admin;

    @Mixin
    JsonFlag json;

    @Override
    public Integer call() {
        Upstream upstream = Upstream.parse(to, "--to");
        PrintStream out = Streams.of(spec.commandLine().getOut());
        try (AdminClient client = admin.client()) {
            GatewayStatus s = client.switchTo(upstream);
            if (!json.toStdout()) {
                out.printf(
                        "upstream %s (mode %s, %d in flight finish on the old one)%n",
                        s.upstream(), s.mode(), s.inFlight());
            }
            json.write(s, out);
        }
        return 0;
    }
}
