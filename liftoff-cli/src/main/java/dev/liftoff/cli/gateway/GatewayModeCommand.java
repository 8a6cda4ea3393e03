package dev.liftoff.cli.gateway;

import dev.liftoff.cli.common.Streams;
import dev.liftoff.gateway.AdminClient;
import dev.liftoff.gateway.GatewayStatus;
import dev.liftoff.gateway.Mode;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code liftoff gateway mode pass|hold|maintenance}. */
@Command(
        name = "mode",
        mixinStandardHelpOptions = true,
        description = {
            "Set what a running gateway does with new requests:",
            "  pass         proxy them to the current upstream",
            "  hold         queue them (up to --hold-max, for --hold-timeout) while in-flight",
            "               ones finish; they go to the upstream current when hold ends",
            "  maintenance  503 with Retry-After: an HTML page, or JSON by Accept"
        },
        footer = {
            "",
            "Examples:",
            "  liftoff gateway mode hold --admin http://127.0.0.1:9090 \\",
            "      --admin-token-file gateway.token",
            "  liftoff gateway mode pass --admin 127.0.0.1:9090 --admin-token-file gateway.token"
        })
public final class GatewayModeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODE", description = "pass, hold or maintenance.")
    String mode;

    @Mixin
    AdminOptions admin;

    @Mixin
    JsonFlag json;

    @Override
    public Integer call() {
        Mode m = Mode.parse(mode);
        PrintStream out = Streams.of(spec.commandLine().getOut());
        try (AdminClient client = admin.client()) {
            GatewayStatus s = client.mode(m);
            if (!json.toStdout()) {
                // Held requests leave the queue on their own event loops just after this answer.
                String held = m != Mode.HOLD && s.held() > 0
                        ? "releasing " + s.held() + " held request(s) to " + s.upstream()
                        : s.held() + " held, upstream " + s.upstream();
                out.printf("mode %s: %d in flight, %s%n", s.mode(), s.inFlight(), held);
            }
            json.write(s, out);
        }
        return 0;
    }
}
