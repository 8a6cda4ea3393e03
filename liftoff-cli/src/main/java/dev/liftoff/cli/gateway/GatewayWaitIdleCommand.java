package dev.liftoff.cli.gateway;

import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.gateway.AdminClient;
import dev.liftoff.gateway.WaitIdleResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff gateway wait-idle}: blocks until nothing is in flight. */
@Command(
        name = "wait-idle",
        mixinStandardHelpOptions = true,
        description = {
            "Wait until a running gateway has no request in flight (held requests and",
            "open WebSockets do not count). Exit code 0 when idle, 1 when --timeout",
            "passes first."
        },
        footer = {
            "",
            "Example:",
            "  A='--admin http://127.0.0.1:9090 --admin-token-file gateway.token'",
            "  liftoff gateway mode hold $A && liftoff gateway wait-idle --timeout 30s $A"
        })
public final class GatewayWaitIdleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "How long to wait at most (default ${DEFAULT-VALUE}), e.g. 500ms, 30s, 2m.")
    String timeout;

    @Mixin
    AdminOptions admin;

    @Mixin
    JsonFlag json;

    @Override
    public Integer call() {
        Duration t = Durations.parse(timeout, "--timeout");
        if (t.isNegative() || t.isZero() || t.compareTo(Duration.ofHours(1)) > 0) {
            throw LiftoffException.usage("--timeout must be between 1ms and 1h, e.g. 30s");
        }
        PrintStream out = Streams.of(spec.commandLine().getOut());
        try (AdminClient client = admin.client()) {
            WaitIdleResult r = client.waitIdle(t);
            json.write(r, out);
            if (!r.idle()) {
                throw LiftoffException.checkFailed("still " + r.status().inFlight() + " request(s) in flight after "
                        + Durations.human(t) + "; wait longer (--timeout) or look at the slow requests upstream");
            }
            if (!json.toStdout()) {
                out.printf(
                        "idle after %s (%d held, %d websockets open)%n",
                        Durations.human(Duration.ofMillis(r.waitedMillis())),
                        r.status().held(),
                        r.status().websockets());
            }
        }
        return 0;
    }
}
